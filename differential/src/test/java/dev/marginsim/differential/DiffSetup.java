package dev.marginsim.differential;

import dev.marginsim.core.AssetRisk;
import dev.marginsim.core.MarketParams;
import dev.marginsim.core.ProtocolSetup;
import java.util.List;

/**
 * The configuration the differential suite runs: like the standard one, but with a 10-decimal BTC
 * feed (prices normalised by division), tight caps so cap reverts happen, fast funding so funding
 * matters within a sequence, and a short sequencer grace period.
 */
final class DiffSetup {
    static final long HEARTBEAT = 3_600;
    static final long GRACE = 300;

    private DiffSetup() {
    }

    static ProtocolSetup setup() {
        var eth = new ProtocolSetup.Feed("ETH / USD", 8, 3_000_00000000L);
        var btc = new ProtocolSetup.Feed("BTC / USD", 10, 60_000_0000000000L);
        var ethGuard = new ProtocolSetup.Guard(0, HEARTBEAT, 1_00000000L, 1_000_000_00000000L);
        var btcGuard = new ProtocolSetup.Guard(1, HEARTBEAT, 1_0000000000L, 10_000_000_0000000000L);
        return new ProtocolSetup(List.of(eth, btc),
                List.of(new ProtocolSetup.Collateral("WETH", 18, ethGuard, new AssetRisk(8_000, 8_500, 500, 2_000_000000000L)),
                        new ProtocolSetup.Collateral("WBTC", 8, btcGuard, new AssetRisk(7_500, 8_000, 500, 100_000000000L))),
                List.of(new ProtocolSetup.Market("ETH-PERP", ethGuard,
                                new MarketParams(1_000, 500, 250, 5_000, 5, 5_000_000000000L, 1_000_000)),
                        new ProtocolSetup.Market("BTC-PERP", btcGuard,
                                new MarketParams(2_000, 1_000, 500, 4_000, 10, 200_000000000L, 500_000))),
                GRACE, 1_000, 50_000000L);
    }
}
