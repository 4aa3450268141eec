package dev.marginsim.oracle.path;

import java.util.List;
import java.util.Objects;

/**
 * OHLC bars of one step, in time order. Bars may leave gaps (an exchange outage) but never overlap.
 *
 * @param name     the asset or feed name
 * @param decimals the feed's decimals of every price
 * @param step     the bar length in seconds
 * @param bars     the bars, starts strictly increasing and at least {@code step} apart
 */
public record BarSeries(String name, int decimals, long step, List<Bar> bars) {
    public BarSeries {
        Objects.requireNonNull(name, "name");
        Prices.scale(decimals);
        if (step <= 0) {
            throw new IllegalArgumentException("bar step must be positive, got " + step);
        }
        bars = List.copyOf(bars);
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("series " + name + " has no bars");
        }
        for (int i = 1; i < bars.size(); i++) {
            long gap = bars.get(i).start() - bars.get(i - 1).start();
            if (gap < step) {
                throw new IllegalArgumentException("series " + name + " bar " + i + " starts " + gap
                        + " s after the previous one, less than the step " + step);
            }
        }
    }

    /** How bars become a path of points; the rule is documented in docs/oracles-paths.md. */
    public enum Expansion {
        /** One point per bar: its close, at the bar's last second {@code start + step - 1}. */
        CLOSE,
        /**
         * Four points per bar at {@code start}, {@code start + step/3}, {@code start + 2*step/3},
         * {@code start + step - 1} (floor divisions): open, then low and high in the order that makes
         * the bar's net move last (low first in an up bar, close &ge; open; high first in a down bar),
         * then close. A crash inside a bar then reaches the oracle at its depth. Needs a step &ge; 4.
         */
        OHLC
    }

    /** The bars as a price path. */
    public PricePath toPath(Expansion expansion) {
        int per = expansion == Expansion.CLOSE ? 1 : 4;
        if (expansion == Expansion.OHLC && step < 4) {
            throw new IllegalArgumentException("OHLC expansion needs a step of at least 4 s, got " + step);
        }
        long[] times = new long[bars.size() * per];
        long[] prices = new long[times.length];
        int k = 0;
        for (Bar b : bars) {
            if (expansion == Expansion.CLOSE) {
                times[k] = b.start() + step - 1;
                prices[k++] = b.close();
                continue;
            }
            boolean up = b.close() >= b.open();
            times[k] = b.start();
            prices[k++] = b.open();
            times[k] = b.start() + step / 3;
            prices[k++] = up ? b.low() : b.high();
            times[k] = b.start() + 2 * step / 3;
            prices[k++] = up ? b.high() : b.low();
            times[k] = b.start() + step - 1;
            prices[k++] = b.close();
        }
        return PricePath.adopt(name, decimals, times, prices);
    }
}
