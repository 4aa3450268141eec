package dev.marginsim.oracle.guard;

import dev.marginsim.core.price.PriceRound;
import java.util.Optional;

/** One check on a feed's latest round at time {@code now} (unix seconds; block or simulated time). */
@FunctionalInterface
public interface RoundGuard {
    Optional<GuardFailure> check(PriceRound round, long now);

    /**
     * A check that needs no round of the feed and runs before the feed is read (the sequencer-uptime
     * guard: the contract checks the sequencer before it calls the price feed). A refusal names the
     * round it refused (the sequencer's). Default: nothing to check.
     */
    default Optional<GuardOutcome.Rejected> beforeRead(long now) {
        return Optional.empty();
    }
}
