package dev.marginsim.oracle.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.chainlink.FeedException;
import dev.marginsim.oracle.guard.GuardedFeed;
import dev.marginsim.oracle.guard.Guards;
import dev.marginsim.oracle.guard.MutableFeed;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Median, fallback and time-weighted average on in-memory feeds. */
class AggregatesTest {
    private static final long SEED = Long.getLong("marginsim.aggregate.seed", 20_261_125L);

    private static List<BigInteger> bi(long... v) {
        List<BigInteger> out = new ArrayList<>();
        for (long x : v) {
            out.add(BigInteger.valueOf(x));
        }
        return out;
    }

    @Test
    void medianOfOddAndEvenCountsFloorsTheMiddleMean() {
        assertEquals(BigInteger.valueOf(5), MedianFeed.median(bi(1, 5, 9)));
        assertEquals(BigInteger.valueOf(5), MedianFeed.median(bi(1, 5, 6, 9)), "(5 + 6) / 2 = 5.5 floors to 5");
        assertEquals(BigInteger.valueOf(-6), MedianFeed.median(bi(-9, -6, -5, 1)), "-5.5 floors to -6, not -5");
    }

    @Test
    void medianSplitsTheAnswersInHalves() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        System.out.println("medianSplitsTheAnswersInHalves seed " + SEED);
        for (int i = 0; i < 2_000; i++) {
            int n = rnd.nextInt(1, 12);
            List<BigInteger> v = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                v.add(BigInteger.valueOf(rnd.nextLong(-1_000, 1_000)));
            }
            Collections.sort(v);
            BigInteger m = MedianFeed.median(v);
            long below = v.stream().filter(x -> x.compareTo(m) <= 0).count();
            long above = v.stream().filter(x -> x.compareTo(m) >= 0).count();
            assertTrue(2 * below >= n && 2 * above >= n, "seed " + SEED + " case " + i + ": " + v + " → " + m);
            // the two middle values bracket it
            assertTrue(m.compareTo(v.get((n - 1) / 2)) >= 0 && m.compareTo(v.get(n / 2)) <= 0, v + " → " + m);
        }
    }

    @Test
    void medianFeedLeavesOutRefusedSourcesAndNeedsAQuorum() {
        MutableFeed a = new MutableFeed("a", 8);
        MutableFeed b = new MutableFeed("b", 8);
        MutableFeed c = new MutableFeed("c", 8);
        a.push(100, 50);
        b.push(300, 40);
        c.push(-1, 60);
        long now = 70;
        var guarded = List.of(a, b, c).stream()
                .map(f -> GuardedFeed.of(f, () -> now, Guards.positiveAnswer())).toList();
        MedianFeed median = new MedianFeed(guarded, 2);
        PriceRound r = median.latestRound();
        assertEquals(BigInteger.valueOf(200), r.answer(), "c is refused; median of 100 and 300");
        assertEquals(40, r.updatedAt(), "the stalest input's time");
        b.failWith(new FeedException.NoContractCode("0xb"));
        var e = assertThrows(AggregationException.class, median::latestRound);
        assertEquals(AggregationException.Reason.TOO_FEW_SOURCES, e.reason());
        assertThrows(IllegalArgumentException.class, () -> new MedianFeed(List.of(a, new MutableFeed("d", 18)), 1));
    }

    @Test
    void twapMatchesASecondBySecondSum() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        System.out.println("twapMatchesASecondBySecondSum seed " + (SEED + 1));
        for (int i = 0; i < 300; i++) {
            List<PriceRound> rounds = new ArrayList<>();
            long t = rnd.nextLong(1, 100);
            for (int k = 0; k < rnd.nextInt(1, 15); k++) {
                rounds.add(PriceRound.complete("f", k + 1, rnd.nextLong(-50, 1_000_000), 8, t));
                t += rnd.nextLong(0, 60);
            }
            long start = rounds.get(0).updatedAt() + rnd.nextLong(0, 200);
            long end = start + rnd.nextLong(1, 300);
            // the answer in force at second s: the last round (ids ascend) updated at or before s
            BigInteger sum = BigInteger.ZERO;
            for (long s = start; s < end; s++) {
                BigInteger inForce = null;
                for (PriceRound r : rounds) {
                    if (r.updatedAt() <= s) {
                        inForce = r.answer();
                    }
                }
                sum = sum.add(inForce);
            }
            BigInteger expected = new java.math.BigDecimal(sum).divide(java.math.BigDecimal.valueOf(end - start), 0,
                    java.math.RoundingMode.FLOOR).toBigIntegerExact();
            List<PriceRound> shuffled = new ArrayList<>(rounds);
            Collections.shuffle(shuffled, new java.util.Random(rnd.nextLong()));
            assertEquals(expected, TimeWeightedAverage.of(shuffled, start, end),
                    "seed " + (SEED + 1) + " case " + i + ": " + rounds + " over [" + start + ", " + end + ")");
        }
    }

    @Test
    void twapNeedsTheRoundInForceAtTheWindowStart() {
        List<PriceRound> rounds = List.of(PriceRound.complete("f", 1, 10, 8, 100), PriceRound.complete("f", 2, 20, 8, 150));
        assertEquals(BigInteger.valueOf(15), TimeWeightedAverage.of(rounds, 100, 200));
        var e = assertThrows(AggregationException.class, () -> TimeWeightedAverage.of(rounds, 99, 200));
        assertEquals(AggregationException.Reason.HISTORY_TOO_SHORT, e.reason());
        MutableFeed feed = new MutableFeed("f", 8);
        feed.push(10, 100);
        feed.push(20, 150);
        feed.push(40, 190);
        // window [130, 200): 10 × 20 + 20 × 40 + 40 × 10 = 1400 → 20
        assertEquals(BigInteger.valueOf(20), TwapFeed.walking(feed, 70, () -> 200).latestRound().answer());
    }

    @Test
    void fallbackFollowsTheTransitionTable() {
        long[] now = {1_000};
        MutableFeed primary = new MutableFeed("primary", 8);
        MutableFeed fallback = new MutableFeed("fallback", 8);
        // moves above 50 % are jumps; 5 % disagreement allowed; frozen after 600 s
        FallbackFeed feed = new FallbackFeed(primary, fallback, 5_000, 500, 600, () -> now[0]);
        assertEquals(AggregationException.Reason.NO_PRICE_YET, assertThrows(AggregationException.class, () -> {
            primary.failWith(new FeedException.NoContractCode("0xp"));
            fallback.failWith(new FeedException.NoContractCode("0xf"));
            feed.decide();
        }).reason());
        primary.failWith(null);
        fallback.failWith(null);
        primary.push(2_000, 1_000);
        fallback.push(2_010, 1_000);
        expect(feed.decide(), FallbackFeed.Used.PRIMARY, FallbackFeed.Status.PRIMARY, 2_000);

        // primary jumps 60 % and the fallback does not confirm: untrusted, the fallback is used
        now[0] = 1_100;
        primary.push(3_200, 1_100);
        fallback.push(2_020, 1_100);
        expect(feed.decide(), FallbackFeed.Used.FALLBACK, FallbackFeed.Status.PRIMARY_UNTRUSTED, 2_020);
        // the primary alone cannot win trust back...
        now[0] = 1_200;
        primary.push(3_210, 1_200);
        expect(feed.decide(), FallbackFeed.Used.FALLBACK, FallbackFeed.Status.PRIMARY_UNTRUSTED, 2_020);
        // ...until the fallback agrees within 5 %
        fallback.push(3_100, 1_200);
        expect(feed.decide(), FallbackFeed.Used.PRIMARY, FallbackFeed.Status.PRIMARY, 3_210);

        // a big move confirmed by the fallback keeps the primary
        now[0] = 1_300;
        primary.push(1_500, 1_300);
        fallback.push(1_520, 1_300);
        expect(feed.decide(), FallbackFeed.Used.PRIMARY, FallbackFeed.Status.PRIMARY, 1_500);

        // the primary freezes: fallback; it updates again: trusted at once
        now[0] = 2_000;
        fallback.push(1_530, 2_000);
        expect(feed.decide(), FallbackFeed.Used.FALLBACK, FallbackFeed.Status.PRIMARY_FROZEN, 1_530);
        primary.push(1_540, 2_000);
        fallback.failWith(new FeedException.NoContractCode("0xf"));
        expect(feed.decide(), FallbackFeed.Used.PRIMARY, FallbackFeed.Status.PRIMARY, 1_540);

        // both broken: the last good price
        primary.set(new PriceRound("primary", BigInteger.valueOf(9), BigInteger.ZERO, 8, 2_000, 2_000, BigInteger.valueOf(9)));
        expect(feed.decide(), FallbackFeed.Used.LAST_GOOD, FallbackFeed.Status.BOTH_UNTRUSTED, 1_540);
        fallback.failWith(null);
        expect(feed.decide(), FallbackFeed.Used.FALLBACK, FallbackFeed.Status.PRIMARY_UNTRUSTED, 1_530);
    }

    private static void expect(FallbackFeed.Decision d, FallbackFeed.Used used, FallbackFeed.Status status, long answer) {
        assertEquals(used, d.used(), d.toString());
        assertEquals(status, d.status(), d.toString());
        assertEquals(BigInteger.valueOf(answer), d.round().answer(), d.toString());
    }
}
