package dev.marginsim.oracle.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.path.PricePath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The event-driven update rule against a second-by-second simulation of the same rule. */
class DeviationHeartbeatTest {
    private static final long SEED = 0xD1E5_0004L;

    static PricePath walk(SplittableRandom r, int n) {
        long[] t = new long[n];
        long[] p = new long[n];
        long time = 1_700_000_000L;
        long price = 2_000_00000000L;
        for (int i = 0; i < n; i++) {
            time += r.nextInt(8) == 0 ? 600 + r.nextInt(9_000) : 1 + r.nextInt(120);
            price = Math.max(1, price + price / 10_000 * r.nextInt(-120, 121));
            t[i] = time;
            p[i] = price;
        }
        return new PricePath("ETH/USD", 8, t, p);
    }

    /** Second by second: the rule as Chainlink's nodes apply it, with exact BigInteger deviation. */
    static List<Report> simulate(PricePath m, long bps, long heartbeat, long latency) {
        List<Report> out = new ArrayList<>();
        long last = m.startTime();
        BigInteger answer = BigInteger.valueOf(m.price(0));
        out.add(Report.at(last + latency, m.price(0)));
        for (long s = m.startTime() + 1; s <= m.endTime(); s++) {
            BigInteger p = BigInteger.valueOf(m.priceAt(s));
            boolean dev = !p.equals(answer) && p.subtract(answer).abs().multiply(BigInteger.valueOf(10_000))
                    .compareTo(BigInteger.valueOf(bps).multiply(answer)) >= 0;
            if (s - last >= heartbeat || dev) {
                last = s;
                answer = p;
                out.add(Report.at(s + latency, p.longValueExact()));
            }
        }
        return out;
    }

    @Test
    void matchesASecondBySecondSimulation() {
        System.out.println("DeviationHeartbeatTest seed " + SEED);
        SplittableRandom r = new SplittableRandom(SEED);
        for (int round = 0; round < 8; round++) {
            PricePath m = walk(r, 200);
            long bps = r.nextInt(4) == 0 ? 0 : 10 + r.nextInt(200);
            long heartbeat = 60 + r.nextInt(7_200);
            long latency = r.nextInt(30);
            List<Report> fast = new DeviationHeartbeat(bps, heartbeat, latency).reports(m);
            assertEquals(simulate(m, bps, heartbeat, latency), fast,
                    "seed " + SEED + " round " + round + " bps " + bps + " heartbeat " + heartbeat);
        }
    }

    @Test
    void theFeedLagsTheMarketByLessThanTheThresholdAndNeverLongerThanTheHeartbeat() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        PricePath m = walk(r, 2_000);
        long bps = 50;
        long heartbeat = 3_600;
        OracleView view = OracleScenario.over(m).updates(new DeviationHeartbeat(bps, heartbeat, 0)).view();
        for (int i = 0; i < m.size(); i++) {
            BigInteger shown = view.latestAt(m.time(i)).orElseThrow().answer();
            BigInteger gap = BigInteger.valueOf(m.price(i)).subtract(shown).abs().multiply(BigInteger.valueOf(10_000));
            assertTrue(gap.compareTo(shown.multiply(BigInteger.valueOf(bps))) < 0, "point " + i);
        }
        List<PriceRound> rounds = view.rounds();
        for (int i = 1; i < rounds.size(); i++) {
            assertTrue(rounds.get(i).updatedAt() - rounds.get(i - 1).updatedAt() <= heartbeat);
        }
        assertTrue(rounds.size() < m.size(), "a 0.5% threshold skips small moves");
    }

    @Test
    void latencyDelaysEveryWriteAndKeepsTheObservedPrice() {
        PricePath m = walk(new SplittableRandom(SEED + 2), 200);
        List<Report> now = new DeviationHeartbeat(30, 1_800, 0).reports(m);
        List<Report> later = new DeviationHeartbeat(30, 1_800, 12).reports(m);
        assertEquals(now.size(), later.size());
        for (int i = 0; i < now.size(); i++) {
            assertEquals(now.get(i).updatedAt() + 12, later.get(i).updatedAt());
            assertEquals(now.get(i).answer(), later.get(i).answer());
        }
        assertThrows(IllegalArgumentException.class, () -> new DeviationHeartbeat(50, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DeviationHeartbeat(-1, 60, 0));
    }

    @Test
    void deviationIsComparedExactlyEvenForHugeAnswers() {
        DeviationHeartbeat rule = new DeviationHeartbeat(50, 3_600, 0);
        long big = Long.MAX_VALUE / 2;
        assertTrue(rule.deviates(big + big / 200 + 1, big));
        assertTrue(!rule.deviates(big + big / 200 - 1, big));
        assertTrue(rule.deviates(1_005, 1_000));
        assertTrue(!rule.deviates(1_004, 1_000));
    }
}
