package dev.marginsim.prover.margin;

import java.util.List;

/**
 * The public side of a margin-sufficiency proof: the level and the valuation terms of every listed
 * collateral asset and every listed market, in ascending id order. Every listed one is included,
 * held or not (a zero collateral or a zero size values to exactly 0 under the protocol's rounding),
 * so the proof does not say which assets or markets the account uses.
 */
public record MarginStatement(MarginLevel level, List<AssetTerm> assets, List<MarketTerm> markets) {
    /** docs/protocol.md §1: at most 7 collateral assets and 8 markets. */
    public static final int MAX_ASSETS = 7;
    public static final int MAX_MARKETS = 8;

    public MarginStatement {
        if (level == null) {
            throw new IllegalArgumentException("a statement names its level");
        }
        assets = List.copyOf(assets);
        markets = List.copyOf(markets);
        if (assets.size() > MAX_ASSETS || markets.size() > MAX_MARKETS) {
            throw new IllegalArgumentException("at most 7 collateral assets and 8 markets");
        }
        for (int i = 1; i < assets.size(); i++) {
            if (assets.get(i).assetId() <= assets.get(i - 1).assetId()) {
                throw new IllegalArgumentException("asset ids must ascend");
            }
        }
        for (int i = 1; i < markets.size(); i++) {
            if (markets.get(i).marketId() <= markets.get(i - 1).marketId()) {
                throw new IllegalArgumentException("market ids must ascend");
            }
        }
    }
}
