package dev.marginsim.prover.curve;

import java.math.BigInteger;
import org.bouncycastle.math.ec.WNafUtil;

/**
 * Many small sums that share their scalars: {@code out[i] = Σ_h t[h]·P[h·n + i]} for i < n, the
 * inner-product prover's generator update (every group h of the base is scaled by the same product
 * of challenges).
 *
 * <p>Because the scalars are shared, every output runs the same interleaved-wNAF schedule (GLV halves,
 * width-5 digits): the same doubling, then the same table entry added, at every step. So each step is
 * done for all n outputs at once in affine coordinates with one field inversion ({@link AffineBatch}),
 * about 6 multiplications per point operation instead of 8–11 for Bouncy Castle's Jacobian ones, and
 * without its per-operation objects. Worth it from a few outputs; below that the inversion per step
 * dominates and {@link Msm#sum} is used per output.
 *
 * <p>Points that carry a {@link WindowTable} (the process-wide generators, once built) bring a comb: the
 * schedule then splits each scalar into {@value WindowTable#TEETH} pieces of 65 bits, one per tooth, with
 * width-{@value WindowTable#ODD_WIDTH} digits read from the teeth's odd multiples, instead of GLV halves
 * with per-call width-5 tables (65 doublings per output instead of 128, and fewer additions).
 */
final class SharedScalarSums {
    /**
     * From this many outputs the batched schedule beats one Straus sum per output. Measured by
     * bench/…/curve/SharedSumsCrossover (fresh points, 8 terms per output) since the 5 × 52-bit field:
     * 1.19× the time at 2 outputs, 0.90–1.04× at 4, 0.76–0.79× at 8, 0.60–0.62× at 16 (this was 32 before).
     */
    static final int MIN_OUTPUTS = 8;
    private static final int WIDTH = 5;
    /** Odd multiples 1, 3, …, 15 of each point. */
    private static final int TABLE = 1 << (WIDTH - 2);
    private static final int POINT = AffineBatch.POINT;

    private SharedScalarSums() {
    }

    static Point[] sums(Scalar[] t, Point[] base, int n) {
        int per = t.length;
        if (base.length != per * n) {
            throw new IllegalArgumentException(per + " scalars and " + n + " outputs need " + per * n + " points, got " + base.length);
        }
        boolean finite = true;
        for (Point p : base) {
            finite &= !p.isInfinity();
        }
        if (n < MIN_OUTPUTS || !finite) {
            return oneByOne(t, base, n);
        }
        return batched(t, base, n);
    }

    /** The sums by the shared schedule, whatever the number of outputs (finite points only). */
    static Point[] batched(Scalar[] t, Point[] base, int n) {
        int per = t.length;
        WindowTable[] tables = new WindowTable[base.length];
        boolean tabled = true;
        for (int j = 0; j < base.length && tabled; j++) {
            tables[j] = base[j].windows();
            tabled = tables[j] != null;
        }
        AffineBatch batch = new AffineBatch(Math.min(per * n, 1024));
        long[] acc = new long[n * POINT];
        boolean[] set = new boolean[n];
        if (tabled) {
            Schedule.comb(t).run(batch, acc, set, n, (term, m, negative) -> {
                int h = term / WindowTable.TEETH;
                addTabled(batch, acc, set, tables, h * n, term % WindowTable.TEETH, m, negative, n);
            });
        } else {
            long[][][] own = buildTables(batch, base, per * n);
            Schedule.glv(t).run(batch, acc, set, n, (term, m, negative) -> {
                int h = term >>> 1;
                add(batch, acc, set, own[term & 1][m], h * n * POINT, negative, n);
            });
        }
        Point[] out = new Point[n];
        for (int i = 0; i < n; i++) {
            out[i] = set[i] ? Point.ofAffine(acc, i * POINT) : Point.INFINITY;
        }
        return out;
    }

    /** One addition step for every output: add table entry m (odd multiple 2m + 1) of term's point, or subtract it. */
    private interface Step {
        void add(int term, int m, boolean negative);
    }

    /** The interleaved wNAF schedule shared by every output: each term is a piece of a scalar on its own point. */
    private static final class Schedule {
        final byte[][] naf;
        final boolean[] negated;
        int length;

        /** Terms: non-negative magnitudes, each to be subtracted when {@code negated}. */
        private Schedule(BigInteger[] magnitudes, boolean[] negated, int width) {
            naf = new byte[magnitudes.length][];
            this.negated = negated;
            for (int k = 0; k < magnitudes.length; k++) {
                naf[k] = magnitudes[k].signum() == 0 ? new byte[0] : WNafUtil.generateWindowNaf(width, magnitudes[k]);
                length = Math.max(length, naf[k].length);
            }
        }

        /** The two GLV halves of each scalar, on P (term 2h) and on φ(P) = (β·x, y) (term 2h + 1), width-5 digits. */
        static Schedule glv(Scalar[] t) {
            BigInteger[] magnitudes = new BigInteger[2 * t.length];
            boolean[] negated = new boolean[2 * t.length];
            for (int h = 0; h < t.length; h++) {
                BigInteger[] parts = Secp256k1.GLV.decomposeScalar(t[h].toBigInteger());
                for (int e = 0; e < 2; e++) {
                    negated[2 * h + e] = parts[e].signum() < 0;
                    magnitudes[2 * h + e] = parts[e].abs();
                }
            }
            return new Schedule(magnitudes, negated, WIDTH);
        }

        /** The 65-bit pieces of each scalar, piece t on tooth t (term h·TEETH + t), comb-width digits. */
        static Schedule comb(Scalar[] t) {
            int teeth = WindowTable.TEETH;
            BigInteger[] magnitudes = new BigInteger[teeth * t.length];
            BigInteger mask = BigInteger.ONE.shiftLeft(WindowTable.TOOTH_BITS).subtract(BigInteger.ONE);
            for (int h = 0; h < t.length; h++) {
                BigInteger k = t[h].toBigInteger();
                for (int tooth = 0; tooth < teeth; tooth++) {
                    magnitudes[teeth * h + tooth] = k.shiftRight(tooth * WindowTable.TOOTH_BITS).and(mask);
                }
            }
            return new Schedule(magnitudes, new boolean[magnitudes.length], WindowTable.ODD_WIDTH);
        }

        /** From the top digit down: double every output, then add each term's digit's entry. */
        void run(AffineBatch batch, long[] acc, boolean[] set, int n, Step step) {
            boolean started = false;
            for (int bit = length - 1; bit >= 0; bit--) {
                if (started) {
                    doubleAll(batch, acc, set, n);
                }
                for (int term = 0; term < naf.length; term++) {
                    byte[] digits = naf[term];
                    int d = bit < digits.length ? digits[bit] : 0;
                    if (d == 0) {
                        continue;
                    }
                    step.add(term, ((d < 0 ? -d : d) - 1) >>> 1, (d < 0) != negated[term]);
                    started = true;
                }
            }
        }
    }

    /**
     * Per-call tables: for every point P[h·n + i] its odd multiples m·P, and the same of φ(P) = (β·x, y),
     * each table one flat array of affine points ([0] plain, [1] φ); negative digits subtract the entry.
     */
    private static long[][][] buildTables(AffineBatch batch, Point[] base, int points) {
        long[] flat = new long[points * POINT];
        for (int j = 0; j < points; j++) {
            System.arraycopy(base[j].affine(), 0, flat, j * POINT, POINT);
        }
        return OddMultiples.of(batch, flat, points, TABLE);
    }

    private static void doubleAll(AffineBatch batch, long[] acc, boolean[] set, int n) {
        int[] index = new int[batch.capacity];
        for (int i = 0; i < n; i++) {
            if (!set[i]) {
                continue;
            }
            index[batch.count] = i;
            batch.add(acc, i * POINT, acc, i * POINT);
            if (batch.full()) {
                batch.settle(index, set);
            }
        }
        batch.settle(index, set);
    }

    /** acc[i] ±= the table's point at {@code from} + i for every i below n (a set accumulator takes it as is). */
    private static void add(AffineBatch batch, long[] acc, boolean[] set, long[] table, int from, boolean negative, int n) {
        int[] index = new int[batch.capacity];
        for (int i = 0; i < n; i++) {
            int at = from + i * POINT;
            if (!set[i]) {
                System.arraycopy(table, at, acc, i * POINT, POINT);
                if (negative) {
                    FieldP52.negate(acc, i * POINT + FieldP52.LIMBS, acc, i * POINT + FieldP52.LIMBS);
                }
                set[i] = true;
                continue;
            }
            index[batch.count] = i;
            batch.add(acc, i * POINT, table, at, negative);
            if (batch.full()) {
                batch.settle(index, set);
            }
        }
        batch.settle(index, set);
    }

    /**
     * acc[i] ±= odd multiple m of tooth {@code tooth} of point {@code first} + i, read from the points'
     * own tables (a set accumulator takes it as is).
     */
    private static void addTabled(AffineBatch batch, long[] acc, boolean[] set, WindowTable[] tables, int first,
            int tooth, int m, boolean negative, int n) {
        int[] index = new int[batch.capacity];
        for (int i = 0; i < n; i++) {
            WindowTable table = tables[first + i];
            long[] entries = table.teeth[tooth][m];
            if (!set[i]) {
                System.arraycopy(entries, table.offset, acc, i * POINT, POINT);
                if (negative) {
                    FieldP52.negate(acc, i * POINT + FieldP52.LIMBS, acc, i * POINT + FieldP52.LIMBS);
                }
                set[i] = true;
                continue;
            }
            index[batch.count] = i;
            batch.add(acc, i * POINT, entries, table.offset, negative);
            if (batch.full()) {
                batch.settle(index, set);
            }
        }
        batch.settle(index, set);
    }

    private static Point[] oneByOne(Scalar[] t, Point[] base, int n) {
        int per = t.length;
        Point[] out = new Point[n];
        Scalar[] ks = new Scalar[per];
        Point[] ps = new Point[per];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < per; h++) {
                ks[h] = t[h];
                ps[h] = base[h * n + i];
            }
            out[i] = Msm.sum(ks, ps);
        }
        return out;
    }

    /** For tests: the same sums computed one by one. */
    static Point[] reference(Scalar[] t, Point[] base, int n) {
        return oneByOne(t, base, n);
    }
}
