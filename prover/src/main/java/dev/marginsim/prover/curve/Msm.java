package dev.marginsim.prover.curve;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Multi-scalar multiplication Σ kᵢ·Pᵢ, the operation Bulletproofs spend their time in.
 *
 * <p>Small sets go to Bouncy Castle's interleaved wNAF (Straus) routine with the GLV endomorphism,
 * which also caches each point's odd-multiple table on the point: the generator vectors, which live
 * for the whole process, thus keep a fixed-base table. Large sets use Pippenger's bucket method with
 * signed digits over the GLV halves of the scalars (2N terms of ≈128 bits), with the buckets in affine
 * coordinates and each pass of bucket additions sharing one inversion ({@link BatchPippenger}); each
 * window's buckets are summed by the running-sum trick. Cost ≈ ⌈130/c⌉·(2N + 2^c) additions instead of
 * ≈ N·256/(w+1).
 */
public final class Msm {
    /**
     * From this many terms over points with window tables the fixed-base sum wins: its running sums
     * cost 2^13 additions whatever the number of terms (measured break-even about 400).
     */
    static final int FIXED_BASE_THRESHOLD = 512;
    /**
     * Below this many terms Straus (Bouncy Castle) wins. Measured by bench/…/MsmCrossoverTimer since
     * passes take the buckets of all windows: batch-affine Pippenger costs 0.81× Bouncy Castle at 16
     * terms on fresh points and 1.00× on points with cached tables, 0.66× and 0.83× at 24 (this was 32
     * with passes window by window, 96 before the 5 × 52-bit field).
     */
    static final int PIPPENGER_THRESHOLD = 16;
    /** From this many terms a sum is split over two threads (the machines here have two cores). */
    public static final int PARALLEL_THRESHOLD = Integer.getInteger("marginsim.msm.parallelThreshold", 128);
    private static final Scalar MINUS_ONE = Scalar.ONE.negate();
    private static final BigInteger HALF_ORDER = Secp256k1.ORDER.shiftRight(1);

    private Msm() {
    }

    /**
     * Σ scalars[i]·points[i].
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static Point sum(Scalar[] scalars, Point[] points) {
        check(scalars, points);
        int n = scalars.length;
        BigInteger[] k = new BigInteger[n];
        Point[] p = new Point[n];
        int used = 0;
        // Coefficients ±1 (the bit vectors of a range proof) cost one addition each: keep them out of the
        // multipliers, whose per-term cost is for full-size scalars.
        ECPoint unit = Secp256k1.INFINITY;
        for (int i = 0; i < n; i++) {
            if (scalars[i].isZero() || points[i].isInfinity()) {
                continue;
            }
            if (scalars[i].equals(Scalar.ONE)) {
                unit = unit.add(points[i].ec());
                continue;
            }
            if (scalars[i].equals(MINUS_ONE)) {
                unit = unit.subtract(points[i].ec());
                continue;
            }
            k[used] = scalars[i].toBigInteger();
            p[used] = points[i];
            used++;
        }
        if (used == 0) {
            return Point.of(unit);
        }
        if (used < n) {
            k = Arrays.copyOf(k, used);
            p = Arrays.copyOf(p, used);
        }
        return Point.of(unit.add(sumRaw(k, p)));
    }

    /**
     * Two sums over the same points, {@code Σ k1[i]·points[i]} and {@code Σ k2[i]·points[i]}, on two
     * threads when they are large enough to pay for it.
     */
    public static Point[] sumPair(Scalar[] k1, Scalar[] k2, Point[] points) {
        Parallel.Forked<Point> second = points.length < PARALLEL_THRESHOLD / 2 ? null : Parallel.tryFork(() -> sum(k2, points));
        if (second == null) {
            return new Point[] {sum(k1, points), sum(k2, points)};
        }
        Point first = sum(k1, points);
        return new Point[] {first, second.join()};
    }

    /**
     * Splits a large sum once into two halves computed on two threads when a helper is free (a group
     * sum is exact, so the result is the same); each half uses the single-threaded method for its size.
     */
    private static ECPoint sumRaw(BigInteger[] k, Point[] p) {
        int n = k.length;
        int mid = n / 2;
        Parallel.Forked<ECPoint> hi = n < PARALLEL_THRESHOLD ? null : Parallel.tryFork(
                () -> sequential(Arrays.copyOfRange(k, mid, n), Arrays.copyOfRange(p, mid, n)));
        if (hi == null) {
            return sequential(k, p);
        }
        ECPoint lo = sequential(Arrays.copyOf(k, mid), Arrays.copyOf(p, mid));
        return lo.add(hi.join());
    }

    /**
     * One thread's sum: the terms whose points carry window tables (the range proofs' generators, once
     * built) by {@link FixedBasePippenger} when there are enough of them, the others as below.
     */
    private static ECPoint sequential(BigInteger[] k, Point[] p) {
        int tabled = 0;
        for (Point q : p) {
            if (q.windows() != null) {
                tabled++;
            }
        }
        if (tabled < FIXED_BASE_THRESHOLD) {
            return generic(k, p);
        }
        BigInteger[] kt = new BigInteger[tabled];
        Point[] pt = new Point[tabled];
        BigInteger[] kr = new BigInteger[k.length - tabled];
        Point[] pr = new Point[k.length - tabled];
        int t = 0;
        int r = 0;
        for (int i = 0; i < k.length; i++) {
            if (p[i].windows() != null) {
                kt[t] = k[i];
                pt[t++] = p[i];
            } else {
                kr[r] = k[i];
                pr[r++] = p[i];
            }
        }
        ECPoint fixed = FixedBasePippenger.sum(kt, pt);
        return r == 0 ? fixed : fixed.add(generic(kr, pr));
    }

    private static ECPoint generic(BigInteger[] k, Point[] p) {
        int n = k.length;
        if (n == 0) {
            return Secp256k1.INFINITY;
        }
        if (n < PIPPENGER_THRESHOLD) {
            ECPoint[] e = new ECPoint[n];
            for (int i = 0; i < n; i++) {
                e[i] = p[i].ec();
            }
            return ECAlgorithms.sumOfMultiplies(e, k);
        }
        return pippengerGlv(k, p);
    }

    /**
     * {@code out[i] = Σ_h t[h]·base[h·n + i]} for i < n: many sums over disjoint points sharing one
     * set of scalars (the inner-product prover's generator update), all run on one schedule.
     */
    public static Point[] sharedSums(Scalar[] t, Point[] base, int n) {
        return SharedScalarSums.sums(t, base, n);
    }

    /** Builds window tables for these points (used as fixed bases from then on); see {@link WindowTable}. */
    public static void precompute(Point[] points) {
        WindowTable.build(points);
    }

    /** Σ kᵢ·Pᵢ by the fixed-base method (every point must have tables): for tests and benchmarks. */
    public static Point sumFixedBase(Scalar[] scalars, Point[] points) {
        check(scalars, points);
        BigInteger[] k = new BigInteger[scalars.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = scalars[i].toBigInteger();
        }
        return Point.of(FixedBasePippenger.sum(k, points));
    }

    /**
     * The peer: Bouncy Castle's own sum of products for every size (for benchmarks and cross-checks).
     */
    public static Point sumBouncyCastle(Scalar[] scalars, Point[] points) {
        check(scalars, points);
        BigInteger[] k = new BigInteger[scalars.length];
        ECPoint[] p = new ECPoint[points.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = scalars[i].toBigInteger();
            p[i] = points[i].ec();
        }
        return k.length == 0 ? Point.INFINITY : Point.of(ECAlgorithms.sumOfMultiplies(p, k));
    }

    /**
     * Batch-affine Pippenger over the GLV halves of the terms, for any size (for tests and benchmarks;
     * {@link #sum} picks the method by size).
     */
    public static Point sumPippenger(Scalar[] scalars, Point[] points) {
        check(scalars, points);
        BigInteger[] k = new BigInteger[scalars.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = scalars[i].toBigInteger();
        }
        return Point.of(pippengerGlv(k, points));
    }

    /** Measured (MsmBenchmark): splitting by GLV beat full-width scalars from 64 to 2048 terms by 5–20 %. */
    static ECPoint pippengerGlv(BigInteger[] k, Point[] p) {
        return BatchPippenger.sum(k, p, BatchPippenger.windowBits(2 * k.length), true);
    }

    /** Pippenger with Bouncy Castle's Jacobian additions, the simpler variant (kept as a benchmark peer). */
    public static Point sumPippengerJacobian(Scalar[] scalars, Point[] points) {
        check(scalars, points);
        BigInteger[] k = new BigInteger[scalars.length];
        ECPoint[] p = new ECPoint[points.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = scalars[i].toBigInteger();
            p[i] = points[i].ec();
        }
        return Point.of(pippenger(k, p));
    }

    /**
     * The folded vector {@code a·lo[i] + b·hi[i]} for every i, normalised together with one inversion
     * (the inner-product argument's generator update).
     */
    public static Point[] fold(Point[] lo, Point[] hi, Scalar a, Scalar b) {
        Scalar[] as = new Scalar[lo.length];
        Scalar[] bs = new Scalar[lo.length];
        Arrays.fill(as, a);
        Arrays.fill(bs, b);
        return fold(lo, hi, as, bs);
    }

    /** The folded vector {@code a[i]·lo[i] + b[i]·hi[i]} for every i, normalised together. */
    public static Point[] fold(Point[] lo, Point[] hi, Scalar[] a, Scalar[] b) {
        if (lo.length != hi.length || a.length != lo.length || b.length != lo.length) {
            throw new IllegalArgumentException("fold operands differ in length");
        }
        ECPoint[] out = new ECPoint[lo.length];
        for (int i = 0; i < lo.length; i++) {
            out[i] = ECAlgorithms.sumOfTwoMultiplies(lo[i].ec(), a[i].toBigInteger(), hi[i].ec(), b[i].toBigInteger());
        }
        Secp256k1.CURVE.normalizeAll(out);
        Point[] result = new Point[out.length];
        for (int i = 0; i < out.length; i++) {
            result[i] = Point.of(out[i]);
        }
        return result;
    }

    private static void check(Scalar[] scalars, Point[] points) {
        if (scalars.length != points.length) {
            throw new IllegalArgumentException(scalars.length + " scalars for " + points.length + " points");
        }
    }

    /** Window width for N terms: about log2(N) − 2, which balances N bucket additions against 2^c bucket sums. */
    static int windowBits(int n) {
        int log = 32 - Integer.numberOfLeadingZeros(Math.max(n, 1));
        return Math.max(3, Math.min(14, log - 2));
    }

    static ECPoint pippenger(BigInteger[] scalars, ECPoint[] points) {
        return pippenger(scalars, points, windowBits(scalars.length));
    }

    /** Pippenger with window width {@code c} bits. */
    static ECPoint pippenger(BigInteger[] scalars, ECPoint[] points, int c) {
        int n = scalars.length;
        if (n == 0) {
            return Secp256k1.INFINITY;
        }
        int windows = (256 + c - 1) / c;
        // Use the shorter of k and n − k (negating the point) so every scalar is below 2^255 and the
        // signed recoding ends without a carry.
        long[][] limbs = new long[n][];
        ECPoint[] pos = new ECPoint[n];
        ECPoint[] neg = new ECPoint[n];
        for (int i = 0; i < n; i++) {
            BigInteger k = scalars[i];
            ECPoint p = points[i];
            if (k.compareTo(HALF_ORDER) > 0) {
                k = Secp256k1.ORDER.subtract(k);
                p = p.negate();
            }
            limbs[i] = limbs(k);
            pos[i] = p;
            neg[i] = p.negate();
        }
        byte[][] digits = new byte[windows][];
        // Digits lie in (−2^(c−1), 2^(c−1)]: a byte holds them up to c = 7.
        short[][] wide = c > 7 ? new short[windows][] : null;
        int[] carry = new int[n];
        int half = 1 << (c - 1);
        for (int w = 0; w < windows; w++) {
            byte[] dRow = wide == null ? new byte[n] : null;
            short[] sRow = wide == null ? null : new short[n];
            for (int i = 0; i < n; i++) {
                int v = bits(limbs[i], w * c, c) + carry[i];
                if (v > half) {
                    v -= 1 << c;
                    carry[i] = 1;
                } else {
                    carry[i] = 0;
                }
                if (dRow != null) {
                    dRow[i] = (byte) v;
                } else {
                    sRow[i] = (short) v;
                }
            }
            if (dRow != null) {
                digits[w] = dRow;
            } else {
                wide[w] = sRow;
            }
        }
        for (int i = 0; i < n; i++) {
            if (carry[i] != 0) {
                throw new IllegalStateException("signed recoding overflowed (scalar not below 2^255)");
            }
        }
        ECPoint acc = Secp256k1.INFINITY;
        ECPoint[] buckets = new ECPoint[half];
        for (int w = windows - 1; w >= 0; w--) {
            if (!acc.isInfinity()) {
                acc = acc.timesPow2(c);
            }
            Arrays.fill(buckets, null);
            for (int i = 0; i < n; i++) {
                int d = wide == null ? digits[w][i] : wide[w][i];
                if (d == 0) {
                    continue;
                }
                int b = (d > 0 ? d : -d) - 1;
                ECPoint p = d > 0 ? pos[i] : neg[i];
                buckets[b] = buckets[b] == null ? p : buckets[b].add(p);
            }
            // Σ_j (j+1)·bucket[j] by running sums from the top.
            ECPoint running = null;
            ECPoint total = null;
            for (int j = half - 1; j >= 0; j--) {
                if (buckets[j] != null) {
                    running = running == null ? buckets[j] : running.add(buckets[j]);
                }
                if (running != null) {
                    total = total == null ? running : total.add(running);
                }
            }
            if (total != null) {
                acc = acc.add(total);
            }
        }
        return acc;
    }

    private static long[] limbs(BigInteger k) {
        long[] out = new long[5];
        for (int i = 0; i < 4; i++) {
            out[i] = k.shiftRight(64 * i).longValue();
        }
        return out;
    }

    /** {@code width} bits of the little-endian limbs starting at bit {@code from} (bits past 255 read as 0). */
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
