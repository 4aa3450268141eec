package dev.marginsim.prover.curve;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Pippenger's bucket method with every bucket kept in affine coordinates and the additions of one pass
 * done by {@link AffineBatch} (one inversion per pass). Per window of c bits each term's signed digit d
 * sends ±P into that window's bucket |d|; a pass holds additions into the buckets of all windows, and
 * one into a bucket already being added to in this pass waits for the next pass. The
 * buckets of all windows are then summed by running sums, again batched across windows, and the window
 * sums combined by Horner's rule with c doublings per window (in Bouncy Castle's Jacobian points).
 */
final class BatchPippenger {
    private static final BigInteger HALF_ORDER = Secp256k1.ORDER.shiftRight(1);
    private static final int POINT = AffineBatch.POINT;

    private BatchPippenger() {
    }

    static ECPoint sum(BigInteger[] scalars, Point[] points, int c) {
        return sum(scalars, points, c, false);
    }

    /**
     * The window width for {@code terms} GLV half-scalars, measured on the 2-core machines here (thread
     * CPU time, widths 5–12 tried at 192, 294, 2050, 4180 and 8192 terms): 8 bits up to ~1,500 terms,
     * then 10, then 11. Narrower windows lose to the inversion per pass (a pass holds at most one
     * addition per bucket), wider ones to the running sums, which are batched only across windows.
     * Small sums, since the 5 × 52-bit field (bench/…/MsmCrossoverTimer, widths 5–8 at 32–256 terms): 6
     * bits below 176 terms (1,058 against 1,887 µs at 32 terms for 8 bits), 7 below 320.
     */
    static int windowBits(int terms) {
        return terms < 176 ? 6 : terms < 320 ? 7 : terms < 1500 ? 8 : terms < 6000 ? 10 : 11;
    }

    /**
     * @param glv split every scalar k = k₁ + k₂·λ with |k₁|, |k₂| about 2^128 (Bouncy Castle's GLV
     *     decomposition) and sum k₁·P + k₂·φ(P), φ(x, y) = (β·x, y): twice the terms, half the windows
     */
    static ECPoint sum(BigInteger[] scalars, Point[] points, int c, boolean glv) {
        int n = scalars.length;
        int terms = glv ? 2 * n : n;
        int bitLength = glv ? 130 : 256;
        int windows = (bitLength + c - 1) / c;
        int half = 1 << (c - 1);
        // Terms: a scalar above n/2 (or a negative GLV half) is negated along with its point, so all
        // are below 2^255 (2^129 with GLV) and the signed recoding ends without a carry.
        long[][] limbs = new long[terms][];
        boolean[] negated = new boolean[terms];
        long[][] affine = new long[terms][];
        int used = 0;
        for (int i = 0; i < n; i++) {
            BigInteger k = scalars[i];
            if (k.signum() == 0 || points[i].isInfinity()) {
                continue;
            }
            if (glv) {
                BigInteger[] parts = Secp256k1.GLV.decomposeScalar(k);
                long[] plain = points[i].affine();
                long[] endo = points[i].affineEndo();
                for (int h = 0; h < 2; h++) {
                    BigInteger part = parts[h];
                    if (part.signum() == 0) {
                        continue;
                    }
                    if (part.bitLength() > 129) {
                        throw new IllegalStateException("GLV half wider than 129 bits");
                    }
                    negated[used] = part.signum() < 0;
                    limbs[used] = limbs(part.abs());
                    affine[used] = h == 0 ? plain : endo;
                    used++;
                }
                continue;
            }
            boolean neg = k.compareTo(HALF_ORDER) > 0;
            if (neg) {
                k = Secp256k1.ORDER.subtract(k);
            }
            limbs[used] = limbs(k);
            negated[used] = neg;
            affine[used] = points[i].affine();
            used++;
        }
        n = used;
        if (n == 0) {
            return Secp256k1.INFINITY;
        }
        // Signed digits, window by window.
        int[][] digits = new int[windows][n];
        int[] carry = new int[n];
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < n; i++) {
                int v = bits(limbs[i], w * c, c) + carry[i];
                if (v > half) {
                    v -= 1 << c;
                    carry[i] = 1;
                } else {
                    carry[i] = 0;
                }
                digits[w][i] = v;
            }
        }
        for (int i = 0; i < n; i++) {
            if (carry[i] != 0) {
                throw new IllegalStateException("signed recoding overflowed (scalar not below 2^255)");
            }
        }

        // Every window has its own buckets (bucket b of window w at w·half + b), and one pass takes an
        // addition into each of them: passes of up to windows·half additions share an inversion, where
        // passes over one window at a time held at most half (64 at c = 7: an inversion per ~60 additions).
        int bucketCount = windows * half;
        long[] buckets = new long[bucketCount * POINT];
        boolean[] filled = new boolean[bucketCount];
        BucketPasses.fill(digits, n, new BucketPasses.Layout() {
            @Override
            public int bucket(int w, int d) {
                return w * half + (d > 0 ? d : -d) - 1;
            }

            @Override
            public boolean subtract(int i, int d) {
                return (d < 0) != negated[i];
            }

            @Override
            public long[] points(int w, int i) {
                return affine[i];
            }

            @Override
            public int at(int w, int i) {
                return 0;
            }
        }, buckets, filled, new AffineBatch(Math.max(16, Math.min(1024, bucketCount))));

        // Running sums for all windows at once: running_w += bucket_w[j]; total_w += running_w.
        long[] running = new long[windows * POINT];
        boolean[] rSet = new boolean[windows];
        long[] totals = new long[windows * POINT];
        boolean[] tSet = new boolean[windows];
        AffineBatch sums = new AffineBatch(windows);
        int[] opWindow = new int[windows];
        for (int j = half - 1; j >= 0; j--) {
            for (int w = 0; w < windows; w++) {
                int b = w * half + j;
                if (!filled[b]) {
                    continue;
                }
                if (!rSet[w]) {
                    System.arraycopy(buckets, b * POINT, running, w * POINT, POINT);
                    rSet[w] = true;
                } else {
                    opWindow[sums.count] = w;
                    sums.add(running, w * POINT, buckets, b * POINT);
                }
            }
            flushInto(sums, opWindow, rSet);
            for (int w = 0; w < windows; w++) {
                if (!rSet[w]) {
                    continue;
                }
                if (!tSet[w]) {
                    System.arraycopy(running, w * POINT, totals, w * POINT, POINT);
                    tSet[w] = true;
                } else {
                    opWindow[sums.count] = w;
                    sums.add(totals, w * POINT, running, w * POINT);
                }
            }
            flushInto(sums, opWindow, tSet);
        }
        ECPoint acc = Secp256k1.INFINITY;
        for (int w = windows - 1; w >= 0; w--) {
            if (!acc.isInfinity()) {
                acc = acc.timesPow2(c);
            }
            if (tSet[w]) {
                acc = acc.add(Secp256k1.CURVE.createPoint(FieldP52.toBigInteger(totals, w * POINT),
                        FieldP52.toBigInteger(totals, w * POINT + FieldP52.LIMBS)));
            }
        }
        return acc;
    }

    private static void flushInto(AffineBatch batch, int[] opWindow, boolean[] set) {
        int n = batch.count;
        batch.flush();
        for (int k = 0; k < n; k++) {
            if (batch.infinite[k]) {
                set[opWindow[k]] = false;
            }
        }
    }

    private static long[] limbs(BigInteger k) {
        long[] out = new long[5];
        for (int i = 0; i < 4; i++) {
            out[i] = k.shiftRight(64 * i).longValue();
        }
        return out;
    }

    private static int bits(long[] limbs, int from, int width) {
        int limb = from >>> 6;
        int shift = from & 63;
        if (limb >= 4) {
            return 0;
        }
        long v = limbs[limb] >>> shift;
        if (shift + width > 64) {
            v |= limbs[limb + 1] << (64 - shift);
        }
        return (int) (v & ((1L << width) - 1));
    }
}
