package dev.marginsim.oracle.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.path.PricePath;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OracleViewTest {
    private static final long SEED = 5_005L;

    @Test
    void theFeedShowsTheLatestRoundWrittenByItsClock() {
        System.out.println("OracleViewTest seed " + SEED);
        SplittableRandom r = new SplittableRandom(SEED);
        PricePath m = DeviationHeartbeatTest.walk(r, 400);
        OracleView v = OracleScenario.over(m).updates(new DeviationHeartbeat(20, 1_800, 5)).view();
        long[] clock = {0};
        PriceFeed feed = v.feed(() -> clock[0]);
        assertEquals("ETH/USD", feed.source());
        assertEquals(8, feed.decimals());
        for (int k = 0; k < 2_000; k++) {
            long t = m.startTime() + r.nextLong(m.endTime() - m.startTime() + 10_000);
            clock[0] = t;
            PriceRound expected = null;
            for (PriceRound x : v.rounds()) {
                if (x.updatedAt() <= t) {
                    expected = x;
                }
            }
            if (expected == null) {
                assertThrows(NoRoundException.class, feed::latestRound);
            } else {
                assertEquals(expected, feed.latestRound());
                assertEquals(Optional.of(expected), feed.round(expected.roundId()));
                assertEquals(Optional.empty(), feed.round(expected.roundId().add(BigInteger.ONE)), "not written yet");
            }
        }
        NoRoundException e = assertThrows(NoRoundException.class, () -> v.feedAt(m.startTime()).latestRound());
        assertTrue(e.getMessage().contains("ETH/USD"));
    }

    @Test
    void roundsAreNumberedConsecutivelyAndValidated() {
        OracleView v = OracleView.number("X", 8, List.of(Report.at(10, 5), new Report(20, 20, BigInteger.TEN, true)), 0);
        assertEquals(List.of(BigInteger.ONE, BigInteger.TWO), v.rounds().stream().map(PriceRound::roundId).toList());
        assertEquals(BigInteger.ONE, v.rounds().get(1).answeredInRound());
        assertThrows(IllegalArgumentException.class,
                () -> OracleView.number("X", 8, List.of(Report.at(20, 5), Report.at(10, 5)), 0));
        assertThrows(IllegalArgumentException.class, () -> OracleView.number("X", 8, List.of(), 1 << 16));
        assertThrows(IllegalArgumentException.class, () -> new OracleView("X", 8,
                List.of(PriceRound.complete("Y", 1, 5, 8, 10))));
    }
}
