package dev.marginsim.prover.curve;

/**
 * The tables of interleaved wNAF sums, for many points at once: the odd multiples P, 3P, …,
 * (2k − 1)·P of every point, and optionally the same of φ(P) = (β·x, y), whose x costs one
 * multiplication, so a GLV half-scalar's digit on either point is one table entry. Used per call by
 * {@link SharedScalarSums} (width 5, with φ) and once per process for the generators' comb teeth by
 * {@link WindowTable} (width 7, without).
 */
final class OddMultiples {
    private OddMultiples() {
    }

    /**
     * {@code [0][m]} holds (2m + 1)·P and {@code [1][m]} the same of φ(P), for every point of {@code points}
     * in its order ({@link AffineBatch#POINT} limbs each); {@code [0][0]} is {@code points} itself.
     *
     * @param points n finite affine points of prime order, flat
     * @param count  the odd multiples to keep, 2^{w−2} for digits of width w
     */
    static long[][][] of(AffineBatch batch, long[] points, int n, int count) {
        int stride = AffineBatch.POINT;
        long[][] plain = plain(batch, points, n, count);
        long[][] endo = new long[count][];
        for (int m = 0; m < count; m++) {
            endo[m] = plain[m].clone();
            for (int i = 0; i < n; i++) {
                FieldP52.multiply(Secp256k1.BETA, 0, plain[m], i * stride, endo[m], i * stride);
            }
        }
        return new long[][][] {plain, endo};
    }

    /** {@code [m]} holds (2m + 1)·P for every point of {@code points} in its order; {@code [0]} is {@code points}. */
    static long[][] plain(AffineBatch batch, long[] points, int n, int count) {
        long[][] plain = new long[count][];
        plain[0] = points;
        long[] twice = points.clone();
        batch.addAll(twice, twice, n); // 2P
        for (int m = 1; m < count; m++) {
            plain[m] = plain[m - 1].clone();
            batch.addAll(plain[m], twice, n); // (2m+1)P = (2m−1)P + 2P
        }
        return plain;
    }
}
