package dev.marginsim.prover.curve;

import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Many independent affine additions done together: each is P + Q with λ = (y_Q − y_P)/(x_Q − x_P)
 * (or 3x²/2y for a doubling), and all the divisions share one field inversion (Montgomery's trick).
 * An affine addition then costs about 6 field multiplications against 11 for a mixed Jacobian one,
 * and nothing is allocated: coordinates are Bouncy Castle's raw 8×32-bit secp256k1 field arrays,
 * combined with its {@link SecP256K1Field} routines.
 *
 * <p>Operands: op k adds (rx[k], ry[k]) into (lx[k], ly[k]) in place; the left arrays of one batch must
 * be distinct. A result at infinity (P + (−P)) is reported in {@link #infinite}.
 */
final class AffineBatch {
    final int capacity;
    final int[][] lx;
    final int[][] ly;
    final int[][] rx;
    final int[][] ry;
    final boolean[] infinite;
    int count;

    private final int[][] num;
    private final int[][] den;
    private final int[][] prefix;
    private final int[] t0 = Nat256.create();
    private final int[] t1 = Nat256.create();
    private final int[] inv = Nat256.create();
    private final int[] ext = Nat256.createExt();

    AffineBatch(int capacity) {
        this.capacity = capacity;
        lx = new int[capacity][];
        ly = new int[capacity][];
        rx = new int[capacity][];
        ry = new int[capacity][];
        infinite = new boolean[capacity];
        num = new int[capacity][8];
        den = new int[capacity][8];
        prefix = new int[capacity][8];
    }

    void add(int[] leftX, int[] leftY, int[] rightX, int[] rightY) {
        lx[count] = leftX;
        ly[count] = leftY;
        rx[count] = rightX;
        ry[count] = rightY;
        count++;
    }

    boolean full() {
        return count == capacity;
    }

    /** Performs the queued additions; afterwards {@link #infinite}[k] tells whether op k gave infinity. */
    void flush() {
        int n = count;
        if (n == 0) {
            return;
        }
        for (int k = 0; k < n; k++) {
            infinite[k] = false;
            if (!Nat256.eq(lx[k], rx[k])) {
                SecP256K1Field.subtract(ry[k], ly[k], num[k]);
                SecP256K1Field.subtract(rx[k], lx[k], den[k]);
            } else if (Nat256.eq(ly[k], ry[k])) {
                // Doubling: λ = 3x² / 2y (y ≠ 0: secp256k1 has no point of order 2).
                SecP256K1Field.square(lx[k], t0, ext);
                SecP256K1Field.twice(t0, num[k]);
                SecP256K1Field.add(num[k], t0, num[k]);
                SecP256K1Field.twice(ly[k], den[k]);
            } else {
                infinite[k] = true;
                Nat256.copy(one(), den[k]);
            }
        }
        // prefix[k] = den[0]·…·den[k−1]
        Nat256.copy(one(), prefix[0]);
        for (int k = 1; k < n; k++) {
            SecP256K1Field.multiply(prefix[k - 1], den[k - 1], prefix[k], ext);
        }
        SecP256K1Field.multiply(prefix[n - 1], den[n - 1], t0, ext);
        SecP256K1Field.inv(t0, inv);
        for (int k = n - 1; k >= 0; k--) {
            // t1 = 1/den[k]; then inv ← inv·den[k] = 1/(den[0]…den[k−1])
            SecP256K1Field.multiply(inv, prefix[k], t1, ext);
            SecP256K1Field.multiply(inv, den[k], inv, ext);
            if (infinite[k]) {
                continue;
            }
            int[] lambda = num[k];
            SecP256K1Field.multiply(lambda, t1, lambda, ext);
            // x3 = λ² − x1 − x2; y3 = λ(x1 − x3) − y1
            SecP256K1Field.square(lambda, t0, ext);
            SecP256K1Field.subtract(t0, lx[k], t0);
            SecP256K1Field.subtract(t0, rx[k], t0);
            SecP256K1Field.subtract(lx[k], t0, t1);
            SecP256K1Field.multiply(lambda, t1, t1, ext);
            SecP256K1Field.subtract(t1, ly[k], ly[k]);
            Nat256.copy(t0, lx[k]);
        }
        count = 0;
    }

    private static final int[] ONE = Nat256.fromBigInteger(java.math.BigInteger.ONE);

    private static int[] one() {
        return ONE;
    }
}
