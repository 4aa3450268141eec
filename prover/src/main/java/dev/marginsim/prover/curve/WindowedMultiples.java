package dev.marginsim.prover.curve;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Fixed-base multiples of one generator P, for many products at once (the private tree's leaf
 * commitments {@code v·G + r·H}, {@link FixedPair}'s sums of two full scalars). Row j holds {@code k·2^(w·j)·P} for k = 1 … 2^w − 1 as flat affine
 * points ({@link AffineBatch} layout), so {@code s·P} is one addition per non-zero w-bit digit of s and
 * no doubling: 22 additions for a 256-bit blinding and 6 for a 64-bit value at w = 12.
 *
 * <p>{@link #commitments} and {@link #sums} add the digits of many products in passes, one per window, in which every
 * accumulator takes at most one addition, so a pass's additions share one field inversion: about 6
 * field multiplications on {@link FieldP52} per addition, against a mixed Jacobian addition of Bouncy
 * Castle's points (the previous method: 11 on its slower field, and objects per addition).
 * Read-only after construction, so threads share it.
 */
public final class WindowedMultiples {
    private static final int POINT = AffineBatch.POINT;
    /** Additions per batch (one inversion each, ~2 µs, against ~0.25 µs per addition). */
    private static final int BATCH = 1024;

    private final int width;
    private final long[][] rows;

    /**
     * Builds the rows: the row bases 2^{w·j}·P by doublings, then every row's multiples in lockstep,
     * step k adding each row's base into its (k − 1)·base with one batched affine addition per row, so
     * a step's additions share one inversion ({@link AffineBatch}). A table is the same whichever way it
     * is built; this way 4,095 points × 22 rows (w = 12, 256 bits) took 45–190 ms against 166–661 ms
     * with one Bouncy Castle addition per point.
     *
     * @param width window width in bits, 1..16
     * @param bits  the largest scalar width to serve (64 for values, 256 for blindings)
     */
    public WindowedMultiples(ECPoint generator, int width, int bits) {
        if (width < 1 || width > 16) {
            throw new IllegalArgumentException("window width 1..16: " + width);
        }
        this.width = width;
        int windows = (bits + width - 1) / width;
        int size = (1 << width) - 1;
        ECPoint[] bases = new ECPoint[windows];
        bases[0] = generator.normalize();
        for (int j = 1; j < windows; j++) {
            bases[j] = bases[j - 1].timesPow2(width);
        }
        generator.getCurve().normalizeAll(bases);
        long[] base = new long[windows * POINT];
        for (int j = 0; j < windows; j++) {
            FieldP52.fromBigInteger(bases[j].getAffineXCoord().toBigInteger(), base, j * POINT);
            FieldP52.fromBigInteger(bases[j].getAffineYCoord().toBigInteger(), base, j * POINT + FieldP52.LIMBS);
        }
        rows = new long[windows][size * POINT];
        long[] current = base.clone();
        AffineBatch batch = new AffineBatch(windows);
        for (int k = 0; k < size; k++) {
            if (k > 0) {
                batch.addAll(current, base, windows); // (k + 1)·base of every row; k = 1 is a doubling
            }
            for (int j = 0; j < windows; j++) {
                System.arraycopy(current, j * POINT, rows[j], k * POINT, POINT);
            }
        }
    }

    /** The digits of one operand of a product, item by item: window j's w-bit digit of item i. */
    private interface Digits {
        int digit(int item, int window);
    }

    /**
     * {@code out[i] = values[i]·G + r_i·H} for i below count, with r_i the 32 big-endian bytes at
     * {@code blindings[32·i]} (below the group order) and G, H the generators of {@code g} and {@code h};
     * normalised points of {@code curve} (infinity where a sum is).
     *
     * @throws IllegalArgumentException if a value is negative or does not fit g's rows, or h's rows do
     *     not cover 256 bits
     */
    public static ECPoint[] commitments(WindowedMultiples g, long[] values, WindowedMultiples h, byte[] blindings,
            int count, ECCurve curve) {
        h.requireFullWidth();
        for (int i = 0; i < count; i++) {
            if (values[i] < 0 || (g.rows.length * g.width < 64 && values[i] >>> (g.rows.length * g.width) != 0)) {
                throw new IllegalArgumentException("value out of the table's range: " + values[i]);
            }
        }
        int gMask = (1 << g.width) - 1;
        return combine(count, curve,
                (acc, set, batch) -> g.addInto(acc, set, count, batch, (i, j) -> (int) (values[i] >>> (g.width * j)) & gMask),
                (acc, set, batch) -> h.addInto(acc, set, count, batch, (i, j) -> bitsOf(blindings, 32 * i, h.width * j, h.width)));
    }

    /**
     * {@code out[i] = a_i·G + b_i·H} for i below count, with a_i and b_i the 32 big-endian bytes at
     * {@code a[32·i]} and {@code b[32·i]} (each below the group order): commitments whose value, too, is
     * a full scalar (a negative integer's residue, a Σ-proof's nonce).
     *
     * @throws IllegalArgumentException if either table does not cover 256 bits
     */
    public static ECPoint[] sums(WindowedMultiples g, byte[] a, WindowedMultiples h, byte[] b, int count, ECCurve curve) {
        g.requireFullWidth();
        h.requireFullWidth();
        return combine(count, curve,
                (acc, set, batch) -> g.addInto(acc, set, count, batch, (i, j) -> bitsOf(a, 32 * i, g.width * j, g.width)),
                (acc, set, batch) -> h.addInto(acc, set, count, batch, (i, j) -> bitsOf(b, 32 * i, h.width * j, h.width)));
    }

    private void requireFullWidth() {
        if (rows.length * width < 256) {
            throw new IllegalArgumentException("full scalars need a table of 256 bits");
        }
    }

    /** One operand's additions into the accumulators. */
    private interface Pass {
        void run(long[] acc, boolean[] set, AffineBatch batch);
    }

    private static ECPoint[] combine(int count, ECCurve curve, Pass first, Pass second) {
        long[] acc = new long[count * POINT];
        boolean[] set = new boolean[count];
        AffineBatch batch = new AffineBatch(Math.max(1, Math.min(count, BATCH)));
        first.run(acc, set, batch);
        second.run(acc, set, batch);
        ECPoint[] out = new ECPoint[count];
        long[] r = new long[POINT];
        for (int i = 0; i < count; i++) {
            if (!set[i]) {
                out[i] = curve.getInfinity();
                continue;
            }
            FieldP52.normalize(acc, i * POINT, r, 0);
            FieldP52.normalize(acc, i * POINT + FieldP52.LIMBS, r, FieldP52.LIMBS);
            out[i] = curve.createPoint(FieldP52.toBigInteger(r, 0), FieldP52.toBigInteger(r, FieldP52.LIMBS));
        }
        return out;
    }

    /** {@code s·P} for one scalar of 32 big-endian bytes (below the group order): for tests. */
    public ECPoint multiply(byte[] scalar32, ECCurve curve) {
        return commitments(this, new long[1], this, scalar32, 1, curve)[0];
    }

    /** acc[i] += every non-zero digit's row entry, one pass per window (a set accumulator takes it as is). */
    private void addInto(long[] acc, boolean[] set, int count, AffineBatch batch, Digits digits) {
        int[] index = new int[batch.capacity];
        for (int j = 0; j < rows.length; j++) {
            long[] row = rows[j];
            for (int i = 0; i < count; i++) {
                int d = digits.digit(i, j);
                if (d == 0) {
                    continue;
                }
                int at = (d - 1) * POINT;
                if (!set[i]) {
                    System.arraycopy(row, at, acc, i * POINT, POINT);
                    set[i] = true;
                    continue;
                }
                index[batch.count] = i;
                batch.add(acc, i * POINT, row, at);
                if (batch.full()) {
                    batch.settle(index, set);
                }
            }
            batch.settle(index, set);
        }
    }

    /** Bits [from, from + count) of the 256-bit big-endian number at {@code be[off .. off+32)}, bit 0 the lowest. */
    static int bitsOf(byte[] be, int off, int from, int count) {
        int v = 0;
        int b = Math.min(from + count, 256) - 1;
        while (b >= from) {
            int octet = be[off + 31 - (b >>> 3)] & 0xFF;
            if ((b & 7) == 7 && b - 7 >= from) { // a whole byte
                v = (v << 8) | octet;
                b -= 8;
            } else {
                v = (v << 1) | ((octet >>> (b & 7)) & 1);
                b--;
            }
        }
        return v;
    }
}
