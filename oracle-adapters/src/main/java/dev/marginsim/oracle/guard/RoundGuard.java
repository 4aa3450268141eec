package dev.marginsim.oracle.guard;

import dev.marginsim.core.price.PriceRound;
import java.util.Optional;

/** One check on a feed's latest round at time {@code now} (unix seconds; block or simulated time). */
@FunctionalInterface
public interface RoundGuard {
    Optional<GuardFailure> check(PriceRound round, long now);
}
