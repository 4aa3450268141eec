package dev.marginsim.core;

import java.util.List;

/**
 * A whole protocol configuration — feeds, collateral assets, perpetual markets, sequencer guard and
 * liquidation settings — described once and deployed identically to the Java engine and to a chain.
 *
 * @param feeds        price feeds; assets and markets refer to them by index (one feed may serve both)
 * @param collaterals  collateral assets, listed in order as asset ids 1, 2, …
 * @param markets      perpetual markets, listed in order as market ids 0, 1, …
 * @param sequencerGraceSeconds grace period after the L2 sequencer comes back; negative = no sequencer feed
 * @param liquidationBufferBps  partial liquidations restore maintenance × (1 + buffer)
 * @param dustNotionalE6        a remainder below this notional is liquidated in full
 */
public record ProtocolSetup(
        List<Feed> feeds,
        List<Collateral> collaterals,
        List<Market> markets,
        long sequencerGraceSeconds,
        int liquidationBufferBps,
        long dustNotionalE6) {

    public ProtocolSetup {
        feeds = List.copyOf(feeds);
        collaterals = List.copyOf(collaterals);
        markets = List.copyOf(markets);
    }

    /** A Chainlink-style feed: its decimals and the answer it starts with. */
    public record Feed(String name, int decimals, long initialAnswer) {
    }

    /** An oracle guard configuration before it is bound to a deployed feed. */
    public record Guard(int feed, long heartbeatSeconds, long minAnswer, long maxAnswer) {
        public OracleConfig bind(String feedIdentity) {
            return new OracleConfig(feedIdentity, heartbeatSeconds, minAnswer, maxAnswer);
        }
    }

    public record Collateral(String symbol, int tokenDecimals, Guard guard, AssetRisk risk) {
    }

    public record Market(String symbol, Guard guard, MarketParams params) {
    }

    public boolean hasSequencerFeed() {
        return sequencerGraceSeconds >= 0;
    }

    /**
     * The built-in configuration of the main job: USDC settlement, WETH and WBTC collateral, ETH and
     * BTC perpetuals, Chainlink-like 8-decimal USD feeds with a one-hour heartbeat, an L2 sequencer
     * guard with a one-hour grace period.
     */
    public static ProtocolSetup standard() {
        Feed eth = new Feed("ETH / USD", 8, 3_000_00000000L);
        Feed btc = new Feed("BTC / USD", 8, 60_000_00000000L);
        long hour = 3_600;
        Guard ethGuard = new Guard(0, hour, 1_00000000L, 1_000_000_00000000L);
        Guard btcGuard = new Guard(1, hour, 1_00000000L, 10_000_000_00000000L);
        return new ProtocolSetup(
                List.of(eth, btc),
                List.of(new Collateral("WETH", 18, ethGuard, new AssetRisk(8_000, 8_500, 500, 5_000_000_000000000L)),
                        new Collateral("WBTC", 8, btcGuard, new AssetRisk(7_500, 8_000, 500, 500_000_000000000L))),
                List.of(new Market("ETH-PERP", ethGuard,
                                new MarketParams(1_000, 500, 250, 5_000, 5, 2_000_000_000000000L, 3_000)),
                        new Market("BTC-PERP", btcGuard,
                                new MarketParams(1_000, 500, 250, 5_000, 5, 100_000_000000000L, 3_000))),
                hour,
                1_000,
                10_000000L);
    }
}
