package dev.marginsim.oracle.aggregate;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.chainlink.ChainlinkFeed;
import dev.marginsim.oracle.chainlink.RoundHistory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A feed whose answer is the {@link TimeWeightedAverage} of another feed over the last
 * {@code windowSeconds} before now. The round returned keeps the latest input round's id and
 * {@code updatedAt} (its freshness is the input's), with {@code startedAt} = the window start.
 */
public final class TwapFeed implements PriceFeed {
    /** Rounds a history may hold at most (a bound on every walk). */
    public static final int MAX_ROUNDS = 100_000;
    /** Consecutive missing round ids after which the generic walk stops. */
    public static final int MAX_GAP = 1_000;

    /** The rounds of a feed updated after a time, plus the one in force at it. */
    @FunctionalInterface
    public interface History {
        List<PriceRound> since(long fromTimestamp);
    }

    private final PriceFeed feed;
    private final History history;
    private final long windowSeconds;
    private final LongSupplier clock;

    public TwapFeed(PriceFeed feed, History history, long windowSeconds, LongSupplier clock) {
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("window must be positive: " + windowSeconds);
        }
        this.feed = feed;
        this.history = history;
        this.windowSeconds = windowSeconds;
        this.clock = clock;
    }

    /** Over a chain feed: history read in batches across phases ({@link RoundHistory#since}). */
    public static TwapFeed of(ChainlinkFeed feed, long windowSeconds, LongSupplier clock) {
        return new TwapFeed(feed, from -> RoundHistory.since(feed, from, MAX_ROUNDS), windowSeconds, clock);
    }

    /** Over any feed: walks back one round id at a time inside the latest round's phase. */
    public static TwapFeed walking(PriceFeed feed, long windowSeconds, LongSupplier clock) {
        return new TwapFeed(feed, from -> walkBack(feed, from), windowSeconds, clock);
    }

    private static List<PriceRound> walkBack(PriceFeed feed, long from) {
        List<PriceRound> out = new ArrayList<>();
        PriceRound r = feed.latestRound();
        out.add(r);
        BigInteger id = r.roundId();
        BigInteger phaseStart = BigInteger.valueOf(r.phaseId()).shiftLeft(64);
        int gap = 0;
        // Incomplete rounds (updatedAt 0) hold no time: walk past them to a complete one.
        while ((r.updatedAt() == 0 || r.updatedAt() > from) && out.size() < MAX_ROUNDS && gap < MAX_GAP) {
            id = id.subtract(BigInteger.ONE);
            if (id.compareTo(phaseStart) <= 0) {
                break;
            }
            Optional<PriceRound> prev = feed.round(id);
            if (prev.isEmpty()) {
                gap++;
                continue;
            }
            gap = 0;
            r = prev.get();
            out.add(r);
        }
        return out;
    }

    @Override
    public String source() {
        return "twap" + windowSeconds + "s(" + feed.source() + ")";
    }

    @Override
    public int decimals() {
        return feed.decimals();
    }

    @Override
    public PriceRound latestRound() {
        long now = clock.getAsLong();
        long start = Math.subtractExact(now, windowSeconds);
        List<PriceRound> rounds = history.since(start);
        BigInteger twap = TimeWeightedAverage.of(rounds, start, now);
        PriceRound latest = rounds.get(0);
        for (PriceRound r : rounds) {
            if (r.updatedAt() > latest.updatedAt() && r.updatedAt() < now) {
                latest = r;
            }
        }
        return new PriceRound(source(), latest.roundId(), twap, feed.decimals(), start, latest.updatedAt(),
                latest.answeredInRound());
    }

    @Override
    public Optional<PriceRound> round(BigInteger roundId) {
        return Optional.empty();
    }
}
