package dev.marginsim.core;

/** Owner-set risk parameters of one perpetual market (docs/protocol.md §4). */
public record MarketParams(
        int imrBps,
        int mmrBps,
        int liquidationPenaltyBps,
        int liquidatorShareBps,
        int takerFeeBps,
        long maxOpenInterestE9,
        long fundingRateE12PerSec) {
}
