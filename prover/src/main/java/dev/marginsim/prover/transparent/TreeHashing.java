package dev.marginsim.prover.transparent;

import dev.marginsim.prover.snapshot.Address;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The three hashes of the tree, byte for byte as docs/proofs.md specifies them, shared by the builder
 * and every verifier (the Solidity one repeats them):
 * <pre>
 * leaf    = SHA-256(LEAF    ‖ address(20) ‖ salt(32) ‖ balance_0(8) ‖ … ‖ balance_{c−1}(8))
 * padding = SHA-256(PADDING ‖ salt(32))                          sums: c zeros
 * node    = SHA-256(NODE ‖ leftHash(32) ‖ leftSums(8c) ‖ rightHash(32) ‖ rightSums(8c))
 *           sums_i = leftSums_i + rightSums_i, checked: each in [0, 2^63 − 1]
 * </pre>
 * Integers are unsigned 64-bit big-endian; every field has a fixed width for a round of {@code c}
 * columns, so an encoding splits into fields one way only. A node binds both children's hashes and
 * both children's sums: a parent cannot claim a sum (or a max) its children do not add up to.
 * Not thread-safe: one instance per thread.
 */
public final class TreeHashing {
    /** Largest value of a balance or a sum: int64 max, as the protocol's amounts. */
    public static final long MAX_VALUE = Long.MAX_VALUE;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int columns;
    private final MessageDigest md;
    private final byte[] buf;

    public TreeHashing(int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("a tree has at least one column");
        }
        this.columns = columns;
        this.md = JdkSha256.newMessageDigest();
        this.buf = new byte[32 + 2 * (32 + 8 * columns)];
    }

    public int columns() {
        return columns;
    }

    /** The leaf of an account: balances {@code sums[sumsOff .. sumsOff+c)}, each in [0, 2^63−1] (the caller checks). */
    public void leaf(Address account, byte[] salt, int saltOff, long[] sums, int sumsOff, byte[] out, int outOff) {
        System.arraycopy(Tags.LEAF, 0, buf, 0, 32);
        account.writeTo(buf, 32);
        System.arraycopy(salt, saltOff, buf, 52, 32);
        int p = 84;
        for (int c = 0; c < columns; c++) {
            LONG_BE.set(buf, p, sums[sumsOff + c]);
            p += 8;
        }
        digest(p, out, outOff);
    }

    /** A padding leaf. */
    public void padding(byte[] salt, int saltOff, byte[] out, int outOff) {
        System.arraycopy(Tags.PADDING, 0, buf, 0, 32);
        System.arraycopy(salt, saltOff, buf, 32, 32);
        digest(64, out, outOff);
    }

    /**
     * A node from its children; writes the node's hash to {@code out} and its sums to {@code outSums}.
     *
     * @throws ArithmeticException if a sum leaves [0, 2^63 − 1] (children's sums must each be in range)
     */
    public void node(byte[] leftHash, int leftOff, long[] leftSums, int leftSumsOff,
            byte[] rightHash, int rightOff, long[] rightSums, int rightSumsOff,
            byte[] out, int outOff, long[] outSums, int outSumsOff) {
        System.arraycopy(Tags.NODE, 0, buf, 0, 32);
        System.arraycopy(leftHash, leftOff, buf, 32, 32);
        int p = 64;
        for (int c = 0; c < columns; c++) {
            LONG_BE.set(buf, p, leftSums[leftSumsOff + c]);
            p += 8;
        }
        System.arraycopy(rightHash, rightOff, buf, p, 32);
        p += 32;
        for (int c = 0; c < columns; c++) {
            LONG_BE.set(buf, p, rightSums[rightSumsOff + c]);
            p += 8;
        }
        // Sums first into locals: outSums may alias a child's array.
        for (int c = 0; c < columns; c++) {
            long l = leftSums[leftSumsOff + c];
            long r = rightSums[rightSumsOff + c];
            if (l < 0 || r < 0) {
                throw new ArithmeticException("a sum is negative");
            }
            long s = l + r;
            if (s < 0) {
                throw new ArithmeticException("a sum exceeds 2^63 - 1");
            }
            outSums[outSumsOff + c] = s;
        }
        digest(p, out, outOff);
    }

    private void digest(int length, byte[] out, int outOff) {
        md.update(buf, 0, length);
        try {
            md.digest(out, outOff, 32);
        } catch (DigestException e) {
            throw new IllegalArgumentException("output buffer too short", e);
        }
    }
}
