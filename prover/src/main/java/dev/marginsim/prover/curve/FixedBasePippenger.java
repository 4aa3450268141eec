package dev.marginsim.prover.curve;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;

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
        short[][] digits = new short[WINDOWS][n];
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
                digits[w][i] = (short) v;
            }
            if (carry != 0) {
                throw new IllegalStateException("a scalar of 256 bits needs at most " + WINDOWS + " signed windows");
            }
        }

        int[][] bx = new int[HALF][8];
        int[][] by = new int[HALF][8];
        boolean[] filled = new boolean[HALF];
        boolean[] busy = new boolean[HALF];
        AffineBatch batch = new AffineBatch(2048);
        int[] opBucket = new int[batch.capacity];
        int entries = WINDOWS * n;
        int[] queue = new int[entries];
        int[] next = new int[entries];
        int qn = 0;
        for (int w = 0; w < WINDOWS; w++) {
            for (int i = 0; i < n; i++) {
                if (digits[w][i] != 0) {
                    queue[qn++] = w * n + i;
                }
            }
        }
        while (qn > 0) {
            int nn = 0;
            for (int q = 0; q < qn; q++) {
                int e = queue[q];
                int w = e / n;
                int i = e - w * n;
                int d = digits[w][i];
                int b = (d > 0 ? d : -d) - 1;
                WindowTable t = tables[i];
                int[] px = t.x[w];
                int[] py = d > 0 ? t.y[w] : t.negY[w];
                if (!filled[b]) {
                    Nat256.copy(px, bx[b]);
                    Nat256.copy(py, by[b]);
                    filled[b] = true;
                } else if (busy[b]) {
                    next[nn++] = e;
                } else {
                    busy[b] = true;
                    opBucket[batch.count] = b;
                    batch.add(bx[b], by[b], px, py);
                    if (batch.full()) {
                        flushBuckets(batch, opBucket, filled, busy);
                    }
                }
            }
            flushBuckets(batch, opBucket, filled, busy);
            int[] t = queue;
            queue = next;
            next = t;
            qn = nn;
        }
        return sumBuckets(bx, by, filled);
    }

    /** Σ_b (b + 1)·B_b by segmented running sums. */
    static ECPoint sumBuckets(int[][] bx, int[][] by, boolean[] filled) {
        int[][] rx = new int[SEGMENTS][8];
        int[][] ry = new int[SEGMENTS][8];
        boolean[] rSet = new boolean[SEGMENTS];
        int[][] tx = new int[SEGMENTS][8];
        int[][] ty = new int[SEGMENTS][8];
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
                    Nat256.copy(bx[b], rx[s]);
                    Nat256.copy(by[b], ry[s]);
                    rSet[s] = true;
                } else {
                    op[sums.count] = s;
                    sums.add(rx[s], ry[s], bx[b], by[b]);
                }
            }
            settle(sums, op, rSet);
            for (int s = 0; s < SEGMENTS; s++) {
                if (!rSet[s]) {
                    continue;
                }
                if (!tSet[s]) {
                    Nat256.copy(rx[s], tx[s]);
                    Nat256.copy(ry[s], ty[s]);
                    tSet[s] = true;
                } else {
                    op[sums.count] = s;
                    sums.add(tx[s], ty[s], rx[s], ry[s]);
                }
            }
            settle(sums, op, tSet);
        }
        // total = Σ_s T_s + L·Σ_s s·S_s; the last sum by running sums over s, in Jacobian points (few terms).
        ECPoint running = Secp256k1.INFINITY;
        ECPoint weighted = Secp256k1.INFINITY;
        ECPoint plain = Secp256k1.INFINITY;
        for (int s = SEGMENTS - 1; s >= 0; s--) {
            if (tSet[s]) {
                plain = plain.add(point(tx[s], ty[s]));
            }
            if (s == 0) {
                break;
            }
            if (rSet[s]) {
                running = running.add(point(rx[s], ry[s]));
            }
            weighted = weighted.add(running);
        }
        return plain.add(weighted.timesPow2(Integer.numberOfTrailingZeros(SEGMENT)));
    }

    private static ECPoint point(int[] x, int[] y) {
        return Secp256k1.CURVE.createPoint(Nat256.toBigInteger(x), Nat256.toBigInteger(y));
    }

    private static void flushBuckets(AffineBatch batch, int[] opBucket, boolean[] filled, boolean[] busy) {
        int k = batch.count;
        batch.flush();
        for (int j = 0; j < k; j++) {
            busy[opBucket[j]] = false;
            if (batch.infinite[j]) {
                filled[opBucket[j]] = false;
            }
        }
    }

    private static void settle(AffineBatch batch, int[] op, boolean[] set) {
        int k = batch.count;
        batch.flush();
        for (int j = 0; j < k; j++) {
            if (batch.infinite[j]) {
                set[op[j]] = false;
            }
        }
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
