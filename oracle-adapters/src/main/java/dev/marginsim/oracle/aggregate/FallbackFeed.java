package dev.marginsim.oracle.aggregate;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.guard.Guards;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A primary feed with a fallback, in the manner of Liquity's PriceFeed: the primary is used while it
 * is usable; the fallback takes over when the primary breaks, freezes or jumps without the fallback
 * confirming the move; when neither can be trusted the last good price is kept. The decision depends
 * on the previous one, so this is a small state machine ({@link Status}):
 *
 * <ul>
 *   <li>the primary is <b>broken</b> if it cannot be read, a guard on it refuses its round, or its
 *       answer is not positive; <b>frozen</b> if {@code now − updatedAt > frozenAfterSeconds};
 *       it <b>jumped</b> if its answer moved more than {@code maxMoveBps} from its previous round;</li>
 *   <li>the fallback is usable unless broken or frozen (same tests);</li>
 *   <li>the two <b>agree</b> when both can be read and {@code |p − f| × 10000 ≤ maxDisagreementBps ×
 *       max(p, f)} (compared exactly).</li>
 * </ul>
 * Transitions (state → condition → new state, price used):
 * <pre>
 * PRIMARY            primary usable, or jumped but agrees         → PRIMARY, primary
 *                    frozen                                       → PRIMARY_FROZEN, fallback (else last good)
 *                    broken or jumped, fallback usable            → PRIMARY_UNTRUSTED, fallback
 *                    broken or jumped, fallback not usable        → BOTH_UNTRUSTED, last good
 * PRIMARY_FROZEN     primary usable again                         → PRIMARY, primary
 *                    primary broken or jumped                     → as from PRIMARY
 *                    still frozen                                 → PRIMARY_FROZEN, fallback (else last good)
 * PRIMARY_UNTRUSTED  primary usable and agrees                    → PRIMARY, primary
 *                    fallback usable                              → PRIMARY_UNTRUSTED, fallback
 *                    otherwise                                    → BOTH_UNTRUSTED, last good
 * BOTH_UNTRUSTED     primary usable and agrees                    → PRIMARY, primary
 *                    fallback usable                              → PRIMARY_UNTRUSTED, fallback
 *                    otherwise                                    → BOTH_UNTRUSTED, last good
 * </pre>
 * An untrusted primary must be confirmed by the fallback before it is trusted again, while a merely
 * frozen one is trusted as soon as it updates. Both feeds share decimals. Before any good price, "last
 * good" is {@link AggregationException.Reason#NO_PRICE_YET}.
 */
public final class FallbackFeed implements PriceFeed {
    /** Which source the last read trusted. */
    public enum Status { PRIMARY, PRIMARY_FROZEN, PRIMARY_UNTRUSTED, BOTH_UNTRUSTED }

    /** Which price a read returned. */
    public enum Used { PRIMARY, FALLBACK, LAST_GOOD }

    /** One read: the round returned, where it came from, and the state after the read. */
    public record Decision(PriceRound round, Used used, Status status) {
    }

    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private final PriceFeed primary;
    private final PriceFeed fallback;
    private final long maxMoveBps;
    private final long maxDisagreementBps;
    private final long frozenAfterSeconds;
    private final LongSupplier clock;
    private Status status = Status.PRIMARY;
    private PriceRound lastGood;

    public FallbackFeed(PriceFeed primary, PriceFeed fallback, long maxMoveBps, long maxDisagreementBps,
            long frozenAfterSeconds, LongSupplier clock) {
        Sources.commonDecimals(List.of(primary, fallback));
        if (maxMoveBps < 0 || maxDisagreementBps < 0 || frozenAfterSeconds < 0) {
            throw new IllegalArgumentException("thresholds are unsigned");
        }
        this.primary = primary;
        this.fallback = fallback;
        this.maxMoveBps = maxMoveBps;
        this.maxDisagreementBps = maxDisagreementBps;
        this.frozenAfterSeconds = frozenAfterSeconds;
        this.clock = clock;
    }

    public Status status() {
        return status;
    }

    /** Reads both feeds once and applies the transition table. */
    public synchronized Decision decide() {
        long now = clock.getAsLong();
        StringBuilder why = new StringBuilder();
        PriceRound p = Sources.latestOrNull(primary, why);
        PriceRound f = Sources.latestOrNull(fallback, why);
        boolean pBroken = p == null || p.answer().signum() <= 0;
        boolean fBroken = f == null || f.answer().signum() <= 0;
        boolean pFrozen = !pBroken && frozen(p, now);
        boolean fUsable = !fBroken && !frozen(f, now);
        boolean pJumped = !pBroken && Guards.maxDeviation(primary, maxMoveBps).check(p, now).isPresent();
        boolean agree = !pBroken && !fBroken && agree(p.answer(), f.answer());
        boolean pUsable = !pBroken && !pFrozen && !pJumped;

        Status next;
        Used used;
        switch (status) {
            case PRIMARY, PRIMARY_FROZEN -> {
                if (pUsable || (!pBroken && !pFrozen && pJumped && agree)) {
                    next = Status.PRIMARY;
                    used = Used.PRIMARY;
                } else if (pFrozen) {
                    next = Status.PRIMARY_FROZEN;
                    used = fUsable ? Used.FALLBACK : Used.LAST_GOOD;
                } else if (fUsable) {
                    next = Status.PRIMARY_UNTRUSTED;
                    used = Used.FALLBACK;
                } else {
                    next = Status.BOTH_UNTRUSTED;
                    used = Used.LAST_GOOD;
                }
            }
            default -> {
                if (pUsable && agree) {
                    next = Status.PRIMARY;
                    used = Used.PRIMARY;
                } else if (fUsable) {
                    next = Status.PRIMARY_UNTRUSTED;
                    used = Used.FALLBACK;
                } else {
                    next = Status.BOTH_UNTRUSTED;
                    used = Used.LAST_GOOD;
                }
            }
        }
        PriceRound round = switch (used) {
            case PRIMARY -> p;
            case FALLBACK -> f;
            case LAST_GOOD -> {
                if (lastGood == null) {
                    throw new AggregationException(AggregationException.Reason.NO_PRICE_YET,
                            "neither feed usable and no earlier good price (" + why + ")");
                }
                yield lastGood;
            }
        };
        status = next;
        lastGood = round;
        return new Decision(round, used, next);
    }

    private boolean frozen(PriceRound r, long now) {
        return now > r.updatedAt() && now - r.updatedAt() > frozenAfterSeconds;
    }

    private boolean agree(BigInteger a, BigInteger b) {
        return a.subtract(b).abs().multiply(BPS).compareTo(BigInteger.valueOf(maxDisagreementBps).multiply(a.max(b))) <= 0;
    }

    @Override
    public String source() {
        return "fallback(" + primary.source() + "," + fallback.source() + ")";
    }

    @Override
    public int decimals() {
        return primary.decimals();
    }

    /** The round of {@link #decide()} (its {@code source} tells which feed it came from). */
    @Override
    public PriceRound latestRound() {
        return decide().round();
    }

    @Override
    public Optional<PriceRound> round(BigInteger roundId) {
        return primary.round(roundId);
    }
}
