package dev.marginsim.prover.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.engine.MarginEngine;
import dev.marginsim.simulator.engine.PositionState;
import dev.marginsim.simulator.scenario.Action;
import dev.marginsim.simulator.scenario.CrashMetrics;
import dev.marginsim.simulator.scenario.CrashScenario;
import dev.marginsim.simulator.scenario.EngineSink;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EngineSnapshotTest {
    private static final long START = 1_767_225_600L;

    private record Run(EngineDeployment deployment, PriceRecorder recorder) {
    }

    private static Run crash(int accounts, int minutes, long seed) {
        ProtocolSetup setup = ProtocolSetup.standard();
        EngineDeployment d = EngineDeployer.deploy(setup, START);
        PriceRecorder recorder = new PriceRecorder(new EngineSink(d), setup, START);
        CrashScenario s = new CrashScenario(new CrashScenario.Config(accounts, seed, minutes, 0.35, 0.15), setup, d.engine(),
                recorder, new CrashMetrics());
        s.buildBook(a -> { });
        s.crash(m -> { });
        return new Run(d, recorder);
    }

    @Test
    void collateralLiabilitiesAddUpToTheProtocolsDepositsAndReservesAreWhatItHolds() {
        Run run = crash(80, 40, 3);
        MarginEngine e = run.deployment().engine();
        Round round = EngineSnapshot.take(e, ProtocolSetup.standard(), run.recorder().snapshot(), 0, Address.ZERO, 1);
        long[] totals = round.totals();
        for (int asset = 1; asset < e.assetCount(); asset++) {
            assertEquals(e.totalDepositsE9(asset), totals[asset], "asset " + asset);
        }
        for (int asset = 0; asset < e.assetCount(); asset++) {
            assertEquals(e.solvency(asset).held(), round.info().assets().get(asset).reservesTokens());
        }
        long existing = java.util.stream.IntStream.rangeClosed(0, e.maxAccountId()).filter(a -> e.account(a).exists()).count();
        assertEquals(existing, round.accounts().size());
        assertTrue(round.info().priceProblem().isEmpty());
        assertEquals(run.recorder().snapshot().hash().length, 32);
    }

    @Test
    void theSettlementClaimIsEachPoolsEquityFloorsAtZero() {
        Run run = crash(60, 60, 5);
        MarginEngine e = run.deployment().engine();
        Round round = EngineSnapshot.take(e, ProtocolSetup.standard(), run.recorder().snapshot(), 0, Address.ZERO, 1);
        int negativeQuotes = 0;
        for (Liabilities l : round.accounts()) {
            int a = (int) new BigInteger(1, l.account().toBytes()).longValueExact();
            long quote = e.account(a).quoteE6();
            negativeQuotes += quote < 0 ? 1 : 0;
            long expected = Math.max(0, e.accountHealth(a).equityE6() - collateralValue(e, a));
            for (int m = 0; m < e.marketCount(); m++) {
                PositionState p = e.position(a, m, true);
                if (p.sizeE9() != 0 || p.marginE6() != 0) {
                    expected += Math.max(0, e.isolatedHealth(a, m).equityE6());
                }
            }
            assertEquals(expected, l.column(0), "account " + a);
        }
        System.out.println("accounts with a negative quote balance: " + negativeQuotes);
    }

    private static long collateralValue(MarginEngine e, int a) {
        long v = 0;
        for (int id = 1; id < e.assetCount(); id++) {
            v += BigInteger.valueOf(e.account(a).collateralE9()[id]).multiply(BigInteger.valueOf(e.assetPriceE8(id)))
                    .divide(BigInteger.valueOf(100_000_000_000L)).longValueExact();
        }
        return v;
    }

    @Test
    void aSnapshotThatIsNotTheEnginesPricesIsRefused() {
        ProtocolSetup setup = ProtocolSetup.standard();
        EngineDeployment d = EngineDeployer.deploy(setup, START);
        PriceRecorder recorder = new PriceRecorder(new EngineSink(d), setup, START);
        // The engine moves ETH, but the recorder is bypassed: its snapshot still shows the old answer.
        d.engine().setRound(d.feeds().get(0), 2, 2_500_00000000L, START, START, 2);
        SnapshotException e = assertThrows(SnapshotException.class,
                () -> EngineSnapshot.take(d.engine(), setup, recorder.snapshot(), 0, Address.ZERO, 1));
        assertEquals(SnapshotException.Reason.PRICE_MISMATCH, e.reason());
    }

    @Test
    void aStalePriceIsANamedRefusal() {
        ProtocolSetup setup = ProtocolSetup.standard();
        EngineDeployment d = EngineDeployer.deploy(setup, START);
        PriceRecorder recorder = new PriceRecorder(new EngineSink(d), setup, START);
        recorder.apply(new Action.SetTime(START + 2 * 3_600)); // past the one-hour heartbeat
        SnapshotException e = assertThrows(SnapshotException.class,
                () -> EngineSnapshot.take(d.engine(), setup, recorder.snapshot(), 0, Address.ZERO, 1));
        assertEquals(SnapshotException.Reason.PRICE_UNAVAILABLE, e.reason());
    }
}
