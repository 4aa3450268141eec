package dev.marginsim.prover.bulletproofs;

import java.util.ArrayList;
import java.util.List;

/**
 * How a statement of m values is cut into aggregated range proofs (docs/proofs-private.md, "Chunked
 * range proofs"): the binary decomposition of m, largest chunk first, each chunk at most
 * {@link #MAX_CHUNK_BITS} bits, each proven on its own fork of the caller's transcript.
 *
 * <p>Why: one aggregated proof must pad m up to a power of two, and the padding costs as much as real
 * values (60 values cost 64, 100 cost 128). Chunks cost only what they hold; the verifier checks all
 * of them in one multi-scalar multiplication where chunks share the generators G₀… and H₀…, so its
 * cost is set by the largest chunk, which the cap bounds.
 */
public final class RangeChunks {
    private RangeChunks() {
    }

    /**
     * Largest chunk in bits (values × bits per value): 32 values of 64 bits. Part of the format. Measured
     * for 100 values of 64 bits (MarginProofBench's 7 × 8 shape): with chunks of up to 4096 bits the
     * verifier's multiplication is set by the 4096-bit chunk (83 ms); with 2048 it is half as large
     * (55 ms) for 9 % more proving work (smaller proofs are slightly less efficient per bit); 1024 gave
     * 38 ms but 30 % more proving.
     */
    public static final int MAX_CHUNK_BITS = 2048;

    /**
     * The chunk sizes for m ≥ 1 values of {@code bits} bits: powers of two, each at most
     * {@link #MAX_CHUNK_BITS} / bits values (at least 1), non-increasing, summing to m.
     */
    public static int[] sizes(int bits, int m) {
        if (m < 1) {
            throw new IllegalArgumentException("at least one value: " + m);
        }
        int cap = Math.max(1, Math.min(RangeParameters.MAX_VALUES, MAX_CHUNK_BITS / Math.max(1, bits)));
        List<Integer> out = new ArrayList<>();
        int left = m;
        while (left > 0) {
            int size = Math.min(Integer.highestOneBit(left), cap);
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
