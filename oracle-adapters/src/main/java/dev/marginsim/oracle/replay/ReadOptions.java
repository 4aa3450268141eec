package dev.marginsim.oracle.replay;

import dev.marginsim.oracle.path.BarSeries;
import java.util.Objects;
import java.util.Optional;

/**
 * How to read a history.
 *
 * @param name      the path's name; empty to take the file's ({@code "name"} in JSON) or its file name
 * @param decimals  the feed decimals prices are rescaled to (half-even), 0..18; Chainlink's USD feeds use 8
 * @param expansion how bars become points
 */
public record ReadOptions(Optional<String> name, int decimals, BarSeries.Expansion expansion) {
    public ReadOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expansion, "expansion");
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("decimals must be 0..18, got " + decimals);
        }
    }

    /** 8 decimals, bars expanded OHLC-aware, name from the file. */
    public static ReadOptions defaults() {
        return new ReadOptions(Optional.empty(), 8, BarSeries.Expansion.OHLC);
    }

    public ReadOptions withDecimals(int d) {
        return new ReadOptions(name, d, expansion);
    }

    public ReadOptions withName(String n) {
        return new ReadOptions(Optional.of(n), decimals, expansion);
    }

    public ReadOptions withExpansion(BarSeries.Expansion e) {
        return new ReadOptions(name, decimals, e);
    }
}
