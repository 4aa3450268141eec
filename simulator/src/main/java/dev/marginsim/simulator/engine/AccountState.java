package dev.marginsim.simulator.engine;

/** An account: whether it exists, its quote balance and its collateral per asset id (index 0 unused). */
public record AccountState(boolean exists, long quoteE6, long[] collateralE9) {
}
