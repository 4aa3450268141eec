package dev.marginsim.oracle.failure;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A round before it is numbered: what the oracle writes, and when.
 *
 * @param startedAt  when the round started (unix seconds)
 * @param updatedAt  when its answer was written; 0 for an incomplete round
 * @param answer     the answer in the feed's decimals (any int256: failures may write 0 or less)
 * @param carriedOver true if the answer was computed in an earlier round ({@code answeredInRound < roundId})
 */
public record Report(long startedAt, long updatedAt, BigInteger answer, boolean carriedOver) {
    public Report {
        Objects.requireNonNull(answer, "answer");
        if (startedAt < 0 || updatedAt < 0) {
            throw new IllegalArgumentException("timestamps are unsigned: " + startedAt + ", " + updatedAt);
        }
    }

    /** A complete round written at {@code time}. */
    public static Report at(long time, long answer) {
        return new Report(time, time, BigInteger.valueOf(answer), false);
    }

    /** When the round reaches the chain: {@code updatedAt}, or {@code startedAt} for an incomplete round. */
    public long writeTime() {
        return updatedAt != 0 ? updatedAt : startedAt;
    }

    /** The same round with another answer. */
    public Report withAnswer(BigInteger newAnswer) {
        return new Report(startedAt, updatedAt, newAnswer, carriedOver);
    }
}
