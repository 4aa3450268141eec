package dev.marginsim.oracle.path;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One OHLC bar covering {@code [start, start + step)} of its series, prices in the feed's decimals.
 *
 * @param start  unix seconds at which the bar opens
 * @param open   first price in the bar
 * @param high   highest price in the bar
 * @param low    lowest price in the bar
 * @param close  last price in the bar
 * @param volume traded volume in the base asset (zero when the source has none)
 */
public record Bar(long start, long open, long high, long low, long close, BigDecimal volume) {
    public Bar {
        Objects.requireNonNull(volume, "volume");
        if (open <= 0 || high <= 0 || low <= 0 || close <= 0) {
            throw new IllegalArgumentException("bar at " + start + ": prices must be positive");
        }
        if (low > Math.min(open, close) || high < Math.max(open, close)) {
            throw new IllegalArgumentException("bar at " + start + ": low " + low + " / high " + high
                    + " do not enclose open " + open + " and close " + close);
        }
        if (volume.signum() < 0) {
            throw new IllegalArgumentException("bar at " + start + ": negative volume " + volume);
        }
    }

    /** A bar with no trades: flat at the previous close. */
    public static Bar flat(long start, long price) {
        return new Bar(start, price, price, price, price, BigDecimal.ZERO);
    }
}
