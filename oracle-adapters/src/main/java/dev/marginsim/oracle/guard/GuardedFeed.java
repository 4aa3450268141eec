package dev.marginsim.oracle.guard;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A {@link PriceFeed} decorator that checks the latest round with one guard. Decorators stack: a
 * guarded feed wrapping another runs the inner guards first, on the same round (the base feed is read
 * once per {@link #read()}), and stops at the first failure — so the order of wrapping is the order
 * of checking, as the contract's guard order is fixed. Checks that need no round of the feed
 * ({@link RoundGuard#beforeRead}, the sequencer) all run first, before the feed is read, as in the
 * contract.
 *
 * <p>{@link #latestRound()} is the {@code PriceFeed} view: the round if every guard passes, else a
 * {@link GuardRejectedException}. {@link #read()} gives the same as a value. Historical rounds
 * ({@link #round}) pass through unchecked: staleness and the sequencer are about acting now, not
 * about what a feed said then.
 */
public final class GuardedFeed implements PriceFeed {
    private final PriceFeed inner;
    private final RoundGuard guard;
    private final LongSupplier clock;

    private GuardedFeed(PriceFeed inner, RoundGuard guard, LongSupplier clock) {
        this.inner = Objects.requireNonNull(inner);
        this.guard = Objects.requireNonNull(guard);
        this.clock = Objects.requireNonNull(clock);
    }

    /** {@code feed} checked by {@code guard}, with {@code clock} giving "now" in unix seconds. */
    public static GuardedFeed of(PriceFeed feed, LongSupplier clock, RoundGuard guard) {
        return new GuardedFeed(feed, guard, clock);
    }

    /** This feed with one more guard, checked after the ones already here. */
    public GuardedFeed then(RoundGuard next) {
        return new GuardedFeed(this, next, clock);
    }

    /** Reads the latest round once and runs every guard on it at the clock's current time. */
    public GuardOutcome read() {
        return evaluate(clock.getAsLong());
    }

    /** As {@link #read()}, at an explicit time. */
    public GuardOutcome readAt(long now) {
        return evaluate(now);
    }

    private GuardOutcome evaluate(long now) {
        Optional<GuardOutcome.Rejected> early = beforeRead(now);
        if (early.isPresent()) {
            return early.get();
        }
        return afterRead(now);
    }

    /** Every layer's pre-read check, innermost first. */
    private Optional<GuardOutcome.Rejected> beforeRead(long now) {
        if (inner instanceof GuardedFeed g) {
            Optional<GuardOutcome.Rejected> r = g.beforeRead(now);
            if (r.isPresent()) {
                return r;
            }
        }
        return guard.beforeRead(now);
    }

    /** Reads the base feed once, then every layer's check on that round, innermost first. */
    private GuardOutcome afterRead(long now) {
        GuardOutcome before;
        if (inner instanceof GuardedFeed g) {
            before = g.afterRead(now);
        } else {
            PriceRound r = inner.latestRound();
            before = new GuardOutcome.Accepted(r, Guards.toE8(r.answer(), r.decimals()));
        }
        if (before instanceof GuardOutcome.Rejected) {
            return before;
        }
        Optional<GuardFailure> failure = guard.check(before.round(), now);
        return failure.<GuardOutcome>map(f -> new GuardOutcome.Rejected(before.round(), f)).orElse(before);
    }

    @Override
    public String source() {
        return inner.source();
    }

    @Override
    public int decimals() {
        return inner.decimals();
    }

    @Override
    public PriceRound latestRound() {
        GuardOutcome o = read();
        if (o instanceof GuardOutcome.Rejected r) {
            throw new GuardRejectedException(r.round(), r.failure());
        }
        return o.round();
    }

    @Override
    public Optional<PriceRound> round(BigInteger roundId) {
        return inner.round(roundId);
    }
}
