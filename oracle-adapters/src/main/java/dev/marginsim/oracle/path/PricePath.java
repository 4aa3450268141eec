package dev.marginsim.oracle.path;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;

/**
 * A market price path: strictly increasing unix-second timestamps, each with a price held as an
 * integer in the feed's decimals (as an aggregator's answer), so a path can be handed to a feed
 * contract without a second rounding. Prices are positive: a zero or negative answer is an oracle
 * failure (see the failure package), never a market price.
 *
 * <p>Arrays are copied in and out; {@link #time(int)} and {@link #price(int)} read without copying.
 */
public final class PricePath {
    private final String name;
    private final int decimals;
    private final long[] times;
    private final long[] prices;

    /**
     * @param name     the asset or feed name (e.g. "ETH/USD")
     * @param decimals the feed's decimals, 0..18 (the price unit is 10^-decimals)
     * @param times    unix seconds, strictly increasing
     * @param prices   prices in the feed's decimals, all positive
     */
    public PricePath(String name, int decimals, long[] times, long[] prices) {
        this(name, decimals, times.clone(), prices.clone(), true);
    }

    private PricePath(String name, int decimals, long[] times, long[] prices, boolean check) {
        this.name = Objects.requireNonNull(name, "name");
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("decimals must be 0..18, got " + decimals);
        }
        if (times.length != prices.length) {
            throw new IllegalArgumentException("path " + name + ": " + times.length + " times but " + prices.length + " prices");
        }
        if (times.length == 0) {
            throw new IllegalArgumentException("path " + name + " is empty");
        }
        if (check) {
            for (int i = 0; i < times.length; i++) {
                if (times[i] < 0) {
                    throw new IllegalArgumentException("path " + name + " point " + i + ": negative timestamp " + times[i]);
                }
                if (i > 0 && times[i] <= times[i - 1]) {
                    throw new IllegalArgumentException("path " + name + " point " + i + ": timestamp " + times[i]
                            + " is not after " + times[i - 1]);
                }
                if (prices[i] <= 0) {
                    throw new IllegalArgumentException("path " + name + " point " + i + ": price " + prices[i] + " is not positive");
                }
            }
        }
        this.decimals = decimals;
        this.times = times;
        this.prices = prices;
    }

    /**
     * Wraps arrays the caller has just built and will never touch again, without copying them (the
     * generators' hot path); still validated.
     */
    public static PricePath adopt(String name, int decimals, long[] times, long[] prices) {
        return new PricePath(name, decimals, times, prices, true);
    }

    public String name() {
        return name;
    }

    public int decimals() {
        return decimals;
    }

    public int size() {
        return times.length;
    }

    public long time(int i) {
        return times[i];
    }

    public long price(int i) {
        return prices[i];
    }

    public long startTime() {
        return times[0];
    }

    public long endTime() {
        return times[times.length - 1];
    }

    public long[] times() {
        return times.clone();
    }

    public long[] prices() {
        return prices.clone();
    }

    /** The price as a decimal number (exact: the integer scaled by 10^-decimals). */
    public BigDecimal priceDecimal(int i) {
        return BigDecimal.valueOf(prices[i], decimals);
    }

    /**
     * Index of the last point at or before {@code t}, or -1 if the path starts after {@code t}
     * (binary search: paths can hold millions of points).
     */
    public int indexAtOrBefore(long t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i : -i - 2;
    }

    /** The last price at or before {@code t}; an error before the path starts. */
    public long priceAt(long t) {
        int i = indexAtOrBefore(t);
        if (i < 0) {
            throw new IllegalArgumentException("path " + name + " starts at " + times[0] + ", after " + t);
        }
        return prices[i];
    }

    /** The same points under another name (e.g. to feed two sources from one path). */
    public PricePath renamed(String newName) {
        return new PricePath(newName, decimals, times, prices, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PricePath p && p.name.equals(name) && p.decimals == decimals
                && Arrays.equals(p.times, times) && Arrays.equals(p.prices, prices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, decimals, Arrays.hashCode(times), Arrays.hashCode(prices));
    }

    @Override
    public String toString() {
        return "PricePath[" + name + ", " + times.length + " points, " + decimals + " decimals, "
                + times[0] + ".." + endTime() + "]";
    }
}
