package dev.marginsim.oracle.aggregate;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The median of N feeds' latest answers. A source whose guards refuse its round (a
 * {@code GuardedFeed} source) or that cannot be read is left out; with fewer than {@code quorum}
 * left, no price ({@link AggregationException.Reason#TOO_FEW_SOURCES}). All sources share decimals.
 *
 * <p>With an even count the median is the mean of the middle two, rounded toward −∞ (floor). The
 * round returned has the oldest {@code startedAt} and {@code updatedAt} of the rounds used (so a
 * staleness guard on the median sees its stalest input), and round id = answeredInRound =
 * that {@code updatedAt} (an aggregate has no round numbering of its own, and keeps no history:
 * {@link #round} is always empty).
 */
public final class MedianFeed implements PriceFeed {
    private final List<PriceFeed> sources;
    private final int quorum;
    private final int decimals;
    private final String name;

    public MedianFeed(List<? extends PriceFeed> sources, int quorum) {
        this.sources = List.copyOf(sources);
        this.decimals = Sources.commonDecimals(this.sources);
        if (quorum < 1 || quorum > this.sources.size()) {
            throw new IllegalArgumentException("quorum " + quorum + " outside 1.." + this.sources.size());
        }
        this.quorum = quorum;
        this.name = "median(" + String.join(",", this.sources.stream().map(PriceFeed::source).toList()) + ")";
    }

    @Override
    public String source() {
        return name;
    }

    @Override
    public int decimals() {
        return decimals;
    }

    @Override
    public PriceRound latestRound() {
        List<PriceRound> used = new ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (PriceFeed f : sources) {
            PriceRound r = Sources.latestOrNull(f, why);
            if (r != null) {
                used.add(r);
            }
        }
        if (used.size() < quorum) {
            throw new AggregationException(AggregationException.Reason.TOO_FEW_SOURCES,
                    used.size() + " of " + sources.size() + " sources usable, quorum " + quorum + " (" + why + ")");
        }
        List<BigInteger> answers = new ArrayList<>(used.stream().map(PriceRound::answer).sorted().toList());
        BigInteger median = median(answers);
        long startedAt = used.stream().mapToLong(PriceRound::startedAt).min().orElseThrow();
        long updatedAt = used.stream().mapToLong(PriceRound::updatedAt).min().orElseThrow();
        BigInteger id = BigInteger.valueOf(updatedAt);
        return new PriceRound(name, id, median, decimals, startedAt, updatedAt, id);
    }

    /** The median of sorted values; even count: floor of the mean of the middle two. */
    static BigInteger median(List<BigInteger> sorted) {
        int n = sorted.size();
        if (n % 2 == 1) {
            return sorted.get(n / 2);
        }
        BigInteger sum = sorted.get(n / 2 - 1).add(sorted.get(n / 2));
        BigInteger[] qr = sum.divideAndRemainder(BigInteger.TWO);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0]; // floor, also for negatives
    }

    @Override
    public Optional<PriceRound> round(BigInteger roundId) {
        return Optional.empty();
    }
}
