package dev.marginsim.oracle.path;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Changing a path's step. Two rules, both documented in docs/oracles-paths.md:
 *
 * <ul>
 *   <li><b>last value</b> ({@link #lastValue}): the price at each grid time is the last observation
 *       at or before it (what a reader polling at that time would have seen). Extremes between grid
 *       times are lost, so use it to thin a path, not to summarise one.</li>
 *   <li><b>OHLC</b> ({@link #bars}, {@link #coarsen}): buckets aligned to the unix epoch
 *       ({@code floor(t / step) * step}); open = first, high = max, low = min, close = last price in
 *       the bucket, volume = sum. A bucket with no observation has no bar (a gap, as exchanges report a
 *       minute without trades), so coarsening bars gives the same bars as barring the points at
 *       the longer step. Extremes survive.</li>
 * </ul>
 */
public final class Resample {
    private Resample() {
    }

    /** Last-value resampling onto {@code start + k*step} for every such time up to the path's end. */
    public static PricePath lastValue(PricePath path, long step) {
        requireStep(step);
        long span = path.endTime() - path.startTime();
        int count = Math.toIntExact(span / step + 1);
        return lastValue(path, path.startTime(), step, count);
    }

    /** Last-value resampling onto {@code from + k*step}, k = 0..count-1; {@code from} must not precede the path. */
    public static PricePath lastValue(PricePath path, long from, long step, int count) {
        requireStep(step);
        if (count <= 0) {
            throw new IllegalArgumentException("resampling needs a positive count, got " + count);
        }
        if (from < path.startTime()) {
            throw new IllegalArgumentException("cannot resample path " + path.name() + " from " + from
                    + ": it starts at " + path.startTime());
        }
        long[] times = new long[count];
        long[] prices = new long[count];
        int i = 0;
        for (int k = 0; k < count; k++) {
            long t = Math.addExact(from, Math.multiplyExact(step, k));
            while (i + 1 < path.size() && path.time(i + 1) <= t) {
                i++;
            }
            times[k] = t;
            prices[k] = path.price(i);
        }
        return PricePath.adopt(path.name(), path.decimals(), times, prices);
    }

    /** OHLC bars of a path of points (volume zero: a path carries none). */
    public static BarSeries bars(PricePath path, long step) {
        requireStep(step);
        List<Bar> out = new ArrayList<>();
        int i = 0;
        long bucket = Math.floorDiv(path.startTime(), step) * step;
        while (i < path.size()) {
            long end = bucket + step;
            if (path.time(i) >= end) {
                bucket = Math.floorDiv(path.time(i), step) * step;
                continue;
            }
            long open = path.price(i);
            long high = open;
            long low = open;
            long close = open;
            for (; i < path.size() && path.time(i) < end; i++) {
                long p = path.price(i);
                high = Math.max(high, p);
                low = Math.min(low, p);
                close = p;
            }
            out.add(new Bar(bucket, open, high, low, close, BigDecimal.ZERO));
            bucket = end;
        }
        return new BarSeries(path.name(), path.decimals(), step, out);
    }

    /**
     * OHLC bars of a longer step from bars of a shorter one ({@code step} a multiple of the
     * series' step; every source bar must fall inside one target bucket).
     */
    public static BarSeries coarsen(BarSeries series, long step) {
        requireStep(step);
        if (step % series.step() != 0) {
            throw new IllegalArgumentException("step " + step + " is not a multiple of the series' step " + series.step());
        }
        List<Bar> out = new ArrayList<>();
        List<Bar> in = series.bars();
        int i = 0;
        long bucket = Math.floorDiv(in.get(0).start(), step) * step;
        while (i < in.size()) {
            long end = bucket + step;
            Bar first = in.get(i);
            if (first.start() >= end) {
                bucket = Math.floorDiv(first.start(), step) * step;
                continue;
            }
            long high = first.high();
            long low = first.low();
            long close = first.close();
            BigDecimal volume = BigDecimal.ZERO;
            for (; i < in.size() && in.get(i).start() < end; i++) {
                Bar b = in.get(i);
                if (b.start() + series.step() > end) {
                    throw new IllegalArgumentException("bar at " + b.start() + " straddles the " + step
                            + " s bucket ending at " + end);
                }
                high = Math.max(high, b.high());
                low = Math.min(low, b.low());
                close = b.close();
                volume = volume.add(b.volume());
            }
            out.add(new Bar(bucket, first.open(), high, low, close, volume));
            bucket = end;
        }
        return new BarSeries(series.name(), series.decimals(), step, out);
    }

    private static void requireStep(long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("resampling step must be positive, got " + step);
        }
    }
}
