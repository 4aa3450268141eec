package dev.marginsim.prover.transparent;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The secret, reproducible order of the leaves (docs/proofs.md, "Leaf order"). Items are numbered
 * {@code 0..m−1} for the accounts in ascending address order, then {@code m..N−1} for the padding
 * leaves; slot {@code s} of the bottom level holds item {@code perm[s]}. {@code perm} starts as the
 * identity and is shuffled by Fisher–Yates, for {@code i = N−1} down to 1, swapping {@code perm[i]}
 * with {@code perm[j]}, {@code j = floor(r · (i+1) / 2^64)}, where {@code r} is the next unsigned 64-bit
 * big-endian word of the stream {@code SHA-256(orderKey ‖ uint64(0)) ‖ SHA-256(orderKey ‖ uint64(1)) ‖ …}.
 * (The multiply-high reduction is biased by less than {@code N / 2^64}; nobody without the order key
 * can predict the order at all.) An account holder learns only its own slot.
 */
final class LeafOrder {
    private LeafOrder() {
    }

    /** {@code perm[slot] = item} for {@code n} leaves. */
    static int[] permutation(byte[] orderKey, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        MessageDigest md = JdkSha256.newMessageDigest();
        byte[] block = new byte[32];
        byte[] counter = new byte[8];
        long blockIndex = 0;
        int word = 4; // words left unread in block: none yet
        for (int i = n - 1; i >= 1; i--) {
            if (word == 4) {
                for (int b = 0; b < 8; b++) {
                    counter[b] = (byte) (blockIndex >>> (56 - 8 * b));
                }
                md.update(orderKey);
                md.update(counter);
                digestInto(md, block);
                blockIndex++;
                word = 0;
            }
            long r = 0;
            for (int b = 0; b < 8; b++) {
                r = (r << 8) | (block[word * 8 + b] & 0xFF);
            }
            word++;
            int j = (int) unsignedMultiplyHigh(r, i + 1L);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    private static void digestInto(MessageDigest md, byte[] out) {
        try {
            md.digest(out, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
        }
    }

    /** The high 64 bits of the unsigned 128-bit product (Java 17 has only the signed {@link Math#multiplyHigh}). */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
