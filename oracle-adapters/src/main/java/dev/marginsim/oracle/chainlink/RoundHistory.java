package dev.marginsim.oracle.chainlink;

import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks a feed's history backwards from its latest round, {@link #BATCH} rounds per round trip
 * (read with the deployless {@link RoundBatchReader}).
 *
 * <p>A proxy's round id is {@code phaseId << 64 | aggregatorRoundId}. Inside a phase the walk steps
 * the aggregator round down by one, skipping gaps (rounds that revert or read as empty). When a
 * phase's round 1 is passed, it continues at the last round of the previous phase (read from the
 * proxy's {@code phaseAggregators}); it stops after phase 1 round 1 (or round 1 of a plain
 * aggregator, whose ids carry phase 0). Every loop is bounded: at most {@code maxRounds} rounds are
 * returned and at most {@link #MAX_GAP} consecutive missing ids are probed before the walk gives up
 * on a phase.
 */
public final class RoundHistory {
    /** Consecutive missing round ids after which a phase is taken to have no earlier rounds. */
    public static final int MAX_GAP = 2_000;
    /** Round ids asked for per batch. */
    public static final int BATCH = 512;

    private RoundHistory() {
    }

    /** Up to {@code maxRounds} rounds, newest first, starting with the latest. */
    public static List<PriceRound> walkBack(ChainlinkFeed feed, int maxRounds) {
        return walk(feed, maxRounds, Long.MIN_VALUE);
    }

    /**
     * The rounds updated after {@code fromTimestamp}, newest first, plus the first complete round
     * updated at or before it (the price in force at {@code fromTimestamp}, which a time-weighted
     * average needs; incomplete rounds, {@code updatedAt == 0}, are passed over), at most
     * {@code maxRounds} in all.
     */
    public static List<PriceRound> since(ChainlinkFeed feed, long fromTimestamp, int maxRounds) {
        return walk(feed, maxRounds, fromTimestamp);
    }

    /** Whether {@code r} is the answer in force at {@code t}: complete (updatedAt set) and updated by then. */
    private static boolean reaches(PriceRound r, long t) {
        return r.updatedAt() != 0 && r.updatedAt() <= t;
    }

    private static List<PriceRound> walk(ChainlinkFeed feed, int maxRounds, long fromTimestamp) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("maxRounds must be positive: " + maxRounds);
        }
        List<PriceRound> out = new ArrayList<>();
        PriceRound latest = feed.latestRound();
        out.add(latest);
        if (reaches(latest, fromTimestamp)) {
            return out;
        }
        int phase = latest.phaseId();
        long next = latest.aggregatorRoundId() - 1; // the next aggregator round id to ask for
        int gap = 0;
        while (out.size() < maxRounds) {
            if (next < 1 || gap >= MAX_GAP) {
                if (phase <= 1) {
                    break;
                }
                phase--;
                Optional<Long> last = feed.lastRoundOfPhase(phase);
                next = last.orElse(0L);
                gap = 0;
                continue;
            }
            int n = (int) Math.min(Math.min(BATCH, next), MAX_GAP - gap);
            List<BigInteger> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(AggregatorAbi.proxyRoundId(phase, next - i));
            }
            List<Optional<PriceRound>> rounds = RoundBatchReader.rounds(feed, ids);
            for (Optional<PriceRound> r : rounds) {
                next--;
                if (r.isEmpty()) {
                    gap++;
                    continue;
                }
                gap = 0;
                out.add(r.get());
                if (reaches(r.get(), fromTimestamp) || out.size() >= maxRounds) {
                    return out;
                }
            }
        }
        return out;
    }
}
