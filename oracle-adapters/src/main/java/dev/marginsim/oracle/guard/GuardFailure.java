package dev.marginsim.oracle.guard;

import dev.marginsim.core.OracleFailureCode;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Why a guard refused a round. The first six are the contract's guards (docs/protocol.md §3) and
 * carry its {@code OracleFailure} code; {@link ExcessiveDeviation} is Java-only (the contract has no
 * such check), so it has no code.
 */
public sealed interface GuardFailure {

    /** The code {@code OracleFailure(uint8)} carries for this failure; empty for a Java-only guard. */
    Optional<OracleFailureCode> contractCode();

    /** The sequencer-uptime feed reports the sequencer down (any answer other than 0). */
    record SequencerDown(BigInteger status) implements GuardFailure {
        @Override
        public Optional<OracleFailureCode> contractCode() {
            return Optional.of(OracleFailureCode.SEQUENCER_DOWN);
        }
    }

    /** The sequencer is up, but came back no more than {@code gracePeriodSeconds} ago (or in the future). */
    record GracePeriod(long now, long upSince, long gracePeriodSeconds) implements GuardFailure {
        @Override
        public Optional<OracleFailureCode> contractCode() {
            return Optional.of(OracleFailureCode.GRACE_PERIOD);
        }
    }

    /** The answer is zero or negative. */
    record NonPositive(BigInteger answer) implements GuardFailure {
        @Override
        public Optional<OracleFailureCode> contractCode() {
            return Optional.of(OracleFailureCode.NON_POSITIVE);
        }
    }

    /** {@code updatedAt == 0}, or the answer was carried over from an earlier round. */
    record IncompleteRound(BigInteger roundId, long updatedAt, BigInteger answeredInRound) implements GuardFailure {
        @Override
        public Optional<OracleFailureCode> contractCode() {
            return Optional.of(OracleFailureCode.INCOMPLETE_ROUND);
        }
    }

    /** {@code now > updatedAt + heartbeat}. */
    record Stale(long now, long updatedAt, long heartbeatSeconds) implements GuardFailure {
        @Override
        public Optional<OracleFailureCode> contractCode() {
            return Optional.of(OracleFailureCode.STALE);
        }
    }

    /** The answer is outside {@code [minAnswer, maxAnswer]} (feed decimals). */
    record OutOfBounds(BigInteger answer, BigInteger minAnswer, BigInteger maxAnswer) implements GuardFailure {
        @Override
        public Optional<OracleFailureCode> contractCode() {
            return Optional.of(OracleFailureCode.OUT_OF_BOUNDS);
        }
    }

    /**
     * Java-only: the answer moved more than {@code maxBps} from the previous round's. {@code movedBps} is
     * the move rounded up, so a reported figure never understates it.
     */
    record ExcessiveDeviation(BigInteger previous, BigInteger current, BigInteger movedBps, long maxBps)
            implements GuardFailure {
        @Override
        public Optional<OracleFailureCode> contractCode() {
            return Optional.empty();
        }
    }
}
