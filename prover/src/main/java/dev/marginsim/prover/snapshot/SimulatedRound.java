package dev.marginsim.prover.snapshot;

import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.engine.MarginEngine;
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
        return run(config, startTime, roundId).round();
    }

    /**
     * The round together with the engine it was taken from, whose state a margin proof opens
     * (engine account {@code i} is {@link Address#ofIndex(long) i}).
     */
    public record Run(Round round, MarginEngine engine, ProtocolSetup setup) {
    }

    /** As {@link #crash} but keeps the engine. */
    public static Run run(CrashScenario.Config config, long startTime, long roundId) {
        ProtocolSetup setup = ProtocolSetup.standard();
        EngineDeployment deployment = EngineDeployer.deploy(setup, startTime);
        PriceRecorder recorder = new PriceRecorder(new EngineSink(deployment), setup, startTime);
        CrashScenario scenario = new CrashScenario(config, setup, deployment.engine(), recorder, new CrashMetrics());
        scenario.buildBook(a -> { });
        if (config.minutes() > 0) {
            scenario.crash(m -> { });
        }
        Round round = EngineSnapshot.take(deployment.engine(), setup, recorder.snapshot(), 0, Address.ZERO, roundId);
        return new Run(round, deployment.engine(), setup);
    }
}
