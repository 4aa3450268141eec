package dev.marginsim.oracle.onchain;

import dev.marginsim.core.price.PriceRound;
import java.util.List;
import java.util.Objects;

/**
 * One feed's path as the oracle shows it: its rounds in the order they were written (with whatever
 * failures were injected: stale, incomplete, zero or clamped answers), in the feed's decimals.
 *
 * @param name     the feed's name (the aggregator's description on chain)
 * @param decimals the feed's decimals
 * @param rounds   the rounds, in write order; round ids may carry a phase ({@code phase << 64 | round})
 */
public record FeedPath(String name, int decimals, List<PriceRound> rounds) {
    public FeedPath {
        Objects.requireNonNull(name, "name");
        rounds = List.copyOf(rounds);
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("decimals is not a uint8: " + decimals);
        }
        for (int i = 0; i < rounds.size(); i++) {
            if (rounds.get(i).decimals() != decimals) {
                throw new IllegalArgumentException("feed " + name + " round " + i + " has " + rounds.get(i).decimals()
                        + " decimals, the feed " + decimals);
            }
        }
    }

    /**
     * When a round is written on chain: its {@code updatedAt}, or {@code startedAt} for an incomplete
     * round ({@code updatedAt == 0}).
     */
    static long writeTime(PriceRound r) {
        return r.updatedAt() != 0 ? r.updatedAt() : r.startedAt();
    }
}
