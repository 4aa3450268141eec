package dev.marginsim.simulator.engine;

/** A market's stored state. */
public record MarketState(long longOpenInterestE9, long shortOpenInterestE9, long cumulativeFundingE12, long lastFundingTime) {
}
