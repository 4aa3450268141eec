package dev.marginsim.prover.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarTest {
    private static final BigInteger N = Scalar.ORDER;

    private static byte[] be32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, 32 - len, len);
        return out;
    }

    /** Boundary values of the scalar field, as Guava's MathTesting does for longs. */
    private static List<BigInteger> boundaries() {
        List<BigInteger> v = new ArrayList<>();
        for (BigInteger b : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, N.shiftRight(1),
                N.shiftRight(1).add(BigInteger.ONE), N.subtract(BigInteger.TWO), N.subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(255)}) {
            v.add(b);
        }
        return v;
    }

    @Test
    void decode_acceptsEveryValueBelowTheOrder_andRoundTrips() throws Exception {
        for (BigInteger v : boundaries()) {
            Scalar s = Scalar.decode(be32(v));
            assertEquals(v, s.toBigInteger());
            assertArrayEquals(be32(v), s.encode());
        }
    }

    @Test
    void decode_rejectsTheOrderAndAbove_asScalarOutOfRange() {
        for (BigInteger v : new BigInteger[] {N, N.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)}) {
            VerificationException e = assertThrows(VerificationException.class, () -> Scalar.decode(be32(v)));
            assertEquals(Failure.SCALAR_OUT_OF_RANGE, e.failure(), v.toString(16));
        }
    }

    @Test
    void decode_rejectsWrongLengths_asMalformed() {
        for (int len : new int[] {0, 1, 31, 33, 64}) {
            VerificationException e = assertThrows(VerificationException.class, () -> Scalar.decode(new byte[len]));
            assertEquals(Failure.MALFORMED_FIELD, e.failure());
        }
        assertEquals(Failure.MALFORMED_FIELD, assertThrows(VerificationException.class, () -> Scalar.decode(null)).failure());
    }

    @Test
    void ofCanonical_rejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> Scalar.ofCanonical(N));
        assertThrows(IllegalArgumentException.class, () -> Scalar.ofCanonical(BigInteger.ONE.negate()));
        assertEquals(N.subtract(BigInteger.ONE), Scalar.ofCanonical(N.subtract(BigInteger.ONE)).toBigInteger());
    }

    @Test
    void of_negativeLong_isItsResidue() {
        assertEquals(N.subtract(BigInteger.ONE), Scalar.of(-1).toBigInteger());
        assertEquals(N.subtract(BigInteger.valueOf(Long.MAX_VALUE)).subtract(BigInteger.ONE), Scalar.of(Long.MIN_VALUE).toBigInteger());
    }

    @Test
    void arithmetic_matchesBigIntegerModN_onBoundariesAndRandomValues() {
        long seed = TestRandom.seed("ScalarTest.arithmetic");
        SecureRandom rng = TestRandom.secure(seed, "arith");
        List<BigInteger> values = boundaries();
        for (int i = 0; i < 20; i++) {
            values.add(Scalar.random(rng).toBigInteger());
        }
        for (BigInteger a : values) {
            for (BigInteger b : values) {
                Scalar sa = Scalar.ofCanonical(a);
                Scalar sb = Scalar.ofCanonical(b);
                assertEquals(a.add(b).mod(N), sa.add(sb).toBigInteger(), "add");
                assertEquals(a.subtract(b).mod(N), sa.subtract(sb).toBigInteger(), "subtract");
                assertEquals(a.multiply(b).mod(N), sa.multiply(sb).toBigInteger(), "multiply");
            }
            Scalar sa = Scalar.ofCanonical(a);
            assertEquals(a.negate().mod(N), sa.negate().toBigInteger(), "negate");
            if (a.signum() != 0) {
                assertEquals(Scalar.ONE, sa.multiply(sa.invert()), "invert");
            }
        }
    }

    @Test
    void invert_ofZero_throws() {
        assertThrows(ArithmeticException.class, Scalar.ZERO::invert);
        assertThrows(ArithmeticException.class, () -> Scalar.batchInvert(new Scalar[] {Scalar.ONE, Scalar.ZERO}));
    }

    @Test
    void batchInvert_equalsOneByOne() {
        long seed = TestRandom.seed("ScalarTest.batchInvert");
        SecureRandom rng = TestRandom.secure(seed, "batch");
        Scalar[] xs = new Scalar[17];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i == 0 ? Scalar.ONE.negate() : Scalar.random(rng);
        }
        Scalar[] inv = Scalar.batchInvert(xs);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(xs[i].invert(), inv[i]);
        }
    }

    @Test
    void fromWideBytes_reducesModN_andRefusesShortInput() {
        byte[] wide = new byte[64];
        java.util.Arrays.fill(wide, (byte) 0xff);
        assertEquals(BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE).mod(N), Scalar.fromWideBytes(wide).toBigInteger());
        assertThrows(IllegalArgumentException.class, () -> Scalar.fromWideBytes(new byte[32]));
    }

    /** The limb arithmetic of the verifier's loops agrees with BigInteger mod n, boundaries included. */
    @Test
    void limbArithmetic_matchesBigIntegerModN() {
        long seed = TestRandom.seed("ScalarTest.limbs");
        SecureRandom rng = TestRandom.secure(seed, "limbs");
        List<BigInteger> values = boundaries();
        BigInteger two256 = BigInteger.ONE.shiftLeft(256);
        // Products whose folds carry: values just below n, and with many high bits set.
        values.add(N.subtract(BigInteger.TWO));
        values.add(two256.subtract(N).add(BigInteger.ONE.shiftLeft(200)));
        values.add(BigInteger.ONE.shiftLeft(255));
        for (int i = 0; i < 40; i++) {
            values.add(Scalar.random(rng).toBigInteger());
        }
        for (BigInteger a : values) {
            for (BigInteger b : values) {
                int[] x = ScalarMath.of(Scalar.ofCanonical(a));
                int[] y = ScalarMath.of(Scalar.ofCanonical(b));
                int[] z = new int[8];
                ScalarMath.mul(x, y, z);
                assertEquals(a.multiply(b).mod(N), ScalarMath.toScalar(z).toBigInteger(), "mul " + a + " " + b);
                ScalarMath.add(x, y, z);
                assertEquals(a.add(b).mod(N), ScalarMath.toScalar(z).toBigInteger(), "add");
                ScalarMath.sub(x, y, z);
                assertEquals(a.subtract(b).mod(N), ScalarMath.toScalar(z).toBigInteger(), "sub");
            }
            int[] z = new int[8];
            ScalarMath.negate(ScalarMath.of(Scalar.ofCanonical(a)), z);
            assertEquals(a.negate().mod(N), ScalarMath.toScalar(z).toBigInteger(), "negate");
        }
        // The largest 512-bit input to the reduction.
        int[] ones = new int[16];
        java.util.Arrays.fill(ones, -1);
        int[] r = new int[8];
        ScalarMath.reduce(ones, r);
        assertEquals(BigInteger.ONE.shiftLeft(512).subtract(BigInteger.ONE).mod(N), ScalarMath.toScalar(r).toBigInteger(), "2^512 - 1");
        // Aliasing: z = z·z.
        int[] w = ScalarMath.of(Scalar.of(-3));
        ScalarMath.mul(w, w, w);
        assertEquals(BigInteger.valueOf(9), ScalarMath.toScalar(w).toBigInteger());
    }
}
