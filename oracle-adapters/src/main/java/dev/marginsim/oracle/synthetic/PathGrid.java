package dev.marginsim.oracle.synthetic;

import dev.marginsim.oracle.path.Prices;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where a synthetic path lives: {@code steps + 1} points at {@code start + k*step}, k = 0..steps,
 * the first at {@code startPrice}.
 *
 * @param name       the asset or feed name
 * @param decimals   the feed's decimals, 0..18
 * @param start      unix seconds of the first point
 * @param step       seconds between points (positive)
 * @param steps      number of steps (positive)
 * @param startPrice the first price (positive)
 */
public record PathGrid(String name, int decimals, long start, long step, int steps, BigDecimal startPrice) {
    /** The year that annualised drifts and volatilities refer to: 365 days (crypto trades every day). */
    public static final double YEAR_SECONDS = 365.0 * 86_400;

    public PathGrid {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startPrice, "startPrice");
        Prices.scale(decimals);
        if (start < 0 || step <= 0 || steps <= 0) {
            throw new IllegalArgumentException("grid needs start >= 0, step > 0 and steps > 0, got " + start + ", " + step + ", " + steps);
        }
        if (steps == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many steps: " + steps);
        }
        Math.addExact(start, Math.multiplyExact(step, (long) steps));
        Prices.fromDecimal(startPrice, decimals);
    }

    /** The step as a fraction of a {@link #YEAR_SECONDS year}. */
    public double dtYears() {
        return step / YEAR_SECONDS;
    }

    /** The first price as a feed integer (half-even). */
    public long startAnswer() {
        return Prices.fromDecimal(startPrice, decimals);
    }

    /** The grid's timestamps. */
    public long[] times() {
        long[] t = new long[steps + 1];
        for (int k = 0; k <= steps; k++) {
            t[k] = start + k * step;
        }
        return t;
    }

    /** The same grid for another asset. */
    public PathGrid forAsset(String otherName, BigDecimal otherStartPrice) {
        return new PathGrid(otherName, decimals, start, step, steps, otherStartPrice);
    }
}
