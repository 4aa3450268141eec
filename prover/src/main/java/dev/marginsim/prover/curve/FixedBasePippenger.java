package dev.marginsim.prover.curve;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Σ kᵢ·Pᵢ for points that carry a {@link WindowTable}: every signed c-bit digit d of every scalar sends
 * ±2^{c·w}·Pᵢ (a table entry) into bucket |d| of one bucket set shared by all windows, so there are no
 * doublings between windows and only one set of buckets to sum. Bucket additions are batch-affine
 * ({@link AffineBatch}, one inversion per pass). The buckets are summed as Σ_b (b + 1)·B_b by running
 * sums in segments: each of K segments of L buckets runs its own running sum, all K advanced together
 * (one inversion per step for K additions rather than per addition), and the segments are combined as
 * Σ_s T_s + L·Σ_s s·S_s with S_s a segment's plain sum and T_s its running-sum total.
 *
 * <p>Against the GLV Pippenger ({@link BatchPippenger}) for the same terms: ⌈257/13⌉ = 20 additions per
 * term instead of 2·⌈130/c⌉ (26 at c = 10), no doublings, and no GLV split of the scalars.
 */
final class FixedBasePippenger {
    private static final int C = WindowTable.C;
    private static final int WINDOWS = WindowTable.WINDOWS;
    private static final int HALF = 1 << (C - 1);
    /** Segments of the running sums: 64 × 64 buckets. */
    private static final int SEGMENTS = 64;
    private static final int SEGMENT = HALF / SEGMENTS;
    private static final int POINT = AffineBatch.POINT;

    private FixedBasePippenger() {
    }

    /** Every point must carry a window table; scalars in [0, n). */
    static ECPoint sum(BigInteger[] scalars, Point[] points) {
        int n = scalars.length;
        WindowTable[] tables = new WindowTable[n];
        for (int i = 0; i < n; i++) {
            tables[i] = points[i].windows();
            if (tables[i] == null) {
                throw new IllegalArgumentException("point " + i + " has no window table");
            }
        }
        // Signed digits in (−2^(c−1), 2^(c−1)], window by window.
        int[][] digits = new int[WINDOWS][n];
        int mask = (1 << C) - 1;
        for (int i = 0; i < n; i++) {
            long[] limbs = limbs(scalars[i]);
            int carry = 0;
            for (int w = 0; w < WINDOWS; w++) {
                int v = bits(limbs, w * C, mask) + carry;
                if (v > HALF) {
                    v -= 1 << C;
                    carry = 1;
                } else {
                    carry = 0;
                }
                digits[w][i] = v;
            }
            if (carry != 0) {
                throw new IllegalStateException("a scalar of 256 bits needs at most " + WINDOWS + " signed windows");
            }
        }

        // Buckets: HALF affine points in one flat array, shared by all windows.
        long[] buckets = new long[HALF * POINT];
        boolean[] filled = new boolean[HALF];
        BucketPasses.fill(digits, n, new BucketPasses.Layout() {
            @Override
            public int bucket(int w, int d) {
                return (d > 0 ? d : -d) - 1;
            }

            @Override
            public boolean subtract(int i, int d) {
                return d < 0;
            }

            @Override
            public long[] points(int w, int i) {
                return tables[i].byWindow[w];
            }

            @Override
            public int at(int w, int i) {
                return tables[i].offset;
            }
        }, buckets, filled, new AffineBatch(2048));
        return sumBuckets(buckets, filled);
    }

    /** Σ_b (b + 1)·B_b by segmented running sums (B_b at b·{@link AffineBatch#POINT} in {@code buckets}). */
    static ECPoint sumBuckets(long[] buckets, boolean[] filled) {
        long[] running = new long[SEGMENTS * POINT];
        boolean[] rSet = new boolean[SEGMENTS];
        long[] totals = new long[SEGMENTS * POINT];
        boolean[] tSet = new boolean[SEGMENTS];
        AffineBatch sums = new AffineBatch(SEGMENTS);
        int[] op = new int[SEGMENTS];
        for (int j = SEGMENT - 1; j >= 0; j--) {
            for (int s = 0; s < SEGMENTS; s++) {
                int b = s * SEGMENT + j;
                if (!filled[b]) {
                    continue;
                }
                if (!rSet[s]) {
                    System.arraycopy(buckets, b * POINT, running, s * POINT, POINT);
                    rSet[s] = true;
                } else {
                    op[sums.count] = s;
                    sums.add(running, s * POINT, buckets, b * POINT);
                }
            }
            sums.settle(op, rSet);
            for (int s = 0; s < SEGMENTS; s++) {
                if (!rSet[s]) {
                    continue;
                }
                if (!tSet[s]) {
                    System.arraycopy(running, s * POINT, totals, s * POINT, POINT);
                    tSet[s] = true;
                } else {
                    op[sums.count] = s;
                    sums.add(totals, s * POINT, running, s * POINT);
                }
            }
            sums.settle(op, tSet);
        }
        // total = Σ_s T_s + L·Σ_s s·S_s; the last sum by running sums over s, in Jacobian points (few terms).
        ECPoint runningSum = Secp256k1.INFINITY;
        ECPoint weighted = Secp256k1.INFINITY;
        ECPoint plain = Secp256k1.INFINITY;
        for (int s = SEGMENTS - 1; s >= 0; s--) {
            if (tSet[s]) {
                plain = plain.add(point(totals, s * POINT));
            }
            if (s == 0) {
                break;
            }
            if (rSet[s]) {
                runningSum = runningSum.add(point(running, s * POINT));
            }
            weighted = weighted.add(runningSum);
        }
        return plain.add(weighted.timesPow2(Integer.numberOfTrailingZeros(SEGMENT)));
    }

    private static ECPoint point(long[] limbs, int at) {
        return Secp256k1.CURVE.createPoint(FieldP52.toBigInteger(limbs, at),
                FieldP52.toBigInteger(limbs, at + FieldP52.LIMBS));
    }

    private static long[] limbs(BigInteger k) {
        long[] out = new long[5];
        byte[] b = k.toByteArray();
        for (int i = 0; i < b.length && i < 40; i++) {
            int bit = 8 * i;
            out[bit >>> 6] |= (b[b.length - 1 - i] & 0xFFL) << (bit & 63);
        }
        return out;
    }

    private static int bits(long[] limbs, int from, int mask) {
        int limb = from >>> 6;
        int shift = from & 63;
        if (limb >= 4) {
            return 0;
        }
        long v = limbs[limb] >>> shift;
        if (shift + C > 64) {
            v |= limbs[limb + 1] << (64 - shift);
        }
        return (int) (v & mask);
    }
}
