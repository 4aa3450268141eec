package dev.marginsim.prover.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.raw.Nat256;
import org.junit.jupiter.api.Test;

/**
 * {@link FieldP52} against BigInteger arithmetic modulo p, on random elements and on the edges of every
 * form: residues near 0 and p, weak elements ≥ p, elements whose limbs are all at the maximum their form
 * allows (where a carry or a column sum would first overflow), and long chains that feed results back.
 * Every result is checked for its residue and for the limb bounds of the form its method promises.
 */
class FieldP52Test {
    private static final BigInteger P = FieldP52.P;
    private static final int L = FieldP52.LIMBS;
    private static final long LOOSE_MAX = (1L << 55) - 1;

    /** Σ lᵢ·2^{52i} of the limbs at {@code at}, not reduced. */
    private static BigInteger value(long[] a, int at) {
        BigInteger v = BigInteger.ZERO;
        for (int i = L - 1; i >= 0; i--) {
            assertTrue(a[at + i] >= 0, "negative limb");
            v = v.shiftLeft(52).add(BigInteger.valueOf(a[at + i]));
        }
        return v;
    }

    private static BigInteger residue(long[] a) {
        return value(a, 0).mod(P);
    }

    private static void assertWeak(long[] a, String what) {
        for (int i = 0; i < 4; i++) {
            assertTrue(a[i] >= 0 && a[i] <= FieldP52.M52, what + ": limb " + i + " not below 2^52: " + Long.toHexString(a[i]));
        }
        assertTrue(a[4] >= 0 && a[4] <= 1L << 48, what + ": limb 4 above 2^48: " + Long.toHexString(a[4]));
    }

    private static void assertLoose(long[] a, String what) {
        for (int i = 0; i < L; i++) {
            assertTrue(a[i] >= 0 && a[i] <= LOOSE_MAX, what + ": limb " + i + " not below 2^55");
        }
    }

    private static long[] element(BigInteger x) {
        long[] z = new long[L];
        FieldP52.fromBigInteger(x, z, 0);
        return z;
    }

    /** Weak elements (as limbs, with their values): random, near 0 and p, ≥ p, and with every limb at its maximum. */
    private static List<long[]> weakInputs(SecureRandom rng, int randoms) {
        List<long[]> out = new ArrayList<>();
        BigInteger two32 = BigInteger.ONE.shiftLeft(32);
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, P.subtract(BigInteger.ONE),
            P.subtract(BigInteger.TWO), P.subtract(two32), P.subtract(two32).subtract(BigInteger.ONE), two32,
            BigInteger.valueOf(FieldP52.C - 1), BigInteger.ONE.shiftLeft(52), BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(208).subtract(BigInteger.ONE),
            // weak but ≥ p: p itself, p + 1, 2^256 − 1 (the largest value fromBigInteger accepts)
            P, P.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)};
        for (BigInteger e : edges) {
            out.add(element(e));
        }
        // The largest weak limbs: 2^256 + 2^208 − 1, above 2^256, which a weak element may hold.
        out.add(new long[] {FieldP52.M52, FieldP52.M52, FieldP52.M52, FieldP52.M52, 1L << 48});
        out.add(new long[] {FieldP52.M52, FieldP52.M52, FieldP52.M52, FieldP52.M52, FieldP52.M48});
        out.add(new long[] {0, 0, 0, 0, 1L << 48});
        for (int i = 0; i < randoms; i++) {
            out.add(element(new BigInteger(256, rng)));
        }
        return out;
    }

    @Test
    void multiplyAndSquare_matchBigInteger_onWeakEdgesAndRandomElements() {
        long seed = TestRandom.seed("FieldP52Test.multiply");
        SecureRandom rng = TestRandom.secure(seed, "field-multiply");
        List<long[]> inputs = weakInputs(rng, 60);
        long[] z = new long[L];
        for (long[] a : inputs) {
            BigInteger va = value(a, 0);
            FieldP52.square(a, 0, z, 0);
            assertWeak(z, "square");
            assertEquals(va.multiply(va).mod(P), residue(z), "square of " + va.toString(16));
            for (long[] b : inputs) {
                BigInteger vb = value(b, 0);
                FieldP52.multiply(a, 0, b, 0, z, 0);
                assertWeak(z, "multiply");
                assertEquals(va.multiply(vb).mod(P), residue(z), va.toString(16) + " · " + vb.toString(16));
            }
        }
    }

    @Test
    void multiplyAndSquare_acceptLooseInputs_upToEveryLimbAtItsBound() {
        long seed = TestRandom.seed("FieldP52Test.loose");
        SecureRandom rng = TestRandom.secure(seed, "field-loose");
        List<long[]> inputs = new ArrayList<>();
        inputs.add(new long[] {LOOSE_MAX, LOOSE_MAX, LOOSE_MAX, LOOSE_MAX, LOOSE_MAX});
        for (int i = 0; i < L; i++) {
            long[] one = new long[L];
            one[i] = LOOSE_MAX;
            inputs.add(one);
            long[] allBut = new long[] {LOOSE_MAX, LOOSE_MAX, LOOSE_MAX, LOOSE_MAX, LOOSE_MAX};
            allBut[i] = 0;
            inputs.add(allBut);
        }
        for (int i = 0; i < 40; i++) {
            long[] r = new long[L];
            for (int j = 0; j < L; j++) {
                // mostly near the bound, where overflow would show
                r[j] = rng.nextBoolean() ? LOOSE_MAX - (rng.nextLong() & 0xFFFF) : rng.nextLong() & LOOSE_MAX;
            }
            inputs.add(r);
        }
        long[] z = new long[L];
        for (long[] a : inputs) {
            BigInteger va = value(a, 0);
            FieldP52.square(a, 0, z, 0);
            assertWeak(z, "square");
            assertEquals(va.multiply(va).mod(P), residue(z), "square of loose " + va.toString(16));
            for (long[] b : inputs) {
                FieldP52.multiply(a, 0, b, 0, z, 0);
                assertWeak(z, "multiply");
                assertEquals(va.multiply(value(b, 0)).mod(P), residue(z), "loose product");
            }
        }
    }

    @Test
    void sumsDifferencesAndNegation_matchBigInteger_andKeepTheirForms() {
        long seed = TestRandom.seed("FieldP52Test.linear");
        SecureRandom rng = TestRandom.secure(seed, "field-linear");
        List<long[]> inputs = weakInputs(rng, 30);
        long[] z = new long[L];
        long[] z2 = new long[L];
        for (long[] a : inputs) {
            BigInteger va = value(a, 0);
            FieldP52.negate(a, 0, z, 0);
            assertWeak(z, "negate");
            assertEquals(va.negate().mod(P), residue(z), "negate");
            for (int k = 1; k <= 4; k++) {
                FieldP52.multiplySmall(a, 0, k, z, 0);
                assertLoose(z, "multiplySmall");
                assertEquals(va.multiply(BigInteger.valueOf(k)).mod(P), residue(z), "times " + k);
            }
            for (long[] b : inputs) {
                BigInteger vb = value(b, 0);
                FieldP52.add(a, 0, b, 0, z, 0);
                assertLoose(z, "add");
                assertEquals(va.add(vb).mod(P), residue(z), "add");
                FieldP52.carry(z, 0, z2, 0);
                assertWeak(z2, "carry");
                assertEquals(va.add(vb).mod(P), residue(z2), "carried sum");
                FieldP52.subtract(a, 0, b, 0, z, 0);
                assertLoose(z, "subtract");
                assertEquals(va.subtract(vb).mod(P), residue(z), "subtract");
                // a difference minus a weak element is still loose: x3 = λ² − x1 − x2
                FieldP52.subtract(z, 0, b, 0, z2, 0);
                assertLoose(z2, "subtract twice");
                assertEquals(va.subtract(vb).subtract(vb).mod(P), residue(z2), "subtract twice");
                FieldP52.subtractCarried(z, 0, b, 0, z2, 0);
                assertWeak(z2, "subtractCarried of a difference");
                assertEquals(va.subtract(vb).subtract(vb).mod(P), residue(z2), "subtractCarried of a difference");
                FieldP52.subtractCarried(a, 0, b, 0, z, 0);
                assertWeak(z, "subtractCarried");
                assertEquals(va.subtract(vb).mod(P), residue(z), "subtractCarried");
            }
        }
    }

    @Test
    void zeroTestsEqualityAndNormalForm_seeEveryRepresentationOfAResidue() {
        long seed = TestRandom.seed("FieldP52Test.equality");
        SecureRandom rng = TestRandom.secure(seed, "field-equality");
        List<long[]> inputs = weakInputs(rng, 30);
        long[] n = new long[L];
        for (long[] a : inputs) {
            BigInteger va = value(a, 0);
            FieldP52.normalize(a, 0, n, 0);
            assertWeak(n, "normalize");
            assertEquals(va.mod(P), value(n, 0), "normal form of " + va.toString(16));
            assertEquals(va.mod(P), FieldP52.toBigInteger(a, 0));
            assertEquals(va.mod(P).signum() == 0, FieldP52.isZero(a, 0), "isZero " + va.toString(16));
            for (long[] b : inputs) {
                boolean same = va.mod(P).equals(value(b, 0).mod(P));
                assertEquals(same, FieldP52.equal(a, 0, b, 0), va.toString(16) + " = " + value(b, 0).toString(16));
            }
        }
        // Every residue below 2^32 + 977 has two weak forms, x and x + p: equal, though no limb matches.
        for (long x : new long[] {0, 1, 977, FieldP52.C - 1}) {
            long[] low = element(BigInteger.valueOf(x));
            long[] high = element(P.add(BigInteger.valueOf(x)));
            assertTrue(FieldP52.equal(low, 0, high, 0) && FieldP52.equal(high, 0, low, 0), "x and x + p for x = " + x);
        }
        assertTrue(FieldP52.isZero(element(P), 0), "p is zero");
    }

    @Test
    void conversions_roundTripThroughBouncyCastlesRawFormAndBigInteger() {
        long seed = TestRandom.seed("FieldP52Test.conversions");
        SecureRandom rng = TestRandom.secure(seed, "field-conversions");
        for (long[] a : weakInputs(rng, 50)) {
            BigInteger residue = value(a, 0).mod(P);
            int[] raw = FieldP52.toRaw(a, 0);
            assertEquals(residue, Nat256.toBigInteger(raw), "toRaw");
            long[] back = new long[L];
            FieldP52.fromRaw(raw, back, 0);
            assertEquals(residue, value(back, 0), "fromRaw");
        }
        assertThrows(IllegalArgumentException.class, () -> element(BigInteger.ONE.shiftLeft(256)));
        assertThrows(IllegalArgumentException.class, () -> element(BigInteger.ONE.negate()));
    }

    @Test
    void inverse_timesTheElementIsOne() {
        long seed = TestRandom.seed("FieldP52Test.invert");
        SecureRandom rng = TestRandom.secure(seed, "field-invert");
        long[] inv = new long[L];
        long[] product = new long[L];
        for (long[] a : weakInputs(rng, 30)) {
            BigInteger va = value(a, 0);
            if (va.mod(P).signum() == 0) {
                continue;
            }
            FieldP52.invert(a, 0, inv, 0);
            assertWeak(inv, "invert");
            assertEquals(va.modInverse(P), residue(inv), "inverse of " + va.toString(16));
            FieldP52.multiply(a, 0, inv, 0, product, 0);
            assertEquals(BigInteger.ONE, residue(product));
        }
    }

    /**
     * The affine addition's own pattern, fed back thousands of times in one flat array (every result is
     * the next input, as a bucket is): λ = (y2 − y1)·w, x3 = λ² − x1 − x2 (loose, then carried),
     * y3 = λ(x1 − x3) − y1.
     */
    @Test
    void longChains_ofTheAdditionsPattern_stayExact() {
        long seed = TestRandom.seed("FieldP52Test.chain");
        SecureRandom rng = TestRandom.secure(seed, "field-chain");
        long[] m = new long[6 * L];
        int x1 = 0;
        int y1 = L;
        int x2 = 2 * L;
        int y2 = 3 * L;
        int t = 4 * L;
        int u = 5 * L;
        BigInteger[] v = new BigInteger[4];
        for (int i = 0; i < 4; i++) {
            v[i] = new BigInteger(256, rng).mod(P);
            FieldP52.fromBigInteger(v[i], m, i * L);
        }
        for (int step = 0; step < 20_000; step++) {
            BigInteger w = new BigInteger(256, rng).mod(P);
            FieldP52.fromBigInteger(w, m, u);
            FieldP52.subtract(m, y2, m, y1, m, t);
            FieldP52.multiply(m, t, m, u, m, t); // λ
            BigInteger lambda = v[3].subtract(v[1]).multiply(w).mod(P);
            FieldP52.square(m, t, m, u);
            FieldP52.subtract(m, u, m, x1, m, u);
            FieldP52.subtractCarried(m, u, m, x2, m, u); // x3
            BigInteger x3 = lambda.pow(2).subtract(v[0]).subtract(v[2]).mod(P);
            FieldP52.subtract(m, x1, m, u, m, x1);
            FieldP52.multiply(m, t, m, x1, m, x1);
            FieldP52.subtractCarried(m, x1, m, y1, m, y1); // y3
            BigInteger y3 = lambda.multiply(v[0].subtract(x3)).subtract(v[1]).mod(P);
            System.arraycopy(m, u, m, x1, L);
            v[0] = x3;
            v[1] = y3;
            // the new point becomes the right operand on every other step, as running sums do
            if ((step & 1) == 1) {
                System.arraycopy(m, x1, m, x2, 2 * L);
                v[2] = x3;
                v[3] = y3;
                FieldP52.fromBigInteger(new BigInteger(256, rng).mod(P), m, x1);
                v[0] = value(m, x1);
            }
            long[] x = java.util.Arrays.copyOfRange(m, x2, x2 + L);
            assertWeak(x, "chained x");
            assertEquals(v[2], residue(x), "step " + step);
            assertEquals(v[0].mod(P), value(m, x1).mod(P), "step " + step);
            assertEquals(v[1], value(m, y1).mod(P), "step " + step);
        }
    }
}
