package dev.marginsim.prover.bulletproofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.curve.TestRandom;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Digit range proofs: base-2^b digits looked up in [0, 2^b) (docs/proofs-private.md §10). */
class DigitRangeProofTest {
    /** The margin circuit's widths at 1 × 1: 5 per asset, 7 per market, the slack. */
    static final int[] MARGIN_1X1 = margin(1, 1);
    private static final int[] MIXED = {64, 37, 14, 50, 1, 63, 64, 3, 50, 37, 64, 14, 9, 4, 8, 2};

    /** The margin circuit's slot widths for a shape (MarginCircuit's order). */
    static int[] margin(int assets, int markets) {
        int[] widths = new int[5 * assets + 7 * markets + 1];
        for (int i = 0; i < assets; i++) {
            System.arraycopy(new int[] {64, 64, 37, 64, 14}, 0, widths, 5 * i, 5);
        }
        for (int i = 0; i < markets; i++) {
            System.arraycopy(new int[] {63, 64, 37, 64, 50, 64, 50}, 0, widths, 5 * assets + 7 * i, 7);
        }
        widths[widths.length - 1] = 64;
        return widths;
    }

    private static Transcript bound(List<Commitment> cs) {
        Transcript t = RangeProofTest.context();
        for (Commitment c : cs) {
            t.append("mine", c);
        }
        return t;
    }

    /** Extremes of each range alternated with random values inside it (as for the packed proofs). */
    private static List<Opening> openings(int[] widths, SecureRandom rng) {
        return PackedRangeProofTest.openings(widths, rng);
    }

    private static Failure rejection(List<Commitment> cs, int[] widths, DigitRangeProof p) {
        return assertThrows(VerificationException.class, () -> DigitRangeVerifier.verify(bound(cs), widths, cs, p)).failure();
    }

    @Test
    void layout_choosesTheBaseWithFewerGates_andPlacesEveryDigit() {
        DigitLayout small = DigitLayout.of(MARGIN_1X1);
        // 1 × 1: 178 base-16 digits, 6 check gates, 16 table gates → 256; base 256 would need 512.
        assertEquals(4, small.digitBits);
        assertEquals(256, small.gates);
        assertEquals(184, small.lookups);
        int[] margin7x8 = margin(7, 8);
        DigitLayout large = DigitLayout.of(margin7x8);
        // 7 × 8: 633 base-256 digits + 46 check gates + 256 table gates = 935 → 1024 (4,901 bits before).
        assertEquals(8, large.digitBits);
        assertEquals(679, large.lookups);
        assertEquals(1024, large.gates);
        assertThrows(IllegalArgumentException.class, () -> DigitLayout.of(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> DigitLayout.of(new int[] {65}));
        assertThrows(IllegalArgumentException.class, () -> DigitLayout.of(new int[400]));
    }

    @Test
    void proofs_verify_forMixedWidths_inBothBases_andEncodeRoundTrip() throws Exception {
        long seed = TestRandom.seed("DigitRangeProofTest.mixed");
        SecureRandom rng = TestRandom.secure(seed, "mixed");
        int[] wide = margin(7, 8);
        for (int[] widths : List.of(MIXED, MARGIN_1X1, wide, new int[] {1}, new int[] {64})) {
            List<Opening> os = openings(widths, rng);
            List<Commitment> cs = RangeProofTest.commit(os);
            DigitRangeProof p = DigitRangeProver.prove(bound(cs), widths, os, rng);
            DigitRangeVerifier.verify(bound(cs), widths, cs, p);
            assertEquals(DigitRangeProof.encodedLength(p.rounds()), p.encode().length);
            DigitRangeProof back = DigitRangeProof.decode(p.encode());
            assertEquals(p, back);
            DigitRangeVerifier.verify(bound(cs), widths, cs, back);
        }
        assertEquals(8, DigitLayout.of(wide).digitBits, "the 7 × 8 margin statement takes base 256");
    }

    /**
     * Random statements (1–24 values of widths 1–64; every third trial 70–90 values of widths 40–64,
     * where base 256 needs fewer gates):
     * each verifies, and the same proof with one value raised above its width by a random amount does not.
     */
    @Test
    void randomStatements_verify_andRejectAValueAboveItsWidth() throws Exception {
        long seed = TestRandom.seed("DigitRangeProofTest.random");
        SecureRandom rng = TestRandom.secure(seed, "random");
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        java.util.Set<Integer> bases = new java.util.HashSet<>();
        for (int trial = 0; trial < 12; trial++) {
            boolean large = trial % 3 == 2;
            int[] widths = new int[large ? 70 + random.nextInt(21) : 1 + random.nextInt(24)];
            for (int j = 0; j < widths.length; j++) {
                widths[j] = large ? 40 + random.nextInt(25) : 1 + random.nextInt(64);
            }
            bases.add(DigitLayout.of(widths).digitBits);
            List<Opening> os = new ArrayList<>();
            for (int w : widths) {
                os.add(Opening.random(Scalar.ofCanonical(new BigInteger(w, rng)), rng));
            }
            List<Commitment> cs = RangeProofTest.commit(os);
            DigitRangeProof p = DigitRangeProver.prove(bound(cs), widths, os, rng);
            DigitRangeVerifier.verify(bound(cs), widths, cs, p);
            int bad = random.nextInt(widths.length);
            BigInteger above = BigInteger.ONE.shiftLeft(widths[bad]).add(new BigInteger(widths[bad], rng));
            List<Opening> cheat = new ArrayList<>(os);
            cheat.set(bad, Opening.random(Scalar.ofCanonical(above), rng));
            List<Commitment> cheatCs = RangeProofTest.commit(cheat);
            DigitRangeProof forced = DigitRangeProver.proveUnchecked(bound(cheatCs), DigitLayout.of(widths), cheat,
                    Nonces.from(rng));
            assertEquals(Failure.RANGE_PROOF_INVALID, rejection(cheatCs, widths, forced),
                    "seed " + seed + ", trial " + trial + ": value " + bad + " = " + above + " in " + widths[bad] + " bits");
        }
        assertEquals(java.util.Set.of(4, 8), bases, "seed " + seed + ": both bases occurred");
    }

    /** Each value at 2^w (one above its range) is refused by the honest prover and rejected when forced. */
    @Test
    void aValueAboveItsWidth_isRejected_whicheverValueAndBase() {
        long seed = TestRandom.seed("DigitRangeProofTest.above");
        SecureRandom rng = TestRandom.secure(seed, "above");
        for (int bad = 0; bad < MIXED.length; bad++) {
            if (MIXED[bad] == 64) {
                continue;
            }
            List<Opening> cheat = new ArrayList<>(openings(MIXED, rng));
            cheat.set(bad, Opening.random(Scalar.ofCanonical(BigInteger.ONE.shiftLeft(MIXED[bad])), rng));
            List<Commitment> cs = RangeProofTest.commit(cheat);
            int which = bad;
            assertThrows(IllegalArgumentException.class, () -> DigitRangeProver.prove(bound(cs), MIXED, cheat, rng),
                    "the honest prover refuses value " + which);
            DigitRangeProof p = DigitRangeProver.proveUnchecked(bound(cs), DigitLayout.of(MIXED), cheat, Nonces.from(rng));
            assertEquals(Failure.RANGE_PROOF_INVALID, rejection(cs, MIXED, p), "2^" + MIXED[bad] + " at value " + bad);
        }
        // A negative value (n − 1) is the largest field element: its top digit is far outside the table.
        List<Opening> negative = new ArrayList<>(openings(MIXED, rng));
        negative.set(2, Opening.random(Scalar.ONE.negate(), rng));
        List<Commitment> cs = RangeProofTest.commit(negative);
        DigitRangeProof p = DigitRangeProver.proveUnchecked(bound(cs), DigitLayout.of(MIXED), negative, Nonces.from(rng));
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(cs, MIXED, p));
    }

    /** The proof is bound to every commitment, to the widths and to the caller's transcript. */
    @Test
    void aProof_standsForItsOwnStatementOnly() throws Exception {
        long seed = TestRandom.seed("DigitRangeProofTest.binding");
        SecureRandom rng = TestRandom.secure(seed, "binding");
        List<Opening> os = openings(MIXED, rng);
        List<Commitment> cs = RangeProofTest.commit(os);
        DigitRangeProof p = DigitRangeProver.prove(bound(cs), MIXED, os, rng);
        for (int j = 0; j < cs.size(); j++) {
            List<Commitment> changed = new ArrayList<>(cs);
            changed.set(j, cs.get(j).addValue(Scalar.ONE));
            assertEquals(Failure.RANGE_PROOF_INVALID, rejection(changed, MIXED, p), "commitment " + j);
        }
        int[] narrower = MIXED.clone();
        narrower[0]--;
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(cs, narrower, p));
        Transcript other = RangeProofTest.context().append("extra", 1L);
        for (Commitment c : cs) {
            other.append("mine", c);
        }
        assertThrows(VerificationException.class, () -> DigitRangeVerifier.verify(other, MIXED, cs, p));
        assertEquals(Failure.LENGTH_MISMATCH, rejection(cs.subList(0, 3), MIXED, p));
    }

    /** Every single field of the proof replaced by another valid element: rejected. */
    @Test
    void everySingleFieldChange_isRejected() throws Exception {
        long seed = TestRandom.seed("DigitRangeProofTest.fields");
        SecureRandom rng = TestRandom.secure(seed, "fields");
        int[] widths = {64, 37, 14};
        List<Opening> os = openings(widths, rng);
        List<Commitment> cs = RangeProofTest.commit(os);
        DigitRangeProof p = DigitRangeProver.prove(bound(cs), widths, os, rng);
        byte[] bytes = p.encode();
        Point other = Point.GENERATOR.multiply(Scalar.random(rng));
        Scalar otherScalar = Scalar.random(rng);
        int fields = 0;
        int at = 0;
        while (at < bytes.length) {
            int size = fieldSize(at, p);
            byte[] changed = bytes.clone();
            byte[] replacement = size == Point.BYTES ? other.encode() : otherScalar.encode();
            System.arraycopy(replacement, 0, changed, at, size);
            DigitRangeProof mutant = DigitRangeProof.decode(changed);
            String where = "field " + fields + " at byte " + at;
            assertEquals(Failure.RANGE_PROOF_INVALID, rejection(cs, widths, mutant), where);
            at += size;
            fields++;
        }
        assertEquals(8 + 3 + 2 * p.rounds() + 2, fields);
    }

    /** The size of the field starting at byte {@code at} of the wire form. */
    private static int fieldSize(int at, DigitRangeProof p) {
        int points = 8 * Point.BYTES;
        int scalars = points + 3 * Scalar.BYTES;
        int rounds = scalars + 2 * Point.BYTES * p.rounds();
        if (at < points) {
            return Point.BYTES;
        }
        if (at < scalars) {
            return Scalar.BYTES;
        }
        return at < rounds ? Point.BYTES : Scalar.BYTES;
    }

    /**
     * The attack a two-phase commitment must stop: digits changed after e. A prover commits honest digits
     * in D, then puts other "digits" into A (a_R − e), chosen after e so that the reciprocal sum still
     * balances. The link a_R − c = e (constraint 1) catches it.
     */
    @Test
    void digitsChangedAfterTheChallenge_areRejected() throws Exception {
        long seed = TestRandom.seed("DigitRangeProofTest.afterE");
        SecureRandom rng = TestRandom.secure(seed, "afterE");
        int[] widths = {8, 8};
        List<Opening> os = List.of(Opening.random(Scalar.of(5), rng), Opening.random(Scalar.of(200), rng));
        List<Commitment> cs = RangeProofTest.commit(os);
        DigitRangeProof honest = DigitRangeProver.prove(bound(cs), widths, os, rng);
        DigitRangeVerifier.verify(bound(cs), widths, cs, honest);
        // Base 256, one digit per value: the digits 5 and 200 swapped in A keep the reciprocal sum.
        Scalar[] swapped = DigitRangeProver.committedValues(DigitLayout.of(widths), os);
        Scalar first = swapped[0];
        swapped[0] = swapped[1];
        swapped[1] = first;
        DigitRangeProof forged = DigitRangeProver.proveWithPhaseTwoDigits(bound(cs), DigitLayout.of(widths), os,
                Nonces.from(rng), swapped);
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(cs, widths, forged));
    }

    @Test
    void decode_rejectsBadLengths() {
        assertThrows(VerificationException.class, () -> DigitRangeProof.decode(new byte[10]));
        assertThrows(VerificationException.class, () -> DigitRangeProof.decode(new byte[DigitRangeProof.FIXED_BYTES + 1]));
        assertEquals(424, DigitRangeProof.encodedLength(0), "8 points and 5 scalars");
        assertEquals(490, DigitRangeProof.encodedLength(1), "and 66 bytes a round");
    }
}
