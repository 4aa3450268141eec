package dev.marginsim.prover.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class MsmTest {
    /** Σ kᵢ·Pᵢ the slow way: one multiplication and one addition per term. */
    private static Point naive(Scalar[] k, Point[] p) {
        Point acc = Point.INFINITY;
        for (int i = 0; i < k.length; i++) {
            acc = acc.add(p[i].multiply(k[i]));
        }
        return acc;
    }

    private static Scalar[] scalars(SecureRandom rng, int n) {
        Scalar[] special = {Scalar.ZERO, Scalar.ONE, Scalar.ONE.negate(), Scalar.TWO,
                Scalar.ofCanonical(Scalar.ORDER.shiftRight(1)), Scalar.ofCanonical(Scalar.ORDER.shiftRight(1).add(BigInteger.ONE)),
                Scalar.ofCanonical(BigInteger.ONE.shiftLeft(255)), Scalar.of(-2)};
        Scalar[] k = new Scalar[n];
        for (int i = 0; i < n; i++) {
            k[i] = i < special.length ? special[i] : Scalar.random(rng);
        }
        return k;
    }

    private static Point[] points(int n) {
        Point[] p = new Point[n];
        for (int i = 0; i < n; i++) {
            p[i] = Point.hashToCurve("marginsim/test/msm", new byte[] {(byte) (i >>> 8), (byte) i});
        }
        return p;
    }

    @Test
    void everyMethod_equalsTheNaiveSum_acrossSizes() {
        long seed = TestRandom.seed("MsmTest.everyMethod");
        SecureRandom rng = TestRandom.secure(seed, "msm");
        for (int n : new int[] {1, 2, 3, 8, 9, 40, Msm.PIPPENGER_THRESHOLD - 1, Msm.PIPPENGER_THRESHOLD, 200}) {
            Scalar[] k = scalars(rng, n);
            Point[] p = points(n);
            Point expected = naive(k, p);
            assertEquals(expected, Msm.sum(k, p), "sum n=" + n);
            assertEquals(expected, Msm.sumPippenger(k, p), "pippenger n=" + n);
            assertEquals(expected, Msm.sumPippengerJacobian(k, p), "jacobian pippenger n=" + n);
            assertEquals(expected, Msm.sumPippenger(k, p), "GLV pippenger n=" + n);
            assertEquals(expected, Msm.sumBouncyCastle(k, p), "bouncy castle n=" + n);
        }
    }

    @Test
    void pippenger_handlesEveryWindowWidth() {
        long seed = TestRandom.seed("MsmTest.windows");
        SecureRandom rng = TestRandom.secure(seed, "windows");
        for (int log = 2; log <= 12; log++) {
            int n = 1 << log;
            int c = Msm.windowBits(n);
            // A few terms suffice to exercise the recoding for width c; pippenger() takes any n.
            Scalar[] k = scalars(rng, 12);
            Point[] p = points(12);
            Point expected = naive(k, p);
            java.math.BigInteger[] kb = new java.math.BigInteger[12];
            org.bouncycastle.math.ec.ECPoint[] pe = new org.bouncycastle.math.ec.ECPoint[12];
            for (int i = 0; i < 12; i++) {
                kb[i] = k[i].toBigInteger();
                pe[i] = p[i].ec();
            }
            assertEquals(expected, Point.of(Msm.pippenger(kb, pe, c)), "window " + c);
            assertEquals(expected, Point.of(BatchPippenger.sum(kb, p, c)), "batch-affine window " + c);
            assertEquals(expected, Point.of(BatchPippenger.sum(kb, p, c, true)), "GLV batch-affine window " + c);
        }
    }

    @Test
    void cancellingTerms_giveInfinity_andEmptySumIsInfinity() {
        Point[] p = points(3);
        Scalar k = Scalar.of(12345);
        assertTrue(Msm.sum(new Scalar[] {k, k}, new Point[] {p[0], p[0].negate()}).isInfinity());
        assertTrue(Msm.sum(new Scalar[] {k, k.negate()}, new Point[] {p[1], p[1]}).isInfinity());
        assertTrue(Msm.sum(new Scalar[0], new Point[0]).isInfinity());
        assertTrue(Msm.sumPippenger(new Scalar[] {Scalar.ONE}, new Point[] {Point.INFINITY}).isInfinity());
        assertEquals(p[2], Msm.sum(new Scalar[] {Scalar.ONE, Scalar.ZERO}, new Point[] {p[2], Point.INFINITY}));
        // The batch-affine adder's special cases: P + P (a doubling inside a bucket) and P + (−P).
        Scalar[] same = new Scalar[200];
        Point[] pts = new Point[200];
        for (int i = 0; i < 200; i++) {
            same[i] = Scalar.of(3 + (i % 2));
            pts[i] = i < 100 ? p[0] : (i % 2 == 0 ? p[1] : p[1].negate());
        }
        assertEquals(naive(same, pts), Msm.sumPippenger(same, pts), "repeated and opposite points");
        assertEquals(naive(same, pts), Msm.sumPippenger(same, pts), "repeated and opposite points, GLV");
        Scalar[] opp = new Scalar[100];
        Point[] oppP = new Point[100];
        for (int i = 0; i < 100; i++) {
            opp[i] = Scalar.of(5);
            oppP[i] = i % 2 == 0 ? p[2] : p[2].negate();
        }
        assertTrue(Msm.sumPippenger(opp, oppP).isInfinity(), "everything cancels");
        assertTrue(Msm.sumPippenger(opp, oppP).isInfinity(), "everything cancels, GLV");
    }

    @Test
    void lengthMismatch_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> Msm.sum(new Scalar[1], new Point[2]));
    }

    @Test
    void fold_andSumPair_equalTheirDefinitions() {
        long seed = TestRandom.seed("MsmTest.fold");
        SecureRandom rng = TestRandom.secure(seed, "fold");
        Point[] lo = points(4);
        Point[] hi = new Point[4];
        for (int i = 0; i < 4; i++) {
            hi[i] = lo[i].multiply(Scalar.of(7 + i));
        }
        Scalar a = Scalar.random(rng);
        Scalar b = Scalar.random(rng);
        Point[] f = Msm.fold(lo, hi, a, b);
        for (int i = 0; i < 4; i++) {
            assertEquals(lo[i].multiply(a).add(hi[i].multiply(b)), f[i]);
        }
        Scalar[] k1 = scalars(rng, 300);
        Scalar[] k2 = scalars(rng, 300);
        Point[] p = points(300);
        Point[] pair = Msm.sumPair(k1, k2, p);
        assertEquals(Msm.sumBouncyCastle(k1, p), pair[0]);
        assertEquals(Msm.sumBouncyCastle(k2, p), pair[1]);
    }

    /**
     * Both schedules: points without tables (width-5 tables built per call) and points carrying window
     * tables (their own odd multiples of width 7), and a base where one point lacks them (per call).
     */
    @Test
    void sharedSums_equalEachSumDoneAlone_includingCancellingAndRepeatedPoints() {
        long seed = TestRandom.seed("MsmTest.sharedSums");
        SecureRandom rng = TestRandom.secure(seed, "shared");
        for (String tables : new String[] {"none", "all", "all but one"}) {
            sharedSums(rng, tables);
        }
    }

    private static void sharedSums(SecureRandom rng, String tables) {
        for (int n : new int[] {1, SharedScalarSums.MIN_OUTPUTS - 1, SharedScalarSums.MIN_OUTPUTS, 80}) {
            for (int per : new int[] {1, 2, 8}) {
                // The special scalars (0, ±1, 2, n/2, 2^255, −2) come first: each one's digits differ.
                Scalar[] t = scalars(rng, 8);
                if (per < 8) {
                    t = java.util.Arrays.copyOfRange(scalars(rng, 8 + per), 8, 8 + per);
                }
                Point[] base = points(per * n);
                if (per == 2 && n > 2) {
                    // Output 0 cancels (t0·P + t1·Q with Q = −(t0/t1)·P); output 1 adds one point twice.
                    base[n] = base[0].multiply(t[0].multiply(t[1].invert())).negate();
                    base[n + 1] = base[1].multiply(t[0].multiply(t[1].invert()));
                }
                if (!tables.equals("none")) {
                    int last = base.length - 1;
                    Msm.precompute(tables.equals("all") ? base : java.util.Arrays.copyOf(base, last));
                    assertEquals(tables.equals("all"), base[last].windows() != null);
                    assertEquals(tables.equals("all") || last > 0, base[0].windows() != null);
                }
                Point[] shared = Msm.sharedSums(t, base, n);
                Point[] alone = SharedScalarSums.reference(t, base, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(alone[i], shared[i], tables + " n=" + n + " per=" + per + " output " + i);
                    Point slow = Point.INFINITY;
                    for (int h = 0; h < per; h++) {
                        slow = slow.add(base[h * n + i].multiply(t[h]));
                    }
                    assertEquals(slow, shared[i], tables + " naive n=" + n + " per=" + per + " output " + i);
                }
                if (per == 2 && n > 2) {
                    assertTrue(shared[0].isInfinity(), "a cancelling sum is infinity");
                }
            }
        }
        Scalar[] special = scalars(rng, 8);
        Point[] base = points(8 * 40);
        if (tables.equals("all")) {
            Msm.precompute(base);
        }
        assertEquals(java.util.List.of(SharedScalarSums.reference(special, base, 40)),
                java.util.List.of(Msm.sharedSums(special, base, 40)), tables + ": special scalars shared by 40 outputs");
        // With tables, a scalar is cut into 65-bit pieces (comb teeth): pieces that are all ones, or whose
        // top digit carries into the next piece's range, or that are empty between non-empty ones.
        int tooth = WindowTable.TOOTH_BITS;
        BigInteger one = BigInteger.ONE;
        Scalar[] edges = {Scalar.ofCanonical(one.shiftLeft(tooth).subtract(one)), Scalar.ofCanonical(one.shiftLeft(tooth)),
            Scalar.ofCanonical(one.shiftLeft(2 * tooth).subtract(one)), Scalar.ofCanonical(one.shiftLeft(3 * tooth)),
            Scalar.ofCanonical(one.shiftLeft(3 * tooth).add(one)), Scalar.ONE.negate().subtract(Scalar.ONE),
            Scalar.ofCanonical(one.shiftLeft(tooth - 1).multiply(BigInteger.valueOf(3))),
            Scalar.ofCanonical(one.shiftLeft(4 * tooth - 5).subtract(one.shiftLeft(tooth)))};
        assertEquals(java.util.List.of(SharedScalarSums.reference(edges, base, 40)),
                java.util.List.of(Msm.sharedSums(edges, base, 40)), tables + ": scalars at the comb's tooth edges");
    }

    @Test
    void onTwoLanes_runsEveryTaskOnce_evenWhenNested() {
        long[] cost = {5, 1, 9, 9, 0, 3, 2048, 64, 1};
        java.util.concurrent.atomic.AtomicIntegerArray runs = new java.util.concurrent.atomic.AtomicIntegerArray(cost.length);
        java.util.concurrent.atomic.AtomicIntegerArray inner = new java.util.concurrent.atomic.AtomicIntegerArray(4);
        Parallel.onTwoLanes(cost, k -> {
            runs.incrementAndGet(k);
            if (k == 6) {
                // A task that splits again (as a chunk's sums do) must not wait on a busy helper.
                Parallel.onTwoLanes(new long[] {1, 1, 1, 1}, inner::incrementAndGet);
            }
        });
        for (int k = 0; k < cost.length; k++) {
            assertEquals(1, runs.get(k), "task " + k);
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(1, inner.get(k), "nested task " + k);
        }
        Parallel.onTwoLanes(new long[0], k -> {
            throw new AssertionError("no tasks");
        });
    }

    @Test
    void parallelFork_returnsTheResultWhoeverRunsIt_andPropagatesFailures() {
        java.util.List<Parallel.Forked<Integer>> forks = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int v = i;
            // Nested forks: a helper running a task that forks again must not wait on a queue.
            forks.add(Parallel.fork(() -> v + Parallel.fork(() -> v * 2).join()));
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(3 * i, forks.get(i).join());
        }
        // tryFork hands work out only while a helper is free; while one runs a long task it declines.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Parallel.Forked<Integer> blocker = Parallel.fork(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        });
        if (Parallel.available()) {
            // The blocker is pending until released, so no helper is free for more work.
            org.junit.jupiter.api.Assertions.assertNull(Parallel.tryFork(() -> 2), "no free helper");
        }
        release.countDown();
        assertEquals(1, blocker.join());
        Parallel.Forked<Integer> offered = Parallel.tryFork(() -> 3);
        if (offered != null) {
            assertEquals(3, offered.join());
        }
        Parallel.Forked<Integer> failing = Parallel.fork(() -> {
            throw new IllegalStateException("boom");
        });
        assertEquals("boom", assertThrows(IllegalStateException.class, failing::join).getMessage());
    }

    /** Points of their own (tables stay attached to a point for good). */
    private static Point[] tabledPoints(String tag, int n) {
        Point[] p = new Point[n];
        for (int i = 0; i < n; i++) {
            p[i] = Point.hashToCurve("marginsim/test/msm/" + tag, new byte[] {(byte) (i >>> 8), (byte) i});
        }
        Msm.precompute(p);
        return p;
    }

    @Test
    void fixedBaseSums_equalTheGlvSums_includingSpecialScalarsAndCancellingPoints() {
        long seed = TestRandom.seed("MsmTest.fixedBase");
        SecureRandom rng = TestRandom.secure(seed, "fixed");
        Point[] tabled = tabledPoints("fixed", 700);
        for (int n : new int[] {1, 5, 100, Msm.FIXED_BASE_THRESHOLD, 700}) {
            Scalar[] k = scalars(rng, n);
            Point[] p = java.util.Arrays.copyOf(tabled, n);
            Point expected = Msm.sumPippenger(k, p);
            assertEquals(expected, Msm.sumFixedBase(k, p), "fixed-base n=" + n);
            assertEquals(expected, Msm.sum(k, p), "Msm.sum over tabled points n=" + n);
        }
        // Every digit value and bucket: scalars 1 … 2^13 and their negations, and the top window's carry.
        int n = 1 << 13;
        Scalar[] k = new Scalar[n];
        Point[] p = new Point[n];
        for (int i = 0; i < n; i++) {
            k[i] = i % 2 == 0 ? Scalar.of(i + 1) : Scalar.of(-(i + 1));
            p[i] = tabled[i % 7];
        }
        k[0] = Scalar.ONE.negate();
        k[1] = Scalar.ofCanonical(BigInteger.ONE.shiftLeft(255).add(BigInteger.ONE.shiftLeft(250)));
        assertEquals(Msm.sumBouncyCastle(k, p), Msm.sumFixedBase(k, p), "all digit values, repeated points");
        // P + (−P) inside a bucket, and a sum that cancels entirely.
        Scalar[] same = new Scalar[600];
        Point[] opp = new Point[600];
        Point[] negated = tabledPoints("negated", 1);
        Point minus = tabled[3].negate();
        Msm.precompute(new Point[] {minus});
        for (int i = 0; i < 600; i++) {
            same[i] = Scalar.of(12345);
            opp[i] = i % 2 == 0 ? tabled[3] : minus;
        }
        assertTrue(Msm.sumFixedBase(same, opp).isInfinity(), "everything cancels");
        assertTrue(Msm.sum(same, opp).isInfinity(), "everything cancels through Msm.sum");
        assertEquals(negated[0].multiply(Scalar.of(9)), Msm.sumFixedBase(new Scalar[] {Scalar.of(9)}, negated));
    }

    @Test
    void mixedSums_ofTabledAndOtherPoints_equalTheNaiveSum() {
        long seed = TestRandom.seed("MsmTest.mixed");
        SecureRandom rng = TestRandom.secure(seed, "mixed");
        Point[] tabled = tabledPoints("mixed", 1200);
        Point[] other = points(300);
        Point[] p = new Point[1500];
        System.arraycopy(tabled, 0, p, 0, 1200);
        System.arraycopy(other, 0, p, 1200, 300);
        Scalar[] k = scalars(rng, 1500);
        assertEquals(Msm.sumBouncyCastle(k, p), Msm.sum(k, p));
        Point[] pair = Msm.sumPair(k, scalars(rng, 1500), p);
        assertEquals(Msm.sumBouncyCastle(k, p), pair[0]);
    }
}
