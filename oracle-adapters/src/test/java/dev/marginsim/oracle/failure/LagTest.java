package dev.marginsim.oracle.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.oracle.path.PricePath;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LagTest {
    private static final long SEED = 8_008L;

    @Test
    void theDeviationRuleBoundsTheLagAndTheHeartbeatBoundsTheGap() {
        System.out.println("LagTest seed " + SEED);
        PricePath m = DeviationHeartbeatTest.walk(new SplittableRandom(SEED), 3_000);
        for (long bps : new long[] {10, 50, 200}) {
            Lag lag = Lag.of(m, OracleScenario.over(m).updates(new DeviationHeartbeat(bps, 3_600, 0)).view());
            assertTrue(lag.maxDeviationBps() <= bps, bps + ": " + lag);
            assertTrue(lag.maxDeviationBps() > 0, "a walk moves between rounds: " + lag);
            assertTrue(lag.longestGapSeconds() <= 3_600, lag.toString());
            assertEquals(0, lag.uncovered());
        }
        Lag frozen = Lag.of(m, OracleScenario.over(m).updates(new DeviationHeartbeat(50, 3_600, 0))
                .fail(new Freeze(m.startTime() + 20_000, m.startTime() + 60_000)).view());
        assertTrue(frozen.longestGapSeconds() >= 40_000, frozen.toString());
    }

    @Test
    void deviationIsRoundedUpInBasisPointsOfTheShownAnswer() {
        PricePath m = new PricePath("X", 0, new long[] {10, 20, 30}, new long[] {10_000, 10_001, 9_997});
        OracleView v = OracleView.number("X", 0, java.util.List.of(Report.at(10, 10_000)), 0);
        Lag lag = Lag.of(m, v);
        assertEquals(3, lag.maxDeviationBps());
        assertEquals(30, lag.maxDeviationAt());
        PricePath early = new PricePath("X", 0, new long[] {5, 10}, new long[] {10_000, 10_000});
        assertEquals(1, Lag.of(early, v).uncovered());
        PricePath third = new PricePath("X", 0, new long[] {10}, new long[] {10_001});
        OracleView v3 = OracleView.number("X", 0, java.util.List.of(Report.at(10, 3)), 0);
        assertEquals(((10_001L - 3) * 10_000 + 2) / 3, Lag.of(third, v3).maxDeviationBps(), "(10001 - 3) * 10000 / 3, rounded up");
    }
}
