package dev.marginsim.oracle.guard;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.Optional;
import java.util.TreeMap;

/** A feed held in memory for unit tests: rounds are pushed by hand, as a test aggregator's are. */
public final class MutableFeed implements PriceFeed {
    private final String source;
    private final int decimals;
    private final TreeMap<BigInteger, PriceRound> rounds = new TreeMap<>();
    private BigInteger latest;
    private RuntimeException failure;

    public MutableFeed(String source, int decimals) {
        this.source = source;
        this.decimals = decimals;
    }

    /** The next round (id + 1), complete, answered at {@code updatedAt}. */
    public PriceRound push(long answer, long updatedAt) {
        long id = latest == null ? 1 : latest.longValueExact() + 1;
        return set(PriceRound.complete(source, id, answer, decimals, updatedAt));
    }

    public PriceRound set(PriceRound r) {
        rounds.put(r.roundId(), r);
        latest = r.roundId();
        return r;
    }

    /** From now on every latestRound() throws {@code e} (null: reads work again). */
    public void failWith(RuntimeException e) {
        this.failure = e;
    }

    /** Whether no round was pushed yet. */
    public boolean isEmpty() {
        return latest == null;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int decimals() {
        return decimals;
    }

    @Override
    public PriceRound latestRound() {
        if (failure != null) {
            throw failure;
        }
        return rounds.get(latest);
    }

    @Override
    public Optional<PriceRound> round(BigInteger roundId) {
        return Optional.ofNullable(rounds.get(roundId));
    }
}
