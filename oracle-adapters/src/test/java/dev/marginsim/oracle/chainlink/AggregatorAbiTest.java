package dev.marginsim.oracle.chainlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** What a contract that is not a feed returns is refused by name, never truncated into a number. */
class AggregatorAbiTest {
    private static final String A = "0x00000000000000000000000000000000000000aa";

    private static String word(BigInteger v) {
        String hex = (v.signum() < 0 ? BigInteger.ONE.shiftLeft(256).add(v) : v).toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static String round(BigInteger... words) {
        StringBuilder b = new StringBuilder("0x");
        for (BigInteger w : words) {
            b.append(word(w));
        }
        return b.toString();
    }

    @Test
    void decodesFiveWordsWithASignedAnswer() {
        PriceRound r = AggregatorAbi.decodeRound(A, "src", 8, round(BigInteger.ONE.shiftLeft(64).add(BigInteger.TEN),
                BigInteger.valueOf(-42), BigInteger.valueOf(7), BigInteger.valueOf(9), BigInteger.TEN));
        assertEquals(new PriceRound("src", BigInteger.ONE.shiftLeft(64).add(BigInteger.TEN), BigInteger.valueOf(-42), 8, 7, 9,
                BigInteger.TEN), r);
        assertEquals(1, r.phaseId());
        assertEquals(10, r.aggregatorRoundId());
    }

    @Test
    void garbageIsNotAFeed() {
        BigInteger one = BigInteger.ONE;
        assertThrows(FeedException.NotAFeed.class, () -> AggregatorAbi.decodeRound(A, "s", 8, "0x"));
        assertThrows(FeedException.NotAFeed.class, () -> AggregatorAbi.decodeRound(A, "s", 8, round(one, one, one, one)));
        assertThrows(FeedException.NotAFeed.class, () -> AggregatorAbi.decodeRound(A, "s", 8,
                round(one.shiftLeft(80), one, one, one, one)), "a round id above uint80");
        assertThrows(FeedException.NotAFeed.class, () -> AggregatorAbi.decodeRound(A, "s", 8,
                round(one, one, one, one.shiftLeft(63), one)), "a timestamp above 2^63 - 1");
        var e = assertThrows(FeedException.NotAFeed.class, () -> AggregatorAbi.decodeDecimals(A, round(BigInteger.valueOf(256))));
        assertTrue(e.getMessage().contains("not a uint8") && e.getMessage().contains(A), e.getMessage());
        assertEquals(18, AggregatorAbi.decodeDecimals(A, round(BigInteger.valueOf(18))));
        assertThrows(FeedException.NotAFeed.class, () -> AggregatorAbi.decodeString(A, round(BigInteger.valueOf(999))));
    }
}
