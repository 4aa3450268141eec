package dev.marginsim.prover.pedersen;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.curve.TestRandom;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CommitmentTest {

    @Test
    void commitment_isValueTimesGPlusBlindingTimesH() {
        long seed = TestRandom.seed("CommitmentTest.definition");
        SecureRandom rng = TestRandom.secure(seed, "def");
        Opening o = Opening.random(42, rng);
        Point expected = Point.GENERATOR.multiply(Scalar.of(42)).add(PedersenGenerators.STANDARD.h().multiply(o.blinding()));
        assertEquals(expected, o.commit().point());
    }

    @Test
    void commitAll_givesTheSamePointsAsOneByOne() {
        long seed = TestRandom.seed("CommitmentTest.commitAll");
        SecureRandom rng = TestRandom.secure(seed, "all");
        int n = 40;
        Scalar[] v = new Scalar[n];
        Scalar[] r = new Scalar[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (i) {
                case 0, 1 -> Scalar.ZERO;
                case 2 -> Scalar.of(-1);           // n − 1: every digit non-zero
                case 3 -> Scalar.of(Long.MIN_VALUE);
                default -> i % 2 == 0 ? Scalar.of(rng.nextLong()) : Scalar.random(rng);
            };
            r[i] = i == 0 ? Scalar.ZERO : Scalar.random(rng);
        }
        Commitment[] all = Commitment.commitAll(v, r);
        for (int i = 0; i < n; i++) {
            assertEquals(Commitment.commit(v[i], r[i]), all[i], "commitment " + i);
        }
        assertTrue(all[0].point().isInfinity(), "0·G + 0·H");
        assertThrows(IllegalArgumentException.class, () -> Commitment.commitAll(v, new Scalar[1]));
    }

    @Test
    void commitments_areAdditivelyHomomorphic() throws Exception {
        long seed = TestRandom.seed("CommitmentTest.homomorphic");
        SecureRandom rng = TestRandom.secure(seed, "hom");
        Opening a = Opening.random(1_000_000, rng);
        Opening b = Opening.random(-250_000, rng);
        assertEquals(a.add(b).commit(), a.commit().add(b.commit()));
        assertEquals(a.subtract(b).commit(), a.commit().subtract(b.commit()));
        Scalar k = Scalar.of(3);
        assertEquals(a.multiply(k).commit(), a.commit().multiply(k));
        assertEquals(new Opening(a.value().add(Scalar.of(5)), a.blinding()).commit(), a.commit().addValue(Scalar.of(5)));
        a.add(b).commit().verifyOpening(a.add(b));
        assertEquals(Scalar.of(750_000), a.add(b).value());
    }

    @Test
    void verifyOpening_rejectsAnotherValueOrBlinding() {
        long seed = TestRandom.seed("CommitmentTest.opening");
        SecureRandom rng = TestRandom.secure(seed, "open");
        Opening o = Opening.random(7, rng);
        Commitment c = o.commit();
        assertDoesNotThrow(() -> c.verifyOpening(o));
        VerificationException e = assertThrows(VerificationException.class,
                () -> c.verifyOpening(new Opening(Scalar.of(8), o.blinding())));
        assertEquals(Failure.COMMITMENT_MISMATCH, e.failure());
        assertEquals(Failure.COMMITMENT_MISMATCH, assertThrows(VerificationException.class,
                () -> c.verifyOpening(new Opening(o.value(), o.blinding().add(Scalar.ONE)))).failure());
    }

    /**
     * Why H must come from hash to curve: with H = k·G for a known k, the committer opens one
     * commitment to any value it likes. The same forgery fails under the derived H.
     */
    @Test
    void knownLogGenerator_allowsAForgedOpening_derivedHDoesNot() throws Exception {
        long seed = TestRandom.seed("CommitmentTest.knownLog");
        SecureRandom rng = TestRandom.secure(seed, "log");
        Scalar k = Scalar.random(rng);
        PedersenGenerators weak = new PedersenGenerators(Point.GENERATOR, Point.GENERATOR.multiply(k));
        Opening honest = Opening.random(100, rng);
        Commitment c = honest.commit(weak);
        // v + r·k = v' + r'·k  ⇒  r' = r + (v − v')/k: a commitment to 100 opened as 1,000,000.
        Scalar forgedValue = Scalar.of(1_000_000);
        Scalar forgedBlinding = honest.blinding().add(honest.value().subtract(forgedValue).multiply(k.invert()));
        Opening forged = new Opening(forgedValue, forgedBlinding);
        c.verifyOpening(honest, weak);
        c.verifyOpening(forged, weak); // the forgery is accepted: binding is gone
        Commitment strong = honest.commit();
        assertEquals(Failure.COMMITMENT_MISMATCH,
                assertThrows(VerificationException.class, () -> strong.verifyOpening(forged)).failure());
    }

    @Test
    void standardH_isTheDocumentedHashOfG_andNotASmallMultiple() {
        Point h = Point.hashToCurve("marginsim/pedersen/v1/H", Point.GENERATOR.encode());
        assertEquals(h, PedersenGenerators.STANDARD.h());
        assertEquals(Point.GENERATOR, PedersenGenerators.STANDARD.g());
        Point multiple = Point.INFINITY;
        for (int i = 1; i <= 1000; i++) {
            multiple = multiple.add(Point.GENERATOR);
            assertNotEquals(multiple, h);
            assertNotEquals(multiple.negate(), h);
        }
    }

    @Test
    void encoding_roundTrips_andRejectsBadPoints() throws Exception {
        long seed = TestRandom.seed("CommitmentTest.encoding");
        SecureRandom rng = TestRandom.secure(seed, "enc");
        Commitment c = Opening.random(9, rng).commit();
        assertEquals(c, Commitment.decode(c.encode()));
        String hex = c.toHex();
        assertTrue(hex.startsWith("0x") && hex.length() == 68);
        assertEquals(c, Commitment.fromHex(hex, "c"));
        assertEquals(Failure.MALFORMED_FIELD,
                assertThrows(VerificationException.class, () -> Commitment.fromHex(hex.toUpperCase().replace("0X", "0x"), "c")).failure());
        assertEquals(Failure.POINT_AT_INFINITY,
                assertThrows(VerificationException.class, () -> Commitment.decode(new byte[33])).failure());
        assertTrue(c.subtract(c).point().isInfinity());
    }

    @Test
    void opening_neverPrintsItsSecrets() {
        Opening o = new Opening(Scalar.of(123456789), Scalar.of(987654321));
        assertTrue(!o.toString().contains("75bcd15") && !o.toString().contains("123456789"));
    }
}
