package dev.marginsim.oracle.chainlink;

import dev.marginsim.core.price.PriceRound;

/** Receives a feed's new rounds, oldest first, on one thread at a time. */
public interface RoundListener {
    void onRound(PriceRound round);

    /** A read failed; following goes on (the next poll or event may succeed). */
    default void onError(RuntimeException error) {
    }
}
