package dev.marginsim.contracts.chain;

import java.util.List;

/**
 * Addresses of one deployed protocol and its test fixtures: the settlement token, one token per
 * collateral asset (asset id i+1 ↔ index i), one mock feed per setup feed, and the sequencer feed
 * (null when the setup has none).
 */
public record Deployment(String protocol, String settlementToken, List<String> collateralTokens,
        List<String> feeds, String sequencerFeed) {
    public Deployment {
        collateralTokens = List.copyOf(collateralTokens);
        feeds = List.copyOf(feeds);
    }

    /** The token behind asset id {@code assetId} (0 = settlement). */
    public String tokenOfAsset(int assetId) {
        return assetId == 0 ? settlementToken : collateralTokens.get(assetId - 1);
    }
}
