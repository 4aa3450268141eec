package dev.marginsim.oracle.guard;

import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.Objects;

/** The result of reading a feed through its guards: a usable price, or the first guard that failed. */
public sealed interface GuardOutcome {

    /** The round that was checked. */
    PriceRound round();

    /**
     * Every guard passed.
     *
     * @param priceE8 the answer normalised to 8 decimals as the contract does: {@code answer * 10^(8-d)}
     *                for d ≤ 8, else {@code floorDiv(answer, 10^(d-8))}
     */
    record Accepted(PriceRound round, BigInteger priceE8) implements GuardOutcome {
        public Accepted {
            Objects.requireNonNull(round);
            Objects.requireNonNull(priceE8);
        }
    }

    /**
     * A guard refused the round; the guards after it were not run. For a sequencer failure the round
     * is the sequencer feed's (the price feed was not read).
     */
    record Rejected(PriceRound round, GuardFailure failure) implements GuardOutcome {
        public Rejected {
            Objects.requireNonNull(round);
            Objects.requireNonNull(failure);
        }
    }
}
