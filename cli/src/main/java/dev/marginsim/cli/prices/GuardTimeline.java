package dev.marginsim.cli.prices;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.oracle.failure.NoRoundException;
import dev.marginsim.oracle.failure.OracleView;
import dev.marginsim.oracle.failure.SequencerOutages;
import dev.marginsim.oracle.guard.GuardOutcome;
import dev.marginsim.oracle.guard.GuardedFeed;
import dev.marginsim.oracle.guard.Guards;
import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.path.Prices;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The guards a protocol would run, read at each market time and each round's write time:
 * sequencer uptime and grace (if outages were given), positive answer, complete round, heartbeat (if
 * given), bounds (if given), in the contract's order; then the Java-only largest move between rounds (if given). A refusal is a mark on the chart.
 */
final class GuardTimeline {
    static final int MAX_SAMPLES = 20_000;

    /** A refused read at time {@code time}; {@code failure} is the guard failure's name. */
    record Mark(long time, String failure) {
    }

    private GuardTimeline() {
    }

    static List<Mark> marks(PricePath market, OracleView view, OracleOptions o) {
        long[] clock = {market.startTime()};
        PriceFeed feed = view.feed(() -> clock[0]);
        Optional<SequencerOutages> seq = o.sequencer(market.startTime());
        GuardedFeed guarded = GuardedFeed.of(feed, () -> clock[0], Guards.positiveAnswer());
        if (seq.isPresent()) {
            // The sequencer has been up long before the path starts (a year), so no grace period opens it.
            OracleView uptime = seq.get().uptimeFeed("sequencer", Math.max(0, market.startTime() - 365 * 86_400L));
            guarded = GuardedFeed.of(feed, () -> clock[0], Guards.sequencerUptime(uptime.feed(() -> clock[0]),
                    Durations.seconds(o.grace))).then(Guards.positiveAnswer());
        }
        guarded = guarded.then(Guards.completeRound());
        if (o.guardHeartbeat != null) {
            guarded = guarded.then(Guards.heartbeat(Durations.seconds(o.guardHeartbeat)));
        }
        if (o.guardMin != null || o.guardMax != null) {
            BigInteger min = o.guardMin == null ? BigInteger.ONE : BigInteger.valueOf(Prices.fromDecimal(o.guardMin, view.decimals()));
            BigInteger max = o.guardMax == null ? BigInteger.ONE.shiftLeft(255)
                    : BigInteger.valueOf(Prices.fromDecimal(o.guardMax, view.decimals()));
            guarded = guarded.then(Guards.bounds(min, max));
        }
        if (o.guardMaxMoveBps != null) {
            guarded = guarded.then(Guards.maxDeviation(feed, o.guardMaxMoveBps));
        }
        List<Mark> marks = new ArrayList<>();
        for (long t : sampleTimes(market, view)) {
            clock[0] = t;
            try {
                if (guarded.readAt(t) instanceof GuardOutcome.Rejected r) {
                    marks.add(new Mark(t, r.failure().getClass().getSimpleName()));
                }
            } catch (NoRoundException e) {
                marks.add(new Mark(t, "NoData"));
            }
        }
        return marks;
    }

    /**
     * Market times and every round's write time (each side thinned to {@link #MAX_SAMPLES}), in order:
     * a round that stands for one block between two market points is still read.
     */
    private static long[] sampleTimes(PricePath market, OracleView view) {
        java.util.TreeSet<Long> times = new java.util.TreeSet<>();
        int stride = Math.max(1, market.size() / MAX_SAMPLES);
        for (int i = 0; i < market.size(); i += stride) {
            times.add(market.time(i));
        }
        int roundStride = Math.max(1, view.rounds().size() / MAX_SAMPLES);
        for (int i = 0; i < view.rounds().size(); i += roundStride) {
            times.add(OracleView.writeTime(view.rounds().get(i)));
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    /** Counts per failure name, in name order. */
    static Map<String, Integer> counts(List<Mark> marks) {
        Map<String, Integer> c = new TreeMap<>();
        marks.forEach(m -> c.merge(m.failure(), 1, Integer::sum));
        return c;
    }
}
