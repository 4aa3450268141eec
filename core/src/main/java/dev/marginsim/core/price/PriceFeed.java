package dev.marginsim.core.price;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A source of Chainlink-style rounds: a feed contract read through a chain client, a replayed
 * history, a synthetic path, or any of those behind a guard. Everything that needs a price reads
 * it through this interface, so on-chain and simulated runs take the same path.
 */
public interface PriceFeed {

    /** The feed's identity, carried into every round it returns. */
    String source();

    /** The feed's decimals (as {@code AggregatorV3Interface.decimals()}). */
    int decimals();

    /** The latest round. */
    PriceRound latestRound();

    /** A historical round, or empty if the feed has no such round. */
    Optional<PriceRound> round(BigInteger roundId);
}
