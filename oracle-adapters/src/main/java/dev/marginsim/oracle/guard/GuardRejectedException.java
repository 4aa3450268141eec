package dev.marginsim.oracle.guard;

import dev.marginsim.core.price.PriceRound;

/**
 * Thrown by {@link GuardedFeed#latestRound()} (the plain {@code PriceFeed} view) when a guard refuses
 * the round; {@link GuardedFeed#read()} returns the same information as a value instead.
 */
public final class GuardRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient PriceRound round;
    private final transient GuardFailure failure;

    public GuardRejectedException(PriceRound round, GuardFailure failure) {
        super("feed " + round.source() + " round " + round.roundId() + " refused: " + failure, null, false, false);
        this.round = round;
        this.failure = failure;
    }

    public PriceRound round() {
        return round;
    }

    public GuardFailure failure() {
        return failure;
    }
}
