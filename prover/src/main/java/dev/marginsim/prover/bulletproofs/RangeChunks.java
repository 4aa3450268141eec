package dev.marginsim.prover.bulletproofs;

import java.util.ArrayList;
import java.util.List;

/**
 * How a statement of m values is cut into aggregated range proofs when m is not a power of two
 * (docs/proofs-private.md, "Chunked range proofs"): the binary decomposition of m, largest chunk first
 * (chunks of at most 256 values), each proven on its own fork of the caller's transcript.
 *
 * <p>Why: one aggregated proof must pad m up to a power of two, and the padding costs as much as real
 * values (60 values cost 64, 100 cost 128). Chunks cost only what they hold; the verifier checks all
 * of them in one multi-scalar multiplication where chunks share the generators G₀… and H₀…, so its
 * cost is set by the largest chunk.
 */
public final class RangeChunks {
    private RangeChunks() {
    }

    /** The chunk sizes for m ≥ 1 values: powers of two ≤ 256, non-increasing, summing to m. */
    public static int[] sizes(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("at least one value: " + m);
        }
        List<Integer> out = new ArrayList<>();
        int left = m;
        while (left > 0) {
            int size = Math.min(Integer.highestOneBit(left), RangeParameters.MAX_VALUES);
            out.add(size);
            left -= size;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The transcript of chunk {@code index}: a copy of the caller's, then {@code range-chunk} (index),
     * {@code range-first} (index of its first value in the statement) and {@code range-values} (m), all
     * u64, before the range proof's own appends.
     */
    static Transcript fork(Transcript caller, int index, int first, int m) {
        Transcript t = caller.copy();
        t.append("range-chunk", index);
        t.append("range-first", first);
        t.append("range-values", m);
        return t;
    }
}
