package dev.marginsim.oracle.replay;

import dev.marginsim.oracle.path.Bar;
import dev.marginsim.oracle.path.BarSeries;
import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.path.Prices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Validates records as a reader finds them (each error names the record's line) and builds the
 * {@link History} only once every record has passed: a bad file yields an error, never a part.
 */
final class RecordCollector {
    /** Unix seconds beyond year 5138: a larger value is almost surely milliseconds. */
    private static final long SECONDS_LIMIT = 100_000_000_000L;

    private final String file;
    private final ReadOptions options;
    private final boolean bars;
    private long[] times = new long[1024];
    private long[] lines = new long[1024];
    private final List<Bar> barList = new ArrayList<>();
    private long[] prices = new long[1024];
    private final List<BigDecimal> volumes = new ArrayList<>();
    private int size;
    private Boolean withVolume;

    RecordCollector(String file, ReadOptions options, boolean bars) {
        this.file = file;
        this.options = options;
        this.bars = bars;
    }

    HistoryFormatException error(long line, String reason) {
        return new HistoryFormatException(file, line, reason);
    }

    void point(long line, long t, BigDecimal price, BigDecimal volume) {
        time(line, t);
        long p = price(line, "price", price);
        volume(line, volume);
        grow();
        times[size] = t;
        prices[size] = p;
        lines[size++] = line;
    }

    void bar(long line, long t, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {
        time(line, t);
        long o = price(line, "open", open);
        long h = price(line, "high", high);
        long l = price(line, "low", low);
        long c = price(line, "close", close);
        volume(line, volume);
        try {
            barList.add(new Bar(t, o, h, l, c, volume == null ? BigDecimal.ZERO : volume));
        } catch (IllegalArgumentException e) {
            throw error(line, e.getMessage());
        }
        grow();
        times[size] = t;
        lines[size++] = line;
    }

    private void time(long line, long t) {
        if (t < 0) {
            throw error(line, "negative timestamp " + t);
        }
        if (t >= SECONDS_LIMIT) {
            throw error(line, "timestamp " + t + " looks like milliseconds; histories use unix seconds");
        }
        if (size > 0 && t <= times[size - 1]) {
            throw error(line, "timestamp " + t + " is not after the previous record's " + times[size - 1]
                    + " (line " + lines[size - 1] + "): timestamps out of order");
        }
    }

    private long price(long line, String column, BigDecimal value) {
        if (value.signum() <= 0) {
            throw error(line, column + " must be positive, got " + value.toPlainString());
        }
        try {
            return Prices.fromDecimal(value, options.decimals());
        } catch (IllegalArgumentException e) {
            throw error(line, column + ": " + e.getMessage());
        }
    }

    private void volume(long line, BigDecimal volume) {
        boolean has = volume != null;
        if (withVolume == null) {
            withVolume = has;
        } else if (withVolume != has) {
            throw error(line, has ? "a volume here but none on the first record" : "no volume here but one on the first record");
        }
        if (has && volume.signum() < 0) {
            throw error(line, "volume must not be negative, got " + volume.toPlainString());
        }
        if (has && !bars) {
            volumes.add(volume);
        }
    }

    private void grow() {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
            prices = Arrays.copyOf(prices, size * 2);
        }
    }

    /**
     * The history. For bars, {@code step} is the file's declared step, or, if none, the smallest
     * gap between bar starts.
     */
    History build(String defaultName, Optional<Long> step) {
        if (size == 0) {
            throw error(0, "no records");
        }
        String name = options.name().orElse(defaultName);
        if (!bars) {
            return new History(new PricePath(name, options.decimals(), Arrays.copyOf(times, size),
                    Arrays.copyOf(prices, size)), Optional.empty(), volumes);
        }
        long s = step.orElseGet(this::smallestGap);
        if (s <= 0) {
            throw error(0, "bar step must be positive, got " + s);
        }
        for (int i = 1; i < size; i++) {
            if (times[i] - times[i - 1] < s) {
                throw error(lines[i], "bar starts " + (times[i] - times[i - 1]) + " s after the previous one, less than the step " + s);
            }
        }
        BarSeries series = new BarSeries(name, options.decimals(), s, barList);
        try {
            return new History(series.toPath(options.expansion()), Optional.of(series), List.of());
        } catch (IllegalArgumentException e) {
            throw error(0, e.getMessage());
        }
    }

    private long smallestGap() {
        if (size < 2) {
            throw error(lines[0], "one bar and no declared step: the bar length is unknown");
        }
        long gap = Long.MAX_VALUE;
        for (int i = 1; i < size; i++) {
            gap = Math.min(gap, times[i] - times[i - 1]);
        }
        return gap;
    }
}
