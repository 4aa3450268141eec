package dev.marginsim.prover.margin;

/**
 * The public valuation terms of one perpetual market: its id, its price at the round, its margin
 * ratio at the proof's level (IMR or MMR) and the funding index a view would use at the round's
 * time (docs/protocol.md §7: the stored index plus the pending delta, narrowed as accrue does).
 */
public record MarketTerm(int marketId, long priceE8, int ratioBps, long fundingIndexE12) {
    public MarketTerm {
        if (marketId < 0 || marketId > 7) {
            throw new IllegalArgumentException("market ids are 0..7: " + marketId);
        }
        if (priceE8 < 1) {
            throw new IllegalArgumentException("a guarded price is at least 1: " + priceE8);
        }
        if (ratioBps < 1 || ratioBps > 10_000) {
            throw new IllegalArgumentException("a margin ratio is in (0, 10000] bps: " + ratioBps);
        }
    }
}
