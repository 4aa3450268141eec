package dev.marginsim.oracle.synthetic;

import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.path.Prices;

/**
 * Accumulates log-price increments and writes each price as a feed integer: the models' shared last
 * step. The price is {@code startPrice * exp(sum of increments)} in double, scaled and rounded
 * half-to-even ({@link Prices#fromScaled}).
 */
final class LogPriceWriter {
    private final PathGrid grid;
    private final long[] prices;
    private final double scaledStart;
    private final double scale;
    private double logReturn;
    private int k = 1;

    LogPriceWriter(PathGrid grid) {
        this.grid = grid;
        this.prices = new long[grid.steps() + 1];
        this.prices[0] = grid.startAnswer();
        this.scaledStart = prices[0];
        this.scale = Prices.scale(grid.decimals());
    }

    /** Adds one step's log return and writes the next price. */
    void step(double increment) {
        logReturn += increment;
        double scaled = scaledStart * Math.exp(logReturn);
        prices[k++] = Prices.fromScaled(scaled, scaled / scale, grid.decimals());
    }

    PricePath path() {
        if (k != prices.length) {
            throw new IllegalStateException("model wrote " + (k - 1) + " of " + grid.steps() + " steps");
        }
        return PricePath.adopt(grid.name(), grid.decimals(), grid.times(), prices);
    }
}
