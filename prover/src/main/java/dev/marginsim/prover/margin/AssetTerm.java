package dev.marginsim.prover.margin;

/**
 * The public valuation terms of one collateral asset: its id, its price at the round and its weight
 * at the proof's level (initial or maintenance weight).
 */
public record AssetTerm(int assetId, long priceE8, int weightBps) {
    public AssetTerm {
        if (assetId < 1 || assetId > 7) {
            throw new IllegalArgumentException("collateral asset ids are 1..7: " + assetId);
        }
        if (priceE8 < 1) {
            throw new IllegalArgumentException("a guarded price is at least 1: " + priceE8);
        }
        if (weightBps < 1 || weightBps > 10_000) {
            throw new IllegalArgumentException("a weight is in (0, 10000] bps: " + weightBps);
        }
    }
}
