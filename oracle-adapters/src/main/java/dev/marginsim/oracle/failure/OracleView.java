package dev.marginsim.oracle.failure;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One feed as the oracle shows it: its rounds in write order (round ids increasing, write times
 * non-decreasing), answers in the feed's decimals. Hand {@link #rounds()} to a pusher to put them
 * on a chain, or read them off-chain through {@link #feedAt} / {@link #feed}.
 *
 * @param name     the feed's name (each round's source)
 * @param decimals the feed's decimals
 * @param rounds   the rounds
 */
public record OracleView(String name, int decimals, List<PriceRound> rounds) {
    public OracleView {
        Objects.requireNonNull(name, "name");
        rounds = List.copyOf(rounds);
        for (int i = 0; i < rounds.size(); i++) {
            PriceRound r = rounds.get(i);
            if (!r.source().equals(name) || r.decimals() != decimals) {
                throw new IllegalArgumentException("round " + i + " is from " + r.source() + " with " + r.decimals()
                        + " decimals, not " + name + " with " + decimals);
            }
            if (i > 0) {
                PriceRound p = rounds.get(i - 1);
                if (r.roundId().compareTo(p.roundId()) <= 0) {
                    throw new IllegalArgumentException("round ids must increase: " + p.roundId() + " then " + r.roundId());
                }
                if (writeTime(r) < writeTime(p)) {
                    throw new IllegalArgumentException("round " + r.roundId() + " is written at " + writeTime(r)
                            + ", before round " + p.roundId() + " at " + writeTime(p));
                }
            }
        }
    }

    /**
     * Numbers reports {@code phase << 64 | k}, k = 1, 2, ... (phase 0: plain aggregator ids);
     * {@code answeredInRound} is the round itself, or the previous one for a carried-over answer.
     */
    public static OracleView number(String name, int decimals, List<Report> reports, int phase) {
        if (phase < 0 || phase > 0xFFFF) {
            throw new IllegalArgumentException("phase must fit 16 bits, got " + phase);
        }
        BigInteger base = BigInteger.valueOf(phase).shiftLeft(64);
        List<PriceRound> rounds = new ArrayList<>(reports.size());
        for (int k = 0; k < reports.size(); k++) {
            Report r = reports.get(k);
            BigInteger id = base.or(BigInteger.valueOf(k + 1L));
            BigInteger answeredIn = r.carriedOver() && k > 0 ? id.subtract(BigInteger.ONE) : id;
            rounds.add(new PriceRound(name, id, r.answer(), decimals, r.startedAt(), r.updatedAt(), answeredIn));
        }
        return new OracleView(name, decimals, rounds);
    }

    /** When a round reaches the chain: {@code updatedAt}, or {@code startedAt} for an incomplete round. */
    public static long writeTime(PriceRound r) {
        return r.updatedAt() != 0 ? r.updatedAt() : r.startedAt();
    }

    /** The latest round written at or before {@code t}, if any (binary search). */
    public Optional<PriceRound> latestAt(long t) {
        int lo = 0;
        int hi = rounds.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (writeTime(rounds.get(mid)) <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of(rounds.get(found));
    }

    /** The feed as it stands at time {@code t}. */
    public PriceFeed feedAt(long t) {
        return feed(() -> t);
    }

    /** The feed as it stands at whatever time {@code clock} says (a simulation's block time). */
    public PriceFeed feed(LongSupplier clock) {
        return new ViewFeed(this, clock);
    }
}
