package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;
import java.util.List;

/**
 * A feed that stops updating: no round is written in {@code [from, until)}; the last round before
 * stays the latest, ages, and eventually fails a heartbeat guard. With {@code until = Long.MAX_VALUE}
 * the feed never comes back. When it does, the update rule's next round is the first one written.
 */
public record Freeze(long from, long until) implements RoundFailure {
    public Freeze {
        if (from < 0 || until <= from) {
            throw new IllegalArgumentException("freeze window must be 0 <= from < until, got [" + from + ", " + until + ")");
        }
    }

    /** A feed that stops at {@code from} for good. */
    public static Freeze forever(long from) {
        return new Freeze(from, Long.MAX_VALUE);
    }

    @Override
    public List<Report> apply(List<Report> reports, PricePath market) {
        return reports.stream().filter(r -> r.writeTime() < from || r.writeTime() >= until).toList();
    }
}
