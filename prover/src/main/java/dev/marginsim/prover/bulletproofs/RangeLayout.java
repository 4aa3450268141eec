package dev.marginsim.prover.bulletproofs;

import java.util.Arrays;

/**
 * Where each value of one aggregated range proof sits in its bit vector: value j takes {@code width(j)}
 * bits from {@code offset(j)}, the values one after another, and the vector is padded with zero bits
 * up to {@link #bits()}, a power of two (docs/proofs-private.md, "Values of different widths").
 *
 * <p>A padding bit is proven to be a bit but belongs to no value (its term in the value constraint is
 * 0), so padding never weakens a value's range. The uniform layout (m values of n bits, no padding) is
 * the original Bulletproofs statement.
 */
public final class RangeLayout {
    private final int[] widths;
    private final int[] offsets;
    private final int bits;
    private final boolean uniform;

    private RangeLayout(int[] widths, int bits, boolean uniform) {
        this.widths = widths;
        this.offsets = new int[widths.length];
        int at = 0;
        for (int j = 0; j < widths.length; j++) {
            offsets[j] = at;
            at += widths[j];
        }
        this.bits = bits;
        this.uniform = uniform;
    }

    /** m values of {@code bits} bits each, no padding. */
    static RangeLayout uniform(int bits, int m) {
        int[] widths = new int[m];
        Arrays.fill(widths, bits);
        return new RangeLayout(widths, bits * m, true);
    }

    /**
     * Values of the given widths (each in [1, 64]) in this order, padded to the next power of two.
     *
     * @throws IllegalArgumentException for no values, a width outside [1, 64], or more than
     *     {@link RangeChunks#MAX_CHUNK_BITS} bits in all
     */
    public static RangeLayout packed(int[] widths) {
        if (widths.length == 0) {
            throw new IllegalArgumentException("a range proof needs at least one value");
        }
        long total = 0;
        for (int w : widths) {
            if (w < 1 || w > RangeParameters.MAX_BITS) {
                throw new IllegalArgumentException("a value's width must be in [1, 64]: " + w);
            }
            total += w;
        }
        if (total > RangeChunks.MAX_CHUNK_BITS) {
            throw new IllegalArgumentException(total + " bits exceed one chunk's " + RangeChunks.MAX_CHUNK_BITS);
        }
        return new RangeLayout(widths.clone(), nextPowerOfTwo((int) total), false);
    }

    static int nextPowerOfTwo(int x) {
        return x <= 1 ? 1 : Integer.highestOneBit(x - 1) << 1;
    }

    /** Number of values. */
    public int values() {
        return widths.length;
    }

    public int width(int j) {
        return widths[j];
    }

    int offset(int j) {
        return offsets[j];
    }

    /** Length of the bit vector, a power of two: the values' widths plus the padding. */
    public int bits() {
        return bits;
    }

    /** True for the original statement of m values of equal width (bound to the transcript as such). */
    boolean uniform() {
        return uniform;
    }

    /** Bits used by values (the rest of {@link #bits()} is padding). */
    int usedBits() {
        return widths.length == 0 ? 0 : offsets[widths.length - 1] + widths[widths.length - 1];
    }
}
