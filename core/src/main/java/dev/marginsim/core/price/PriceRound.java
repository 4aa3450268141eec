package dev.marginsim.core.price;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One round of a Chainlink-style feed, exactly as {@code latestRoundData()} / {@code getRoundData()}
 * return it, plus the feed's decimals and where it came from.
 *
 * <p>Round ids are uint80 (Chainlink packs the phase into the top 16 bits), answers int256, so both
 * are held as {@link BigInteger}: a guard must see a zero, negative or absurd answer as the
 * contract does, not a value clipped to fit a long.
 *
 * @param source          the feed's identity: a checksummed address, or a path/feed name off-chain
 * @param roundId         the round id (phase &lt;&lt; 64 | aggregator round)
 * @param answer          the answer in the feed's own decimals
 * @param decimals        the feed's decimals
 * @param startedAt       when the round started, unix seconds
 * @param updatedAt       when the answer was written, unix seconds (0 = incomplete round)
 * @param answeredInRound the round in which the answer was computed
 */
public record PriceRound(String source, BigInteger roundId, BigInteger answer, int decimals,
        long startedAt, long updatedAt, BigInteger answeredInRound) {

    private static final BigInteger UINT80_LIMIT = BigInteger.ONE.shiftLeft(80);

    public PriceRound {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(answeredInRound, "answeredInRound");
        if (roundId.signum() < 0 || roundId.compareTo(UINT80_LIMIT) >= 0) {
            throw new IllegalArgumentException("round id is not a uint80: " + roundId);
        }
        if (answeredInRound.signum() < 0 || answeredInRound.compareTo(UINT80_LIMIT) >= 0) {
            throw new IllegalArgumentException("answeredInRound is not a uint80: " + answeredInRound);
        }
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("decimals is not a uint8: " + decimals);
        }
        if (startedAt < 0 || updatedAt < 0) {
            throw new IllegalArgumentException("timestamps are unsigned: " + startedAt + ", " + updatedAt);
        }
    }

    /** A complete round whose answer was computed in itself (the usual case for a healthy feed). */
    public static PriceRound complete(String source, long roundId, long answer, int decimals, long updatedAt) {
        BigInteger id = BigInteger.valueOf(roundId);
        return new PriceRound(source, id, BigInteger.valueOf(answer), decimals, updatedAt, updatedAt, id);
    }

    /** The phase id: the top 16 bits of a proxy's round id. */
    public int phaseId() {
        return roundId.shiftRight(64).intValueExact();
    }

    /** The round id inside its phase aggregator: the low 64 bits. */
    public long aggregatorRoundId() {
        return roundId.longValue();
    }
}
