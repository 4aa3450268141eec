package dev.marginsim.core.price;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceSnapshotTest {
    private static final PriceRound ETH = PriceRound.complete("ETH/USD", 7, 3_000_00000000L, 8, 1_700_000_000L);
    private static final PriceRound BTC = PriceRound.complete("BTC/USD", 9, 60_000_00000000L, 8, 1_700_000_010L);

    @Test
    void roundsAreSortedBySourceSoInputOrderDoesNotChangeTheHash() {
        PriceSnapshot a = new PriceSnapshot(100, 1_700_000_020L, List.of(ETH, BTC));
        PriceSnapshot b = new PriceSnapshot(100, 1_700_000_020L, List.of(BTC, ETH));
        assertEquals(List.of(BTC, ETH), a.rounds());
        assertArrayEquals(a.hash(), b.hash());
    }

    @Test
    void everyFieldChangesTheHash() {
        PriceSnapshot base = new PriceSnapshot(100, 1_700_000_020L, List.of(ETH));
        List<PriceSnapshot> variants = List.of(
                new PriceSnapshot(101, 1_700_000_020L, List.of(ETH)),
                new PriceSnapshot(100, 1_700_000_021L, List.of(ETH)),
                new PriceSnapshot(100, 1_700_000_020L, List.of()),
                new PriceSnapshot(100, 1_700_000_020L, List.of(new PriceRound("ETH/USE", ETH.roundId(), ETH.answer(),
                        8, ETH.startedAt(), ETH.updatedAt(), ETH.answeredInRound()))),
                new PriceSnapshot(100, 1_700_000_020L, List.of(new PriceRound("ETH/USD", BigInteger.valueOf(8),
                        ETH.answer(), 8, ETH.startedAt(), ETH.updatedAt(), ETH.answeredInRound()))),
                new PriceSnapshot(100, 1_700_000_020L, List.of(new PriceRound("ETH/USD", ETH.roundId(),
                        ETH.answer().negate(), 8, ETH.startedAt(), ETH.updatedAt(), ETH.answeredInRound()))),
                new PriceSnapshot(100, 1_700_000_020L, List.of(new PriceRound("ETH/USD", ETH.roundId(), ETH.answer(),
                        18, ETH.startedAt(), ETH.updatedAt(), ETH.answeredInRound()))),
                new PriceSnapshot(100, 1_700_000_020L, List.of(new PriceRound("ETH/USD", ETH.roundId(), ETH.answer(),
                        8, ETH.startedAt() - 1, ETH.updatedAt(), ETH.answeredInRound()))),
                new PriceSnapshot(100, 1_700_000_020L, List.of(new PriceRound("ETH/USD", ETH.roundId(), ETH.answer(),
                        8, ETH.startedAt(), ETH.updatedAt() + 1, ETH.answeredInRound()))),
                new PriceSnapshot(100, 1_700_000_020L, List.of(new PriceRound("ETH/USD", ETH.roundId(), ETH.answer(),
                        8, ETH.startedAt(), ETH.updatedAt(), BigInteger.valueOf(6)))));
        for (PriceSnapshot v : variants) {
            assertFalse(Arrays.equals(base.hash(), v.hash()), () -> "same hash for " + v);
        }
    }

    @Test
    void hashIsTheDocumentedEncoding() {
        // Encode by hand, field by field as docs/oracles.md lists them, and hash with the JDK.
        PriceSnapshot s = new PriceSnapshot(1, 2, List.of(PriceRound.complete("A", 3, -4, 8, 5)));
        String hex = HexFormat.of().formatHex("marginsim/price-snapshot/v1".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "0000000000000001" + "0000000000000002" + "00000001"
                + "0001" + "41"
                + "0".repeat(62) + "03"
                + "f".repeat(63) + "c"
                + "08" + "0000000000000005" + "0000000000000005"
                + "0".repeat(62) + "03";
        byte[] expected = sha256(HexFormat.of().parseHex(hex));
        assertArrayEquals(expected, s.hash());
    }

    @Test
    void rejectsTwoRoundsOfOneFeedAndRoundIdsBeyondUint80() {
        assertThrows(IllegalArgumentException.class, () -> new PriceSnapshot(1, 1, List.of(ETH, ETH)));
        assertThrows(IllegalArgumentException.class, () -> new PriceRound("X", BigInteger.ONE.shiftLeft(80),
                BigInteger.ONE, 8, 1, 1, BigInteger.ONE));
    }

    @Test
    void phaseAndAggregatorRoundSplitTheProxyRoundId() {
        BigInteger id = BigInteger.valueOf(3).shiftLeft(64).add(BigInteger.valueOf(42));
        PriceRound r = new PriceRound("X", id, BigInteger.TEN, 8, 1, 1, id);
        assertEquals(3, r.phaseId());
        assertEquals(42, r.aggregatorRoundId());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
