package dev.marginsim.prover.curve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PointTest {
    /** secp256k1's field prime, written from its definition 2^256 − 2^32 − 977. */
    private static final BigInteger P = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE.shiftLeft(32))
            .subtract(BigInteger.valueOf(977));

    private static byte[] compressed(int prefix, BigInteger x) {
        byte[] out = new byte[33];
        out[0] = (byte) prefix;
        byte[] raw = x.toByteArray();
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, 33 - len, len);
        return out;
    }

    private static boolean onCurveX(BigInteger x) {
        BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
        return rhs.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).compareTo(BigInteger.ONE) <= 0;
    }

    private static Failure failureOf(byte[] bytes) {
        return assertThrows(VerificationException.class, () -> Point.decode(bytes)).failure();
    }

    @Test
    void decode_roundTripsGeneratorAndMultiples() throws Exception {
        Point p = Point.GENERATOR;
        for (int i = 0; i < 10; i++) {
            byte[] enc = p.encode();
            assertEquals(33, enc.length);
            assertEquals(p, Point.decode(enc));
            p = p.add(p).add(Point.GENERATOR);
        }
    }

    @Test
    void decode_rejectsEveryOtherForm() {
        byte[] good = Point.GENERATOR.encode();
        assertEquals(Failure.MALFORMED_FIELD, failureOf(java.util.Arrays.copyOf(good, 32)), "truncated");
        assertEquals(Failure.MALFORMED_FIELD, failureOf(java.util.Arrays.copyOf(good, 34)), "trailing byte");
        assertEquals(Failure.MALFORMED_FIELD, failureOf(new byte[] {0}), "one-byte infinity");
        assertEquals(Failure.POINT_AT_INFINITY, failureOf(new byte[33]), "all-zero");
        for (int prefix : new int[] {0x00, 0x01, 0x04, 0x05, 0x06, 0x07, 0xff}) {
            byte[] b = good.clone();
            b[0] = (byte) prefix;
            assertEquals(Failure.MALFORMED_FIELD, failureOf(b), "prefix " + prefix);
        }
        assertEquals(Failure.MALFORMED_FIELD, failureOf(Point.GENERATOR.ec().getEncoded(false)), "uncompressed form");
    }

    @Test
    void decode_rejectsXAtOrAboveThePrime_asNotOnCurve() {
        // x = p is never canonical; x = p + small would alias a small x if reduced.
        assertEquals(Failure.POINT_NOT_ON_CURVE, failureOf(compressed(2, P)));
        BigInteger aliased = BigInteger.ONE;
        while (!onCurveX(aliased)) {
            aliased = aliased.add(BigInteger.ONE);
        }
        assertEquals(Failure.POINT_NOT_ON_CURVE, failureOf(compressed(2, P.add(aliased))),
                "x + p must not decode to the point at x = " + aliased);
    }

    @Test
    void decode_rejectsXWithNoCurvePoint() {
        BigInteger x = BigInteger.valueOf(5);
        while (onCurveX(x)) {
            x = x.add(BigInteger.ONE);
        }
        assertEquals(Failure.POINT_NOT_ON_CURVE, failureOf(compressed(2, x)));
        assertEquals(Failure.POINT_NOT_ON_CURVE, failureOf(compressed(3, x)));
    }

    @Test
    void infinity_hasNoEncoding_andIsTheIdentity() {
        assertThrows(IllegalStateException.class, Point.INFINITY::encode);
        assertEquals(Point.GENERATOR, Point.GENERATOR.add(Point.INFINITY));
        assertTrue(Point.GENERATOR.subtract(Point.GENERATOR).isInfinity());
        assertTrue(Point.GENERATOR.multiply(Scalar.ZERO).isInfinity());
        assertTrue(Point.GENERATOR.multiplyFixed(Scalar.ZERO).isInfinity());
        // n·G = O: the order is the order.
        assertTrue(Point.GENERATOR.multiply(Scalar.ONE.negate()).add(Point.GENERATOR).isInfinity());
    }

    @Test
    void multiply_agreesWithRepeatedAddition_andFixedBase() {
        long seed = TestRandom.seed("PointTest.multiply");
        SecureRandom rng = TestRandom.secure(seed, "mul");
        Point acc = Point.INFINITY;
        for (int k = 0; k <= 20; k++) {
            assertEquals(acc, Point.GENERATOR.multiply(Scalar.of(k)), "k=" + k);
            assertEquals(acc, Point.GENERATOR.multiplyFixed(Scalar.of(k)), "fixed k=" + k);
            acc = acc.add(Point.GENERATOR);
        }
        for (int i = 0; i < 10; i++) {
            Scalar a = Scalar.random(rng);
            Scalar b = Scalar.random(rng);
            Point h = Point.hashToCurve("test", new byte[] {(byte) i});
            assertEquals(h.multiply(a.add(b)), h.multiply(a).add(h.multiply(b)), "distributive");
            assertEquals(h.multiply(a).multiply(b), h.multiply(a.multiply(b)), "associative");
            assertEquals(h.multiply(a), h.multiplyFixed(a), "comb = variable base");
        }
    }

    /** Recomputes try-and-increment from its description with plain SHA-256 and BigInteger square roots. */
    @Test
    void hashToCurve_matchesTheDocumentedConstruction() throws Exception {
        String dst = "marginsim/test/h2c";
        for (int m = 0; m < 8; m++) {
            byte[] msg = ("message " + m).getBytes(StandardCharsets.UTF_8);
            Point expected = null;
            for (int counter = 0; expected == null; counter++) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(u32(dst.length()));
                sha.update(dst.getBytes(StandardCharsets.UTF_8));
                sha.update(u32(msg.length));
                sha.update(msg);
                sha.update(u32(counter));
                BigInteger x = new BigInteger(1, sha.digest());
                if (x.compareTo(P) >= 0) {
                    continue;
                }
                BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
                BigInteger y = rhs.modPow(P.add(BigInteger.ONE).shiftRight(2), P); // p ≡ 3 (mod 4)
                if (!y.multiply(y).mod(P).equals(rhs)) {
                    continue;
                }
                if (y.testBit(0)) {
                    y = P.subtract(y);
                }
                expected = Point.decode(compressed(2, x));
                assertFalse(y.testBit(0));
                assertEquals(y, expected.ec().getAffineYCoord().toBigInteger(), "even y");
            }
            Point got = Point.hashToCurve(dst, msg);
            assertEquals(expected, got);
            assertNotEquals(Point.hashToCurve(dst + "x", msg), got, "domain separates");
        }
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Test
    void equalsAndHashCode_followTheEncoding() throws Exception {
        Point a = Point.GENERATOR.add(Point.GENERATOR);
        Point b = Point.decode(a.encode());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertArrayEquals(a.encode(), a.negate().negate().encode());
        assertNotEquals(a, a.negate());
    }
}
