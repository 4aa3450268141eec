package dev.marginsim.prover.curve;

import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;

/**
 * The window multiples 2^{c·w}·P (w = 0 … {@link #WINDOWS} − 1, c = {@link #C}) of a point used as a
 * fixed base many times, in affine raw form with the negated y beside each: the range proofs' vector
 * generators. With them a multi-scalar multiplication over such points needs no doublings and no GLV
 * split: every c-bit digit of every scalar is one addition into one shared set of buckets
 * ({@link FixedBasePippenger}).
 *
 * <p>Tables are built for many points at once ({@link #build}), each of the c·(W − 1) doublings done for
 * all points in one batch with one inversion, and allocated window by window so that a window's entries
 * of consecutive points lie next to each other in memory (the sum reads them in that order).
 */
final class WindowTable {
    /** Window width in bits, measured: 13 beat 11, 12 and 14 for 2,048–8,192 terms. */
    static final int C = 13;
    /** Signed digits of a scalar below 2^256 need 257 bits. */
    static final int WINDOWS = (257 + C - 1) / C;

    final int[][] x = new int[WINDOWS][];
    final int[][] y = new int[WINDOWS][];
    final int[][] negY = new int[WINDOWS][];

    private WindowTable() {
    }

    /** Builds and attaches the tables of every point (none may be at infinity). */
    static void build(Point[] points) {
        int n = points.length;
        if (n == 0) {
            return;
        }
        WindowTable[] tables = new WindowTable[n];
        int[][] ax = new int[n][];
        int[][] ay = new int[n][];
        for (int i = 0; i < n; i++) {
            if (points[i].isInfinity()) {
                throw new IllegalArgumentException("no window table for the point at infinity");
            }
            tables[i] = new WindowTable();
            int[][] raw = points[i].raw();
            ax[i] = raw[0].clone();
            ay[i] = raw[1].clone();
        }
        AffineBatch batch = new AffineBatch(Math.min(n, 1024));
        for (int w = 0; w < WINDOWS; w++) {
            if (w > 0) {
                for (int d = 0; d < C; d++) {
                    for (int i = 0; i < n; i++) {
                        batch.add(ax[i], ay[i], ax[i], ay[i]);
                        if (batch.full()) {
                            flush(batch);
                        }
                    }
                    flush(batch);
                }
            }
            for (int i = 0; i < n; i++) {
                tables[i].x[w] = ax[i].clone();
                tables[i].y[w] = ay[i].clone();
                int[] ny = new int[8];
                SecP256K1Field.negate(ay[i], ny);
                tables[i].negY[w] = ny;
            }
        }
        for (int i = 0; i < n; i++) {
            points[i].attach(tables[i]);
        }
    }

    private static void flush(AffineBatch batch) {
        int k = batch.count;
        batch.flush();
        for (int j = 0; j < k; j++) {
            if (batch.infinite[j]) {
                throw new IllegalStateException("a doubling of a point of prime order gave infinity");
            }
        }
    }
}
