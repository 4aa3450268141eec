package dev.marginsim.prover.curve;

import java.math.BigInteger;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Mod;
import org.bouncycastle.math.raw.Nat256;

/**
 * Arithmetic modulo the secp256k1 prime p = 2²⁵⁶ − 2³² − 977 on five 52-bit limbs held in a
 * {@code long[]} at an offset (so that many elements can share one flat array), for the batched affine
 * additions of this package. A product of two limbs is at most 2¹¹⁰, split into 64-bit halves by
 * {@link Math#multiplyHigh}; the 12 spare bits of every limb let sums and differences skip their carries
 * until a product or a store needs them. Against Bouncy Castle's 8 × 32-bit {@link SecP256K1Field} the
 * product takes 25 multiplications of both halves instead of 64 narrow ones.
 *
 * <p>Forms, by the bounds an element's limbs (l₀ … l₄, value Σ lᵢ·2^{52i}) satisfy:
 * <ul>
 *   <li><b>weak</b>: l₀ … l₃ &lt; 2⁵², l₄ ≤ 2⁴⁸. The value is below 2p but may be ≥ p (an element x &lt; 2³² + 977
 *   may be held as x + p), so two weak elements that are equal modulo p can differ limb by limb:
 *   compare with {@link #equal} or {@link #isZero}. Every stored coordinate is weak, and so is every result
 *   of {@link #multiply}, {@link #square}, {@link #carry}, {@link #subtractCarried}.</li>
 *   <li><b>loose</b>: every limb below 2⁵⁵. Results of {@link #subtract} and {@link #add} (no carries); accepted
 *   by {@link #multiply} and {@link #square} (the bound keeps their column sums below 2⁶²) and by
 *   {@link #carry}. A loose element must not be stored or subtracted: {@link #subtract} needs a weak
 *   subtrahend, since it adds 2p limb by limb and each limb of 2p exceeds the weak bound.</li>
 *   <li><b>normal</b>: weak and below p, the one form of a residue; {@link #normalize} produces it.</li>
 * </ul>
 * A caller must track which of its values are loose; the bounds are documented on each method and
 * checked at their extremes by the tests (every limb at its maximum, chains that feed results back).
 */
final class FieldP52 {
    /** Limbs per element. */
    static final int LIMBS = 5;

    static final long M52 = (1L << 52) - 1;
    static final long M48 = (1L << 48) - 1;
    /** 2²⁵⁶ mod p: a carry out of bit 256 (the top of limb 4) re-enters limb 0 times this. */
    static final long C = 0x1000003D1L;
    /** 2²⁶⁰ mod p = C·2⁴: a product's limb k ≥ 5 (weight 2^{52k}) re-enters limb k − 5 times this. */
    static final long R = C << 4;
    /** The limbs of p. */
    static final long P0 = (1L << 52) - C;
    static final long P4 = M48;
    /** The limbs of 2p (limb by limb, not carried), each at least the weak bound: a − b + 2p stays non-negative. */
    private static final long TWO_P0 = 2 * P0;
    private static final long TWO_P = 2 * M52;
    private static final long TWO_P4 = 2 * P4;

    static final BigInteger P = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.valueOf(C));
    private static final int[] P_RAW = Nat256.fromBigInteger(P);

    private FieldP52() {
    }

    /** z = a·b (a, b loose; z weak). z may be a or b. */
    static void multiply(long[] a, int ai, long[] b, int bi, long[] z, int zi) {
        long a0 = a[ai], a1 = a[ai + 1], a2 = a[ai + 2], a3 = a[ai + 3], a4 = a[ai + 4];
        long b0 = b[bi], b1 = b[bi + 1], b2 = b[bi + 2], b3 = b[bi + 3], b4 = b[bi + 4];
        // Column k of the schoolbook product: the low 52 bits of each product aᵢ·bⱼ (i + j = k) go to
        // limb k; bits 52–63 (mid) and 64 and up (high) carry to limb k + 1, summed per column and merged
        // once. With loose inputs a product is below 2¹¹⁰: high < 2⁴⁶, and every sum stays below 2⁶².
        long p;
        long lo;
        long mid;
        long hi;
        p = a0 * b0;
        long c0 = p & M52;
        mid = p >>> 52;
        hi = Math.multiplyHigh(a0, b0);
        long c1 = mid + (hi << 12);

        p = a0 * b1; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(a0, b1);
        p = a1 * b0; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a1, b0);
        c1 += lo;
        long c2 = mid + (hi << 12);

        p = a0 * b2; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(a0, b2);
        p = a1 * b1; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a1, b1);
        p = a2 * b0; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a2, b0);
        c2 += lo;
        long c3 = mid + (hi << 12);

        p = a0 * b3; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(a0, b3);
        p = a1 * b2; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a1, b2);
        p = a2 * b1; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a2, b1);
        p = a3 * b0; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a3, b0);
        c3 += lo;
        long c4 = mid + (hi << 12);

        p = a0 * b4; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(a0, b4);
        p = a1 * b3; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a1, b3);
        p = a2 * b2; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a2, b2);
        p = a3 * b1; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a3, b1);
        p = a4 * b0; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a4, b0);
        c4 += lo;
        long c5 = mid + (hi << 12);

        p = a1 * b4; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(a1, b4);
        p = a2 * b3; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a2, b3);
        p = a3 * b2; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a3, b2);
        p = a4 * b1; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a4, b1);
        c5 += lo;
        long c6 = mid + (hi << 12);

        p = a2 * b4; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(a2, b4);
        p = a3 * b3; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a3, b3);
        p = a4 * b2; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a4, b2);
        c6 += lo;
        long c7 = mid + (hi << 12);

        p = a3 * b4; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(a3, b4);
        p = a4 * b3; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a4, b3);
        c7 += lo;
        long c8 = mid + (hi << 12);

        p = a4 * b4;
        c8 += p & M52;
        long c9 = (p >>> 52) + (Math.multiplyHigh(a4, b4) << 12);
        reduce(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, z, zi);
    }

    /** z = a² (a loose; z weak). z may be a. */
    static void square(long[] a, int ai, long[] z, int zi) {
        long a0 = a[ai], a1 = a[ai + 1], a2 = a[ai + 2], a3 = a[ai + 3], a4 = a[ai + 4];
        // The products aᵢ·aⱼ (i ≠ j) appear twice: taken once with one factor doubled (below 2⁵⁶).
        long d0 = a0 << 1, d1 = a1 << 1, d2 = a2 << 1, d3 = a3 << 1;
        long p;
        long lo;
        long mid;
        long hi;
        p = a0 * a0;
        long c0 = p & M52;
        long c1 = (p >>> 52) + (Math.multiplyHigh(a0, a0) << 12);

        p = d0 * a1;
        c1 += p & M52;
        long c2 = (p >>> 52) + (Math.multiplyHigh(d0, a1) << 12);

        p = d0 * a2; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(d0, a2);
        p = a1 * a1; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a1, a1);
        c2 += lo;
        long c3 = mid + (hi << 12);

        p = d0 * a3; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(d0, a3);
        p = d1 * a2; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(d1, a2);
        c3 += lo;
        long c4 = mid + (hi << 12);

        p = d0 * a4; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(d0, a4);
        p = d1 * a3; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(d1, a3);
        p = a2 * a2; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a2, a2);
        c4 += lo;
        long c5 = mid + (hi << 12);

        p = d1 * a4; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(d1, a4);
        p = d2 * a3; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(d2, a3);
        c5 += lo;
        long c6 = mid + (hi << 12);

        p = d2 * a4; lo = p & M52; mid = p >>> 52; hi = Math.multiplyHigh(d2, a4);
        p = a3 * a3; lo += p & M52; mid += p >>> 52; hi += Math.multiplyHigh(a3, a3);
        c6 += lo;
        long c7 = mid + (hi << 12);

        p = d3 * a4;
        c7 += p & M52;
        long c8 = (p >>> 52) + (Math.multiplyHigh(d3, a4) << 12);

        p = a4 * a4;
        c8 += p & M52;
        long c9 = (p >>> 52) + (Math.multiplyHigh(a4, a4) << 12);
        reduce(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, z, zi);
    }

    /**
     * Reduces a product given as ten limbs of weight 2^{52k} (each below 2⁶²) to a weak element:
     * limbs 5 … 9 are carried to 52 bits and folded down by 2²⁶⁰ ≡ R, then {@link #carry} finishes.
     */
    private static void reduce(long c0, long c1, long c2, long c3, long c4, long c5, long c6, long c7,
            long c8, long c9, long[] z, int zi) {
        c6 += c5 >>> 52;
        c5 &= M52;
        c7 += c6 >>> 52;
        c6 &= M52;
        c8 += c7 >>> 52;
        c7 &= M52;
        c9 += c8 >>> 52;
        c8 &= M52;
        // c9 < 2⁶³, R < 2³⁷: each fold adds the low 52 bits of cₖ·R to limb k − 5 and the rest
        // (below 2⁴⁸) to limb k − 4, so c5 takes c9's share before it is folded itself.
        long p;
        p = c9 * R;
        c4 += p & M52;
        c5 += (p >>> 52) + (Math.multiplyHigh(c9, R) << 12);
        p = c8 * R;
        c3 += p & M52;
        c4 += (p >>> 52) + (Math.multiplyHigh(c8, R) << 12);
        p = c7 * R;
        c2 += p & M52;
        c3 += (p >>> 52) + (Math.multiplyHigh(c7, R) << 12);
        p = c6 * R;
        c1 += p & M52;
        c2 += (p >>> 52) + (Math.multiplyHigh(c6, R) << 12);
        p = c5 * R;
        c0 += p & M52;
        c1 += (p >>> 52) + (Math.multiplyHigh(c5, R) << 12);
        carry(c0, c1, c2, c3, c4, z, zi);
    }

    /**
     * Stores the weak form of Σ cᵢ·2^{52i} (each cᵢ below 2⁶²): carries to 52-bit limbs, folds the bits of
     * limb 4 above 48 (weight 2²⁵⁶) into limb 0 times C, and carries once more. The second pass leaves
     * l₄ ≤ 2⁴⁸: a carry into it happens only if the fold made l₀ … l₃ wrap, which leaves them small.
     */
    private static void carry(long c0, long c1, long c2, long c3, long c4, long[] z, int zi) {
        c1 += c0 >>> 52;
        c0 &= M52;
        c2 += c1 >>> 52;
        c1 &= M52;
        c3 += c2 >>> 52;
        c2 &= M52;
        c4 += c3 >>> 52;
        c3 &= M52;
        c0 += (c4 >>> 48) * C;
        c4 &= M48;
        c1 += c0 >>> 52;
        c0 &= M52;
        c2 += c1 >>> 52;
        c1 &= M52;
        c3 += c2 >>> 52;
        c2 &= M52;
        c4 += c3 >>> 52;
        c3 &= M52;
        z[zi] = c0;
        z[zi + 1] = c1;
        z[zi + 2] = c2;
        z[zi + 3] = c3;
        z[zi + 4] = c4;
    }

    /** z = a in weak form (a: limbs below 2⁶²). z may be a. */
    static void carry(long[] a, int ai, long[] z, int zi) {
        carry(a[ai], a[ai + 1], a[ai + 2], a[ai + 3], a[ai + 4], z, zi);
    }

    /**
     * z = a − b + 2p limb by limb, no carries (b weak, so no limb goes negative). Each limb grows by less
     * than 2⁵³: from a weak a, z is below 3·2⁵², and subtracting a weak element once more stays below
     * 5·2⁵², still loose (x3 = λ² − x1 − x2). z may be a or b.
     */
    static void subtract(long[] a, int ai, long[] b, int bi, long[] z, int zi) {
        z[zi] = a[ai] + TWO_P0 - b[bi];
        z[zi + 1] = a[ai + 1] + TWO_P - b[bi + 1];
        z[zi + 2] = a[ai + 2] + TWO_P - b[bi + 2];
        z[zi + 3] = a[ai + 3] + TWO_P - b[bi + 3];
        z[zi + 4] = a[ai + 4] + TWO_P4 - b[bi + 4];
    }

    /** z = a − b in weak form (a loose or weak, b weak). z may be a or b. */
    static void subtractCarried(long[] a, int ai, long[] b, int bi, long[] z, int zi) {
        carry(a[ai] + TWO_P0 - b[bi], a[ai + 1] + TWO_P - b[bi + 1], a[ai + 2] + TWO_P - b[bi + 2],
                a[ai + 3] + TWO_P - b[bi + 3], a[ai + 4] + TWO_P4 - b[bi + 4], z, zi);
    }

    /** z = a + b limb by limb, no carries (a, b weak; z loose). z may be a or b. */
    static void add(long[] a, int ai, long[] b, int bi, long[] z, int zi) {
        z[zi] = a[ai] + b[bi];
        z[zi + 1] = a[ai + 1] + b[bi + 1];
        z[zi + 2] = a[ai + 2] + b[bi + 2];
        z[zi + 3] = a[ai + 3] + b[bi + 3];
        z[zi + 4] = a[ai + 4] + b[bi + 4];
    }

    /** z = k·a limb by limb, no carries (a weak, 1 ≤ k ≤ 4; z loose). z may be a. */
    static void multiplySmall(long[] a, int ai, int k, long[] z, int zi) {
        for (int i = 0; i < LIMBS; i++) {
            z[zi + i] = a[ai + i] * k;
        }
    }

    /** z = −a in weak form (a weak). z may be a. */
    static void negate(long[] a, int ai, long[] z, int zi) {
        carry(TWO_P0 - a[ai], TWO_P - a[ai + 1], TWO_P - a[ai + 2], TWO_P - a[ai + 3], TWO_P4 - a[ai + 4], z, zi);
    }

    /**
     * Whether a weak element is 0 modulo p: a weak value is below 2p, so the residue 0 is held as 0 or
     * as p.
     */
    static boolean isZero(long[] a, int ai) {
        long a0 = a[ai], a1 = a[ai + 1], a2 = a[ai + 2], a3 = a[ai + 3], a4 = a[ai + 4];
        if ((a0 | a1 | a2 | a3 | a4) == 0) {
            return true;
        }
        return a0 == P0 && (a1 & a2 & a3) == M52 && a4 == P4;
    }

    /** Whether two weak elements are equal modulo p (their limbs may differ: one may be the other + p). */
    static boolean equal(long[] a, int ai, long[] b, int bi) {
        if (a[ai] == b[bi] && a[ai + 1] == b[bi + 1] && a[ai + 2] == b[bi + 2] && a[ai + 3] == b[bi + 3]
                && a[ai + 4] == b[bi + 4]) {
            return true;
        }
        long[] d = new long[LIMBS];
        subtractCarried(a, ai, b, bi, d, 0);
        return isZero(d, 0);
    }

    /**
     * z = the normal form of a (a weak): a − p when a ≥ p. Whether a ≥ p is read off a + C, which
     * reaches 2²⁵⁶ exactly then (p + C = 2²⁵⁶). z may be a.
     */
    static void normalize(long[] a, int ai, long[] z, int zi) {
        long t0 = a[ai] + C;
        long t1 = a[ai + 1] + (t0 >>> 52);
        t0 &= M52;
        long t2 = a[ai + 2] + (t1 >>> 52);
        t1 &= M52;
        long t3 = a[ai + 3] + (t2 >>> 52);
        t2 &= M52;
        long t4 = a[ai + 4] + (t3 >>> 52);
        t3 &= M52;
        if ((t4 >>> 48) != 0) {
            z[zi] = t0;
            z[zi + 1] = t1;
            z[zi + 2] = t2;
            z[zi + 3] = t3;
            z[zi + 4] = t4 & M48;
        } else if (z != a || zi != ai) {
            System.arraycopy(a, ai, z, zi, LIMBS);
        }
    }

    /**
     * z = 1/a (a weak, not 0 mod p; z weak): by Bouncy Castle's variable-time safegcd inversion on the
     * 8 × 32-bit form, 2.7 µs against 3.4 µs for its constant-time one (same run). Constant time would buy
     * nothing here: the batched additions this serves already take secret-dependent paths (the digits
     * that pick buckets and table entries), which is why the prover's timing is not claimed to be hiding.
     *
     * @throws ArithmeticException if a is 0 mod p
     */
    static void invert(long[] a, int ai, long[] z, int zi) {
        int[] x = toRaw(a, ai);
        int[] inv = Nat256.create();
        Mod.checkedModOddInverseVar(P_RAW, x, inv);
        fromRaw(inv, z, zi);
    }

    /** Sets z to the element x (0 ≤ x &lt; 2²⁵⁶; stored weak, normal if x &lt; p). */
    static void fromBigInteger(BigInteger x, long[] z, int zi) {
        if (x.signum() < 0 || x.bitLength() > 256) {
            throw new IllegalArgumentException("a field element is 256 bits, got " + x.bitLength());
        }
        fromRaw(Nat256.fromBigInteger(x), z, zi);
    }

    /** The residue of a (weak) as a BigInteger in [0, p). */
    static BigInteger toBigInteger(long[] a, int ai) {
        return Nat256.toBigInteger(toRaw(a, ai));
    }

    /** Sets z from Bouncy Castle's raw form (8 little-endian 32-bit words, value below 2²⁵⁶). */
    static void fromRaw(int[] x, long[] z, int zi) {
        long w0 = x[0] & 0xFFFFFFFFL, w1 = x[1] & 0xFFFFFFFFL, w2 = x[2] & 0xFFFFFFFFL, w3 = x[3] & 0xFFFFFFFFL;
        long w4 = x[4] & 0xFFFFFFFFL, w5 = x[5] & 0xFFFFFFFFL, w6 = x[6] & 0xFFFFFFFFL, w7 = x[7] & 0xFFFFFFFFL;
        long v0 = w0 | w1 << 32;
        long v1 = w2 | w3 << 32;
        long v2 = w4 | w5 << 32;
        long v3 = w6 | w7 << 32;
        z[zi] = v0 & M52;
        z[zi + 1] = (v0 >>> 52 | v1 << 12) & M52;
        z[zi + 2] = (v1 >>> 40 | v2 << 24) & M52;
        z[zi + 3] = (v2 >>> 28 | v3 << 36) & M52;
        z[zi + 4] = v3 >>> 16;
    }

    /** The normal form of a (weak) in Bouncy Castle's raw form: 8 little-endian 32-bit words below p. */
    static int[] toRaw(long[] a, int ai) {
        long[] n = new long[LIMBS];
        normalize(a, ai, n, 0);
        long v0 = n[0] | n[1] << 52;
        long v1 = n[1] >>> 12 | n[2] << 40;
        long v2 = n[2] >>> 24 | n[3] << 28;
        long v3 = n[3] >>> 36 | n[4] << 16;
        return new int[] {(int) v0, (int) (v0 >>> 32), (int) v1, (int) (v1 >>> 32), (int) v2, (int) (v2 >>> 32),
            (int) v3, (int) (v3 >>> 32)};
    }
}
