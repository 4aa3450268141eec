package dev.marginsim.prover.curve;

import java.math.BigInteger;
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Many small sums that share their scalars: {@code out[i] = Σ_h t[h]·P[h·n + i]} for i < n, the
 * inner-product prover's generator update (every group h of the base is scaled by the same product
 * of challenges).
 *
 * <p>Because the scalars are shared, every output runs the same interleaved-wNAF schedule (GLV halves,
 * width-5 digits): the same doubling, then the same table entry added, at every step. So each step is
 * done for all n outputs at once in affine coordinates with one field inversion ({@link AffineBatch}),
 * about 6 multiplications per point operation instead of 8–11 for Bouncy Castle's Jacobian ones, and
 * without its per-operation objects. Worth it from a few dozen outputs; below that the inversion per
 * step dominates and {@link Msm#sum} is used per output.
 */
final class SharedScalarSums {
    /** From this many outputs the batched schedule beats one Straus sum per output (measured). */
    static final int MIN_OUTPUTS = 32;
    private static final int WIDTH = 5;
    /** Odd multiples 1, 3, …, 15 of each point. */
    private static final int TABLE = 1 << (WIDTH - 2);

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
        // Terms: the two GLV halves of each shared scalar, on P and on φ(P) = (β·x, y).
        int terms = 2 * per;
        byte[][] naf = new byte[terms][];
        boolean[] negated = new boolean[terms];
        int length = 0;
        for (int h = 0; h < per; h++) {
            BigInteger[] parts = Secp256k1.GLV.decomposeScalar(t[h].toBigInteger());
            for (int e = 0; e < 2; e++) {
                BigInteger k = parts[e];
                negated[2 * h + e] = k.signum() < 0;
                naf[2 * h + e] = k.signum() == 0 ? new byte[0] : WNafUtil.generateWindowNaf(WIDTH, k.abs());
                length = Math.max(length, naf[2 * h + e].length);
            }
        }
        // Tables: for every point P[h·n + i] its odd multiples, x, β·x, y and −y.
        int points = per * n;
        int[][][] tx = new int[TABLE][points][];
        int[][][] ty = new int[TABLE][points][];
        for (int j = 0; j < points; j++) {
            int[][] raw = base[j].raw();
            tx[0][j] = raw[0].clone();
            ty[0][j] = raw[1].clone();
        }
        int[][] dx = new int[points][];
        int[][] dy = new int[points][];
        AffineBatch batch = new AffineBatch(Math.min(points, 1024));
        for (int j = 0; j < points; j++) {
            dx[j] = tx[0][j].clone();
            dy[j] = ty[0][j].clone();
        }
        run(batch, dx, dy, dx, dy, points); // 2P
        for (int m = 1; m < TABLE; m++) {
            for (int j = 0; j < points; j++) {
                tx[m][j] = tx[m - 1][j].clone();
                ty[m][j] = ty[m - 1][j].clone();
            }
            run(batch, tx[m], ty[m], dx, dy, points); // (2m+1)P = (2m−1)P + 2P
        }
        int[][][] bx = new int[TABLE][points][];
        int[][][] ny = new int[TABLE][points][];
        for (int m = 0; m < TABLE; m++) {
            for (int j = 0; j < points; j++) {
                bx[m][j] = Nat256.create();
                SecP256K1Field.multiply(Secp256k1.BETA, tx[m][j], bx[m][j]);
                ny[m][j] = Nat256.create();
                SecP256K1Field.negate(ty[m][j], ny[m][j]);
            }
        }

        int[][] ax = new int[n][8];
        int[][] ay = new int[n][8];
        boolean[] set = new boolean[n];
        boolean started = false;
        int[][] rx = new int[n][];
        int[][] ry = new int[n][];
        for (int bit = length - 1; bit >= 0; bit--) {
            if (started) {
                doubleAll(batch, ax, ay, set, n);
            }
            for (int term = 0; term < terms; term++) {
                byte[] digits = naf[term];
                int d = bit < digits.length ? digits[bit] : 0;
                if (d == 0) {
                    continue;
                }
                int h = term >>> 1;
                boolean endo = (term & 1) == 1;
                int m = ((d < 0 ? -d : d) - 1) >>> 1;
                boolean negative = (d < 0) != negated[term];
                int[][] xs = endo ? bx[m] : tx[m];
                int[][] ys = negative ? ny[m] : ty[m];
                for (int i = 0; i < n; i++) {
                    rx[i] = xs[h * n + i];
                    ry[i] = ys[h * n + i];
                }
                add(batch, ax, ay, set, rx, ry, n);
                started = true;
            }
        }
        Point[] out = new Point[n];
        for (int i = 0; i < n; i++) {
            out[i] = set[i] ? Point.ofRaw(ax[i], ay[i]) : Point.INFINITY;
        }
        return out;
    }

    /** (lx[j], ly[j]) += (rx[j], ry[j]) for every j below count; none may hit infinity (table building). */
    private static void run(AffineBatch batch, int[][] lx, int[][] ly, int[][] rx, int[][] ry, int count) {
        for (int j = 0; j < count; j++) {
            batch.add(lx[j], ly[j], rx[j], ry[j]);
            if (batch.full()) {
                flushChecked(batch);
            }
        }
        flushChecked(batch);
    }

    private static void flushChecked(AffineBatch batch) {
        int k = batch.count;
        batch.flush();
        for (int j = 0; j < k; j++) {
            if (batch.infinite[j]) {
                throw new IllegalStateException("a small multiple of a point of prime order was infinity");
            }
        }
    }

    private static void doubleAll(AffineBatch batch, int[][] ax, int[][] ay, boolean[] set, int n) {
        int[] index = new int[batch.capacity];
        for (int i = 0; i < n; i++) {
            if (!set[i]) {
                continue;
            }
            index[batch.count] = i;
            batch.add(ax[i], ay[i], ax[i], ay[i]);
            if (batch.full()) {
                settle(batch, index, set);
            }
        }
        settle(batch, index, set);
    }

    private static void add(AffineBatch batch, int[][] ax, int[][] ay, boolean[] set, int[][] rx, int[][] ry, int n) {
        int[] index = new int[batch.capacity];
        for (int i = 0; i < n; i++) {
            if (!set[i]) {
                Nat256.copy(rx[i], ax[i]);
                Nat256.copy(ry[i], ay[i]);
                set[i] = true;
                continue;
            }
            index[batch.count] = i;
            batch.add(ax[i], ay[i], rx[i], ry[i]);
            if (batch.full()) {
                settle(batch, index, set);
            }
        }
        settle(batch, index, set);
    }

    /** Flushes the batch; an accumulator that reached infinity is marked unset. */
    private static void settle(AffineBatch batch, int[] index, boolean[] set) {
        int k = batch.count;
        batch.flush();
        for (int j = 0; j < k; j++) {
            if (batch.infinite[j]) {
                set[index[j]] = false;
            }
        }
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
