package dev.marginsim.prover.snapshot;

import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.scenario.CrashMetrics;
import dev.marginsim.simulator.scenario.CrashScenario;
import dev.marginsim.simulator.scenario.EngineSink;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;

/**
 * A round taken from a simulation: the built-in crash scenario (a seeded book on
 * {@link ProtocolSetup#standard()}, then {@code minutes} one-minute price updates) run on the engine,
 * and the state at its end as a round of chain id 0 and the zero protocol address. A pure function of
 * its arguments.
 */
public final class SimulatedRound {
    private SimulatedRound() {
    }

    /**
     * @param config    the crash to run ({@code minutes} = 0 takes the round right after the book is built)
     * @param startTime block time of the deployment, unix seconds
     * @param roundId   the round number to give it
     */
    public static Round crash(CrashScenario.Config config, long startTime, long roundId) {
        ProtocolSetup setup = ProtocolSetup.standard();
        EngineDeployment deployment = EngineDeployer.deploy(setup, startTime);
        PriceRecorder recorder = new PriceRecorder(new EngineSink(deployment), setup, startTime);
        CrashScenario scenario = new CrashScenario(config, setup, deployment.engine(), recorder, new CrashMetrics());
        scenario.buildBook(a -> { });
        if (config.minutes() > 0) {
            scenario.crash(m -> { });
        }
        return EngineSnapshot.take(deployment.engine(), setup, recorder.snapshot(), 0, Address.ZERO, roundId);
    }
}
