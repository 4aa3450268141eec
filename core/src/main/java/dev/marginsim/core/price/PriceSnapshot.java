package dev.marginsim.core.price;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rounds of several feeds as read at one block (or one simulation step): the prices a state
 * was valued at. Its {@link #hash()} is what solvency proofs commit to, so the encoding is fixed
 * and documented byte by byte in docs/oracles.md ("Price snapshot hash").
 *
 * @param blockNumber the block (or simulation step) the rounds were read at
 * @param timestamp   that block's timestamp, unix seconds
 * @param rounds      one round per feed, sorted by source, sources unique
 */
public record PriceSnapshot(long blockNumber, long timestamp, List<PriceRound> rounds) {

    /** Domain tag that starts every snapshot hash (a hash of anything else never collides with it). */
    public static final String DOMAIN_TAG = "marginsim/price-snapshot/v1";

    public PriceSnapshot {
        if (blockNumber < 0 || timestamp < 0) {
            throw new IllegalArgumentException("block number and timestamp are unsigned");
        }
        List<PriceRound> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparing(PriceRound::source));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).source().equals(sorted.get(i - 1).source())) {
                throw new IllegalArgumentException("two rounds for one feed: " + sorted.get(i).source());
            }
        }
        rounds = List.copyOf(sorted);
    }

    /** The round of one feed. */
    public PriceRound round(String source) {
        for (PriceRound r : rounds) {
            if (r.source().equals(source)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no round for feed " + source + " in this snapshot");
    }

    /**
     * SHA-256 over: the UTF-8 domain tag, blockNumber (8 bytes), timestamp (8), the number of rounds
     * (4), then per round in source order: the source's UTF-8 length (2) and bytes, roundId (32,
     * unsigned), answer (32, two's complement), decimals (1), startedAt (8), updatedAt (8),
     * answeredInRound (32). All integers big-endian; every field fixed-width or length-prefixed,
     * so no two snapshots share an encoding.
     */
    public byte[] hash() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DOMAIN_TAG.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(ByteBuffer.allocate(20).putLong(blockNumber).putLong(timestamp).putInt(rounds.size()).array());
        for (PriceRound r : rounds) {
            byte[] source = r.source().getBytes(StandardCharsets.UTF_8);
            if (source.length > 0xFFFF) {
                throw new IllegalArgumentException("feed source longer than 65535 bytes");
            }
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) source.length).array());
            out.writeBytes(source);
            out.writeBytes(word(r.roundId()));
            out.writeBytes(word(r.answer()));
            out.write(r.decimals());
            out.writeBytes(ByteBuffer.allocate(16).putLong(r.startedAt()).putLong(r.updatedAt()).array());
            out.writeBytes(word(r.answeredInRound()));
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }

    /** A 32-byte big-endian two's-complement word, as the EVM encodes int256/uint256. */
    private static byte[] word(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length > 32 && !(raw.length == 33 && raw[0] == 0)) {
            throw new IllegalArgumentException("value does not fit 256 bits: " + value);
        }
        byte[] word = new byte[32];
        byte fill = value.signum() < 0 ? (byte) 0xFF : 0;
        java.util.Arrays.fill(word, fill);
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, word, 32 - len, len);
        return word;
    }
}
