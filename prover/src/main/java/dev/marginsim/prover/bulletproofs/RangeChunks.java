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

    /**
     * Packs values of different widths (each in [1, 64]) into chunks whose bit vectors are powers of
     * two of at most {@link #MAX_CHUNK_BITS} bits, wasting little padding (docs/proofs-private.md,
     * "Values of different widths"). Returns, per chunk, the indices of its values in ascending order.
     *
     * <p>The rule, which a verifier repeats: the total width rounded up to a multiple of 64 is split
     * into capacities — as many of {@link #MAX_CHUNK_BITS} as fit, then the binary decomposition of the
     * rest, largest first; the values, widest first (ties: lower index first), each go into the first
     * chunk with room, and a value that fits nowhere opens a new chunk of 64 bits at the end. Empty
     * chunks are dropped. Each chunk is then padded to the power of two above what it holds.
     */
    public static List<int[]> pack(int[] widths) {
        if (widths.length == 0) {
            throw new IllegalArgumentException("at least one value");
        }
        long total = 0;
        for (int w : widths) {
            if (w < 1 || w > RangeParameters.MAX_BITS) {
                throw new IllegalArgumentException("a value's width must be in [1, 64]: " + w);
            }
            total += w;
        }
        List<Integer> capacities = new ArrayList<>();
        long rest = (total + 63) / 64 * 64;
        while (rest >= MAX_CHUNK_BITS) {
            capacities.add(MAX_CHUNK_BITS);
            rest -= MAX_CHUNK_BITS;
        }
        for (int bit = MAX_CHUNK_BITS / 2; bit >= 64; bit >>= 1) {
            if ((rest & bit) != 0) {
                capacities.add(bit);
            }
        }
        Integer[] order = new Integer[widths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> widths[a] != widths[b] ? Integer.compare(widths[b], widths[a]) : Integer.compare(a, b));
        List<Integer> used = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int i = 0; i < capacities.size(); i++) {
            used.add(0);
            members.add(new ArrayList<>());
        }
        for (int v : order) {
            int chunk = -1;
            for (int c = 0; c < capacities.size() && chunk < 0; c++) {
                if (used.get(c) + widths[v] <= capacities.get(c)) {
                    chunk = c;
                }
            }
            if (chunk < 0) {
                capacities.add(64);
                used.add(0);
                members.add(new ArrayList<>());
                chunk = capacities.size() - 1;
            }
            used.set(chunk, used.get(chunk) + widths[v]);
            members.get(chunk).add(v);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> m : members) {
            if (!m.isEmpty()) {
                out.add(m.stream().mapToInt(Integer::intValue).sorted().toArray());
            }
        }
        return out;
    }

    /** The widths of the given values, in that order. */
    public static int[] widthsOf(int[] widths, int[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = widths[values[i]];
        }
        return out;
    }

    /**
     * The transcript of packed chunk {@code index}: a copy of the caller's, then {@code range-chunk}
     * (index), {@code range-values} (its number of values), and per value {@code range-value} (its index
     * in the statement) and {@code range-width}, all u64, before the range proof's own appends.
     */
    static Transcript forkPacked(Transcript caller, int index, int[] values, int[] widths) {
        Transcript t = caller.copy();
        t.append("range-chunk", index);
        t.append("range-values", values.length);
        for (int v : values) {
            t.append("range-value", v);
            t.append("range-width", widths[v]);
        }
        return t;
    }
}
