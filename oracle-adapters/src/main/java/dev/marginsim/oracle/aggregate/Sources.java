package dev.marginsim.oracle.aggregate;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.chainlink.FeedException;
import dev.marginsim.oracle.guard.GuardRejectedException;
import java.util.List;

/** Shared checks of aggregates over several feeds. */
final class Sources {
    private Sources() {
    }

    /** The one decimals value all feeds share (aggregates compare answers as integers). */
    static int commonDecimals(List<? extends PriceFeed> feeds) {
        if (feeds.isEmpty()) {
            throw new IllegalArgumentException("no sources");
        }
        int d = feeds.get(0).decimals();
        for (PriceFeed f : feeds) {
            if (f.decimals() != d) {
                throw new IllegalArgumentException("sources disagree on decimals: " + f.source() + " has "
                        + f.decimals() + ", " + feeds.get(0).source() + " " + d);
            }
        }
        return d;
    }

    /** The latest round, or null if the source is unusable now (a guard refused it, or it cannot be read). */
    static PriceRound latestOrNull(PriceFeed feed, StringBuilder why) {
        try {
            return feed.latestRound();
        } catch (GuardRejectedException | FeedException e) {
            why.append(feed.source()).append(": ").append(e.getMessage()).append("; ");
            return null;
        }
    }
}
