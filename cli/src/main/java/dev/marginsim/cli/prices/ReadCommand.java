package dev.marginsim.cli.prices;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.chainlink.ChainlinkFeed;
import dev.marginsim.oracle.chainlink.FeedRpc;
import dev.marginsim.oracle.chainlink.RoundHistory;
import dev.marginsim.oracle.failure.OracleView;
import dev.marginsim.oracle.path.PricePath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code marginsim prices read --rpc URL --feed ADDRESS}: a Chainlink feed's latest rounds, walked
 * back through rounds and phases (oracle/chainlink). The rounds are the oracle's view as read; the
 * path is their complete, positive answers at their {@code updatedAt} (the last one of a second).
 */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Reads a Chainlink AggregatorV3Interface feed's recent rounds from a chain.")
final class ReadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rpc", required = true, paramLabel = "URL", description = "JSON-RPC URL of the node")
    String rpc;

    @Option(names = "--feed", required = true, paramLabel = "ADDRESS", description = "the feed (proxy or aggregator) address")
    String feed;

    @Option(names = "--rounds", defaultValue = "1000", description = "at most this many latest rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Mixin
    OracleOptions oracle;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        if (rounds <= 0) {
            throw new IllegalArgumentException("--rounds must be positive, got " + rounds);
        }
        if (oracle.injectsAnything()) {
            throw new IllegalArgumentException("a chain's rounds are the oracle's view already: failure options do not apply to read");
        }
        PathReport.checkChartName(output);
        List<PriceRound> newestFirst;
        String source;
        try (FeedRpc node = FeedRpc.connect(rpc)) {
            ChainlinkFeed f = ChainlinkFeed.open(node, feed);
            source = f.source();
            newestFirst = RoundHistory.walkBack(f, rounds);
        }
        List<PriceRound> ordered = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(ordered);
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("feed " + feed + " has no rounds");
        }
        OracleView view = new OracleView(source, ordered.get(0).decimals(), ordered);
        PathReport.emit(spec.commandLine().getOut(), path(view), view, oracle, output);
        return 0;
    }

    /** Complete positive answers at their updatedAt; of several in one second, the last. */
    static PricePath path(OracleView view) {
        List<long[]> points = new ArrayList<>();
        for (PriceRound r : view.rounds()) {
            if (r.updatedAt() == 0 || r.answer().signum() <= 0 || r.answer().bitLength() > 63) {
                continue;
            }
            long[] p = {r.updatedAt(), r.answer().longValueExact()};
            if (!points.isEmpty() && points.get(points.size() - 1)[0] >= p[0]) {
                points.set(points.size() - 1, new long[] {points.get(points.size() - 1)[0], p[1]});
            } else {
                points.add(p);
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("feed " + view.name() + " has no complete positive round to draw");
        }
        int decimals = Math.min(view.decimals(), 18);
        return new PricePath(view.name(), decimals, points.stream().mapToLong(p -> p[0]).toArray(),
                points.stream().mapToLong(p -> p[1]).toArray());
    }
}
