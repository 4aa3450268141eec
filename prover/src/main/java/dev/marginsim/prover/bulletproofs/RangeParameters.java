package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.pedersen.Commitment;
import java.util.List;

/**
 * Checks of the shape of a range statement: n bits per value and m values, both powers of two,
 * n ≤ 64 and m ≤ 256, so that n·m generators exist and the inner-product argument halves evenly.
 */
final class RangeParameters {
    static final int MAX_BITS = 64;
    static final int MAX_VALUES = 256;

    private RangeParameters() {
    }

    static boolean validBits(int bits) {
        return bits >= 1 && bits <= MAX_BITS && Integer.bitCount(bits) == 1;
    }

    static boolean validCount(int m) {
        return m >= 1 && m <= MAX_VALUES && Integer.bitCount(m) == 1;
    }

    static int log2(int powerOfTwo) {
        return Integer.numberOfTrailingZeros(powerOfTwo);
    }

    /** Appends the statement's shape and commitments, in the order both sides use. */
    static void bindStatement(Transcript t, int bits, List<Commitment> commitments) {
        t.append("dom-sep", "marginsim/rangeproof/v1");
        t.append("n", bits);
        t.append("m", commitments.size());
        for (Commitment c : commitments) {
            t.append("V", c);
        }
    }

    /**
     * Appends the statement's shape only, for commitments the caller has bound itself (they are a
     * public function of what it appended, e.g. linear forms of appended commitments): in place of the
     * commitments the label {@code V-bound-by} with the text {@code caller}.
     */
    static void bindShape(Transcript t, int bits, int m) {
        t.append("dom-sep", "marginsim/rangeproof/v1");
        t.append("n", bits);
        t.append("m", m);
        t.append("V-bound-by", "caller");
    }

    /**
     * Appends the shape of a packed chunk (values of different widths, {@link RangeLayout#packed}) whose
     * commitments the caller has bound: the chunk's padded length {@code chunk-bits}, its number of values
     * {@code m}, and {@code V-bound-by} = {@code caller}. The widths themselves are appended by the fork
     * ({@link RangeChunks#forkPacked}).
     */
    static void bindPacked(Transcript t, RangeLayout layout) {
        t.append("dom-sep", "marginsim/rangeproof/v1");
        t.append("chunk-bits", layout.bits());
        t.append("m", layout.values());
        t.append("V-bound-by", "caller");
    }
}
