package dev.marginsim.oracle.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Resampling checked against brute-force scans of the same seeded, irregular paths. */
class ResampleTest {
    private static final long SEED = 0x5EED_0001L;

    /** Irregular times (gaps of 1..150 s, some of several minutes) and a random walk. */
    private static PricePath irregular(SplittableRandom r, int n) {
        long[] t = new long[n];
        long[] p = new long[n];
        long time = 1_700_000_000L + r.nextInt(60);
        long price = 100_000;
        for (int i = 0; i < n; i++) {
            time += r.nextInt(10) == 0 ? 60 + r.nextInt(600) : 1 + r.nextInt(150);
            price = Math.max(1, price + r.nextInt(-500, 501));
            t[i] = time;
            p[i] = price;
        }
        return new PricePath("X", 2, t, p);
    }

    @Test
    void lastValueTakesTheLastObservationAtOrBeforeEachGridTime() {
        System.out.println("ResampleTest seed " + SEED);
        SplittableRandom r = new SplittableRandom(SEED);
        for (int round = 0; round < 20; round++) {
            PricePath p = irregular(r, 500);
            long step = 1 + r.nextInt(300);
            PricePath out = Resample.lastValue(p, step);
            assertEquals((p.endTime() - p.startTime()) / step + 1, out.size());
            for (int k = 0; k < out.size(); k++) {
                long t = p.startTime() + k * step;
                long expected = -1;
                for (int i = 0; i < p.size() && p.time(i) <= t; i++) {
                    expected = p.price(i);
                }
                assertEquals(t, out.time(k));
                assertEquals(expected, out.price(k), "seed " + SEED + " round " + round + " k " + k);
            }
        }
    }

    @Test
    void barsKeepEveryExtremeAndSkipEmptyBuckets() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (int round = 0; round < 20; round++) {
            PricePath p = irregular(r, 400);
            long step = 30 + r.nextInt(600);
            BarSeries bars = Resample.bars(p, step);
            int observed = 0;
            for (Bar b : bars.bars()) {
                assertEquals(0, Math.floorMod(b.start(), step));
                long open = 0;
                long high = Long.MIN_VALUE;
                long low = Long.MAX_VALUE;
                long close = 0;
                for (int i = 0; i < p.size(); i++) {
                    if (p.time(i) >= b.start() && p.time(i) < b.start() + step) {
                        open = open == 0 ? p.price(i) : open;
                        high = Math.max(high, p.price(i));
                        low = Math.min(low, p.price(i));
                        close = p.price(i);
                    }
                }
                assertTrue(open != 0, "a bar without observations at " + b.start());
                assertEquals(List.of(open, high, low, close), List.of(b.open(), b.high(), b.low(), b.close()));
            }
            for (int i = 0; i < p.size(); i++) {
                observed += i == 0 || Math.floorDiv(p.time(i), step) != Math.floorDiv(p.time(i - 1), step) ? 1 : 0;
            }
            assertEquals(observed, bars.bars().size(), "one bar per bucket with observations");
        }
    }

    @Test
    void coarseningBarsEqualsBarringThePathAtTheLongerStep() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        for (int round = 0; round < 20; round++) {
            PricePath p = irregular(r, 600);
            long step = 60;
            int factor = 2 + r.nextInt(10);
            BarSeries direct = Resample.bars(p, step * factor);
            assertTrue(direct.equals(Resample.coarsen(Resample.bars(p, step), step * factor)),
                    "seed " + (SEED + 2) + " round " + round + " factor " + factor);
        }
    }

    @Test
    void coarseningRefusesAStepThatSplitsBars() {
        PricePath p = new PricePath("X", 0, new long[] {0, 100}, new long[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> Resample.coarsen(Resample.bars(p, 60), 90));
        assertThrows(IllegalArgumentException.class, () -> Resample.lastValue(p, 0));
        assertThrows(IllegalArgumentException.class, () -> Resample.lastValue(p, -1, 10, 5));
    }

    @Test
    void ohlcExpansionVisitsTheExtremesInTheOrderThatEndsOnTheNetMove() {
        BarSeries s = new BarSeries("X", 0, 60, List.of(
                new Bar(0, 10, 15, 5, 12, java.math.BigDecimal.ONE),    // up bar: low first
                new Bar(60, 12, 20, 8, 9, java.math.BigDecimal.ONE)));  // down bar: high first
        PricePath ohlc = s.toPath(BarSeries.Expansion.OHLC);
        assertEquals(List.of(0L, 20L, 40L, 59L, 60L, 80L, 100L, 119L), boxed(ohlc.times()));
        assertEquals(List.of(10L, 5L, 15L, 12L, 12L, 20L, 8L, 9L), boxed(ohlc.prices()));
        PricePath close = s.toPath(BarSeries.Expansion.CLOSE);
        assertEquals(List.of(59L, 119L), boxed(close.times()));
        assertEquals(List.of(12L, 9L), boxed(close.prices()));
        assertThrows(IllegalArgumentException.class,
                () -> new BarSeries("X", 0, 3, List.of(Bar.flat(0, 1))).toPath(BarSeries.Expansion.OHLC));
    }

    @Test
    void barsRefuseLowAboveOpenOrHighBelowClose() {
        assertThrows(IllegalArgumentException.class, () -> new Bar(0, 10, 12, 11, 12, java.math.BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Bar(0, 10, 11, 9, 12, java.math.BigDecimal.ZERO));
    }

    private static List<Long> boxed(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
