package dev.marginsim.oracle.guard;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The guards, each the exact condition of the contract's check (docs/protocol.md §3), in integers.
 * Compose them with {@link GuardedFeed}; {@link ContractGuards} puts the contract's six in its order.
 */
public final class Guards {
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private Guards() {
    }

    /** §3 check 3: {@code answer <= 0} fails. */
    public static RoundGuard positiveAnswer() {
        return (r, now) -> r.answer().signum() <= 0
                ? Optional.of(new GuardFailure.NonPositive(r.answer())) : Optional.empty();
    }

    /** §3 check 4: {@code updatedAt == 0 || answeredInRound < roundId} fails. */
    public static RoundGuard completeRound() {
        return (r, now) -> r.updatedAt() == 0 || r.answeredInRound().compareTo(r.roundId()) < 0
                ? Optional.of(new GuardFailure.IncompleteRound(r.roundId(), r.updatedAt(), r.answeredInRound()))
                : Optional.empty();
    }

    /**
     * §3 check 5: {@code now > updatedAt + heartbeat} fails, compared without overflow (an
     * {@code updatedAt} in the future is simply not stale).
     */
    public static RoundGuard heartbeat(long heartbeatSeconds) {
        if (heartbeatSeconds < 0) {
            throw new IllegalArgumentException("heartbeat is unsigned: " + heartbeatSeconds);
        }
        return (r, now) -> now > r.updatedAt() && now - r.updatedAt() > heartbeatSeconds
                ? Optional.of(new GuardFailure.Stale(now, r.updatedAt(), heartbeatSeconds)) : Optional.empty();
    }

    /** §3 check 6: {@code answer < minAnswer || answer > maxAnswer} fails (feed decimals). */
    public static RoundGuard bounds(BigInteger minAnswer, BigInteger maxAnswer) {
        if (minAnswer.compareTo(maxAnswer) > 0) {
            throw new IllegalArgumentException("minAnswer " + minAnswer + " above maxAnswer " + maxAnswer);
        }
        return (r, now) -> r.answer().compareTo(minAnswer) < 0 || r.answer().compareTo(maxAnswer) > 0
                ? Optional.of(new GuardFailure.OutOfBounds(r.answer(), minAnswer, maxAnswer)) : Optional.empty();
    }

    /**
     * §3 checks 1 and 2 on the sequencer-uptime feed's latest round: an answer other than 0 is
     * "down"; when up, {@code now < startedAt || now - startedAt <= gracePeriod} is the grace period.
     */
    public static RoundGuard sequencerUptime(PriceFeed sequencer, long gracePeriodSeconds) {
        if (gracePeriodSeconds < 0) {
            throw new IllegalArgumentException("grace period is unsigned: " + gracePeriodSeconds);
        }
        return new RoundGuard() {
            @Override
            public Optional<GuardFailure> check(PriceRound round, long now) {
                return Optional.empty(); // all of it runs before the feed is read
            }

            @Override
            public Optional<GuardOutcome.Rejected> beforeRead(long now) {
                PriceRound status = sequencer.latestRound();
                if (status.answer().signum() != 0) {
                    return Optional.of(new GuardOutcome.Rejected(status, new GuardFailure.SequencerDown(status.answer())));
                }
                if (now < status.startedAt() || now - status.startedAt() <= gracePeriodSeconds) {
                    return Optional.of(new GuardOutcome.Rejected(status,
                            new GuardFailure.GracePeriod(now, status.startedAt(), gracePeriodSeconds)));
                }
                return Optional.empty();
            }
        };
    }

    /**
     * Java-only: the answer may move at most {@code maxBps} basis points from the previous round of
     * {@code feed} (aggregator round id − 1 in the same phase). Fails when
     * {@code |answer − previous| × 10000 > maxBps × |previous|}, compared exactly. Passes when there is
     * no previous round (round 1 of a phase, or a gap) or the previous answer is not positive (no
     * reference to measure against; the positive-answer guard is the one for that).
     */
    public static RoundGuard maxDeviation(PriceFeed feed, long maxBps) {
        if (maxBps < 0) {
            throw new IllegalArgumentException("maxBps is unsigned: " + maxBps);
        }
        BigInteger max = BigInteger.valueOf(maxBps);
        return (r, now) -> {
            if (r.aggregatorRoundId() <= 1) {
                return Optional.empty();
            }
            Optional<PriceRound> prev = feed.round(r.roundId().subtract(BigInteger.ONE));
            if (prev.isEmpty() || prev.get().answer().signum() <= 0) {
                return Optional.empty();
            }
            BigInteger p = prev.get().answer();
            BigInteger move = r.answer().subtract(p).abs().multiply(BPS);
            if (move.compareTo(max.multiply(p)) <= 0) {
                return Optional.empty();
            }
            BigInteger movedBps = new java.math.BigDecimal(move).divide(new java.math.BigDecimal(p), 0,
                    RoundingMode.CEILING).toBigIntegerExact();
            return Optional.of(new GuardFailure.ExcessiveDeviation(p, r.answer(), movedBps, maxBps));
        };
    }

    /**
     * The contract's normalisation to 8 decimals: {@code answer × 10^(8−d)} for d ≤ 8, else
     * {@code floorDiv(answer, 10^(d−8))} (rounds toward −∞, as the contract's floorDiv).
     */
    public static BigInteger toE8(BigInteger answer, int decimals) {
        if (decimals <= 8) {
            return answer.multiply(BigInteger.TEN.pow(8 - decimals));
        }
        BigInteger[] qr = answer.divideAndRemainder(BigInteger.TEN.pow(decimals - 8));
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }
}
