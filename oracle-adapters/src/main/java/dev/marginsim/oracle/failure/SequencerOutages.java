package dev.marginsim.oracle.failure;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.path.PricePath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * L2 sequencer downtime windows {@code [from, until)}. Two effects:
 * <ul>
 *   <li>{@link #uptimeFeed}: the sequencer-uptime feed's rounds as Chainlink publishes them, decimals 0:
 *       answer 0 (up) from {@code since}, then per window answer 1 (down) with {@code startedAt = from},
 *       and answer 0 (up) with {@code startedAt = until}; {@code updatedAt = startedAt}.</li>
 *   <li>as a {@link RoundFailure} on a price feed: no transaction lands while the sequencer is down, so
 *       rounds due in a window are not written; if any was due, the feed catches up at {@code until}
 *       with the market price of that moment.</li>
 * </ul>
 */
public final class SequencerOutages implements RoundFailure {
    /** One outage. */
    public record Window(long from, long until) {
        public Window {
            if (from < 0 || until <= from) {
                throw new IllegalArgumentException("outage must be 0 <= from < until, got [" + from + ", " + until + ")");
            }
        }
    }

    private final List<Window> windows;

    /** Windows in time order, not overlapping. */
    public SequencerOutages(List<Window> windows) {
        this.windows = List.copyOf(windows);
        for (int i = 1; i < this.windows.size(); i++) {
            if (this.windows.get(i).from() <= this.windows.get(i - 1).until()) {
                throw new IllegalArgumentException("outage " + i + " starts before outage " + (i - 1) + " has ended");
            }
        }
    }

    public List<Window> windows() {
        return windows;
    }

    /** The uptime feed's view, from {@code since} (which must precede every window). */
    public OracleView uptimeFeed(String name, long since) {
        List<Report> reports = new ArrayList<>();
        reports.add(new Report(since, since, BigInteger.ZERO, false));
        for (Window w : windows) {
            if (w.from() <= since) {
                throw new IllegalArgumentException("outage at " + w.from() + " does not start after the feed's start " + since);
            }
            reports.add(new Report(w.from(), w.from(), BigInteger.ONE, false));
            reports.add(new Report(w.until(), w.until(), BigInteger.ZERO, false));
        }
        return OracleView.number(name, 0, reports, 0);
    }

    /** True if the sequencer is down at {@code t}. */
    public boolean isDown(long t) {
        return windows.stream().anyMatch(w -> t >= w.from() && t < w.until());
    }

    @Override
    public List<Report> apply(List<Report> reports, PricePath market) {
        List<Report> out = new ArrayList<>();
        for (Report r : reports) {
            if (!isDown(r.writeTime())) {
                out.add(r);
            }
        }
        for (Window w : windows) {
            boolean missed = reports.stream().anyMatch(r -> r.writeTime() >= w.from() && r.writeTime() < w.until());
            if (missed && w.until() >= market.startTime()) {
                out.removeIf(r -> r.writeTime() == w.until());
                out.add(Report.at(w.until(), market.priceAt(w.until())));
            }
        }
        out.sort(Comparator.comparingLong(Report::writeTime));
        return out;
    }

    /** The uptime rounds of {@link #uptimeFeed} as a list (what a pusher writes to a sequencer feed). */
    public List<PriceRound> uptimeRounds(String name, long since) {
        return uptimeFeed(name, since).rounds();
    }
}
