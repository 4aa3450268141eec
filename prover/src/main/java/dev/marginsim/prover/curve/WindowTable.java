package dev.marginsim.prover.curve;

/**
 * The window multiples 2^{c·w}·P (w = 0 … {@link #WINDOWS} − 1, c = {@link #C}) of a point used as a
 * fixed base many times, in affine form: the range proofs' vector generators. With them a multi-scalar
 * multiplication over such points needs no doublings and no GLV split: every c-bit digit of every scalar
 * is one addition into one shared set of buckets ({@link FixedBasePippenger}); a negative digit
 * subtracts the entry ({@link AffineBatch} takes a sign), so no negated copies are kept.
 *
 * <p>Tables are built for many points at once ({@link #build}), each of the c·(W − 1) doublings done for
 * all points in one batch with one inversion. The entries of all points built together lie in one flat
 * {@code long[]} per window, point after point, {@link AffineBatch#POINT} limbs each ({@code
 * byWindow[w]} at {@code offset}): a sum reads a window's entries of consecutive points in that order,
 * and 20 arrays per build rather than 3 small arrays per entry spare the heap (4,096 generators: 6.6 MB).
 *
 * <p>A build also keeps a comb for sums with shared scalars ({@link SharedScalarSums}, the inner-product
 * prover's first generator update, 8 generators per output): the odd multiples (2m + 1)·Tₜ,
 * m &lt; 2^{W−2}, W = {@link #ODD_WIDTH}, of the teeth Tₜ = 2^{65·t}·P, t &lt; {@link #TEETH} (window
 * entries 0, 5, 10, 15). A 256-bit scalar is then four 65-bit pieces, one per tooth, each with
 * width-W digits: 8·256/(W + 1) additions and 65 doublings per output, against 128 doublings for the
 * GLV halves on P and φ(P) that the tables held before (4,096 generators: 42 MB).
 */
final class WindowTable {
    /** Window width in bits, measured: 13 beat 11, 12 and 14 for 2,048–8,192 terms. */
    static final int C = 13;
    /** Signed digits of a scalar below 2^256 need 257 bits. */
    static final int WINDOWS = (257 + C - 1) / C;

    /**
     * Width of the wNAF digits the comb tables serve. Measured with bench/…/MarginProofBench on the 7 × 8
     * margin proof (then with GLV halves on P and φ(P)), this constant changed between runs (2 runs each,
     * alternated): 7 → 520 ms, 6 → 538 ms, 8 → 641–749 ms, per-call width-5 tables → 528–579 ms.
     */
    static final int ODD_WIDTH = 7;
    /** Odd multiples 1, 3, …, 2^{W−1} − 1 of each tooth. */
    static final int ODD_MULTIPLES = 1 << (ODD_WIDTH - 2);
    /** Comb teeth 2^{65·t}·P: four cover a scalar below 2^256 (65 = 5 windows, so a tooth is a window entry). */
    static final int TEETH = 4;
    /** Bits of a scalar per tooth. */
    static final int TOOTH_BITS = 5 * C;

    /** Shared by all points of one build: window w's entries, point after point. */
    final long[][] byWindow;
    /** Shared by all points of one build: teeth[t][m] holds (2m + 1)·2^{65·t}·P, point after point. */
    final long[][][] teeth;
    /** Where this point's entries start in every window's and every multiple's array. */
    final int offset;

    private WindowTable(long[][] byWindow, long[][][] teeth, int offset) {
        this.byWindow = byWindow;
        this.teeth = teeth;
        this.offset = offset;
    }

    /** Builds and attaches the tables of every point (none may be at infinity). */
    static void build(Point[] points) {
        int n = points.length;
        if (n == 0) {
            return;
        }
        int stride = AffineBatch.POINT;
        long[] current = new long[n * stride];
        for (int i = 0; i < n; i++) {
            if (points[i].isInfinity()) {
                throw new IllegalArgumentException("no window table for the point at infinity");
            }
            System.arraycopy(points[i].affine(), 0, current, i * stride, stride);
        }
        long[][] byWindow = new long[WINDOWS][];
        AffineBatch batch = new AffineBatch(Math.min(n, 1024));
        for (int w = 0; w < WINDOWS; w++) {
            if (w > 0) {
                for (int d = 0; d < C; d++) {
                    batch.addAll(current, current, n); // doubling every point
                }
            }
            byWindow[w] = current.clone();
        }
        long[][][] teeth = new long[TEETH][][];
        for (int t = 0; t < TEETH; t++) {
            teeth[t] = OddMultiples.plain(batch, byWindow[t * TOOTH_BITS / C], n, ODD_MULTIPLES);
        }
        for (int i = 0; i < n; i++) {
            points[i].attach(new WindowTable(byWindow, teeth, i * stride));
        }
    }
}
