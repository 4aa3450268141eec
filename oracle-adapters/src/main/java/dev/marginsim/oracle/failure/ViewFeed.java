package dev.marginsim.oracle.failure;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A {@link PriceFeed} over an {@link OracleView} at a clock's time: it shows only the rounds written
 * by then, as a chain at that block would. Reading before the first round throws {@link NoRoundException}.
 */
final class ViewFeed implements PriceFeed {
    private final OracleView view;
    private final LongSupplier clock;

    ViewFeed(OracleView view, LongSupplier clock) {
        this.view = view;
        this.clock = clock;
    }

    @Override
    public String source() {
        return view.name();
    }

    @Override
    public int decimals() {
        return view.decimals();
    }

    @Override
    public PriceRound latestRound() {
        long now = clock.getAsLong();
        return view.latestAt(now).orElseThrow(() -> new NoRoundException(view.name(), now));
    }

    @Override
    public Optional<PriceRound> round(BigInteger roundId) {
        long now = clock.getAsLong();
        for (PriceRound r : view.rounds()) {
            if (r.roundId().equals(roundId)) {
                return OracleView.writeTime(r) <= now ? Optional.of(r) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
