package dev.marginsim.prover.bulletproofs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.Set;
import org.junit.jupiter.api.Test;

class RangeProofTest {
    /** The public inputs a caller binds: a round id, a root, an account. */
    static Transcript context() {
        return Transcript.start("marginsim/test/v1").append("round", 7L).append("root", new byte[32]).append("account", "0xabc");
    }

    static List<Commitment> commit(List<Opening> os) {
        List<Commitment> cs = new ArrayList<>();
        for (Opening o : os) {
            cs.add(o.commit());
        }
        return cs;
    }

    static Failure rejection(Transcript t, int bits, List<Commitment> cs, RangeProof p) {
        return assertThrows(VerificationException.class, () -> RangeVerifier.verify(t, bits, cs, p)).failure();
    }

    @Test
    void boundaryValues_proveAndVerify_forEveryBitWidth() throws Exception {
        long seed = TestRandom.seed("RangeProofTest.boundaries");
        SecureRandom rng = TestRandom.secure(seed, "bounds");
        for (int bits : new int[] {1, 2, 8, 32, 64}) {
            BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            for (BigInteger v : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, max, max.shiftRight(1)}) {
                Opening o = Opening.random(Scalar.ofCanonical(v), rng);
                RangeProof p = RangeProver.prove(context(), bits, o, rng);
                assertEquals(RangeProof.encodedLength(Integer.numberOfTrailingZeros(bits)), p.encode().length);
                RangeVerifier.verify(context(), bits, o.commit(), p);
            }
        }
    }

    @Test
    void randomValues_aggregated_proveAndVerify() throws Exception {
        long seed = TestRandom.seed("RangeProofTest.aggregated");
        SecureRandom rng = TestRandom.secure(seed, "agg");
        for (int m : new int[] {1, 2, 4, 8}) {
            List<Opening> os = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                os.add(Opening.random(Scalar.ofCanonical(new BigInteger(64, rng)), rng));
            }
            RangeProof p = RangeProver.prove(context(), 64, os, rng);
            RangeVerifier.verify(context(), 64, commit(os), p);
        }
    }

    @Test
    void oneValue64Bits_is688Bytes_andSerialisationRoundTrips() throws Exception {
        long seed = TestRandom.seed("RangeProofTest.serialisation");
        SecureRandom rng = TestRandom.secure(seed, "ser");
        Opening o = Opening.random(Long.MAX_VALUE, rng);
        RangeProof p = RangeProver.prove(context(), 64, o, rng);
        byte[] bytes = p.encode();
        assertEquals(688, bytes.length);
        RangeProof back = RangeProof.decode(bytes);
        assertArrayEquals(bytes, back.encode());
        assertEquals(p, RangeProof.fromHex(p.toHex(), "proof"));
        RangeVerifier.verify(context(), 64, o.commit(), back);
        assertEquals(292 + 66 * 10, RangeProof.encodedLength(10), "16 x 64 bits");
    }

    @Test
    void prover_refusesValuesOutsideTheRange_andBadShapes() {
        SecureRandom rng = TestRandom.secure(1, "refuse");
        assertThrows(IllegalArgumentException.class,
                () -> RangeProver.prove(context(), 8, Opening.random(256, rng), rng));
        assertThrows(IllegalArgumentException.class,
                () -> RangeProver.prove(context(), 64, Opening.random(-1, rng), rng));
        assertThrows(IllegalArgumentException.class,
                () -> RangeProver.prove(context(), 48, Opening.random(1, rng), rng));
        assertThrows(IllegalArgumentException.class,
                () -> RangeProver.prove(context(), 8, List.of(Opening.random(1, rng), Opening.random(1, rng),
                        Opening.random(1, rng)), rng));
    }

    /** A cheating prover runs the protocol on the low bits of an out-of-range value: the verifier must reject. */
    @Test
    void outOfRangeValues_fromACheatingProver_areRejected() {
        long seed = TestRandom.seed("RangeProofTest.soundness");
        SecureRandom rng = TestRandom.secure(seed, "sound");
        for (int bits : new int[] {8, 64}) {
            Scalar twoToN = Scalar.ofCanonical(BigInteger.ONE.shiftLeft(bits));
            Scalar[] bad = {twoToN, twoToN.add(Scalar.ONE), Scalar.ONE.negate(), Scalar.of(-1000),
                    Scalar.ofCanonical(Scalar.ORDER.shiftRight(1))};
            for (Scalar v : bad) {
                Opening o = Opening.random(v, rng);
                RangeProof p = RangeProver.proveUnchecked(context(), bits, List.of(o), rng);
                assertEquals(Failure.RANGE_PROOF_INVALID, rejection(context(), bits, List.of(o.commit()), p),
                        "value " + v + " with " + bits + " bits");
            }
        }
    }

    @Test
    void aProofForOneCommitment_doesNotVerifyAnother() {
        long seed = TestRandom.seed("RangeProofTest.otherCommitment");
        SecureRandom rng = TestRandom.secure(seed, "other");
        Opening o = Opening.random(5, rng);
        RangeProof p = RangeProver.prove(context(), 64, o, rng);
        Opening sameValue = Opening.random(5, rng);
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(context(), 64, List.of(sameValue.commit()), p));
        assertEquals(Failure.RANGE_PROOF_INVALID,
                rejection(context(), 64, List.of(o.commit().addValue(Scalar.ONE)), p), "C + G");
    }

    @Test
    void aggregated_commitmentsReordered_areRejected() {
        SecureRandom rng = TestRandom.secure(TestRandom.seed("RangeProofTest.reorder"), "reorder");
        List<Opening> os = List.of(Opening.random(1, rng), Opening.random(2, rng));
        RangeProof p = RangeProver.prove(context(), 32, os, rng);
        List<Commitment> swapped = List.of(os.get(1).commit(), os.get(0).commit());
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(context(), 32, swapped, p));
    }

    @Test
    void transcriptMissingOrChangingAnInput_isRejected() {
        SecureRandom rng = TestRandom.secure(TestRandom.seed("RangeProofTest.transcript"), "tr");
        Opening o = Opening.random(77, rng);
        RangeProof p = RangeProver.prove(context(), 64, o, rng);
        List<Commitment> cs = List.of(o.commit());
        Transcript missingAccount = Transcript.start("marginsim/test/v1").append("round", 7L).append("root", new byte[32]);
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(missingAccount, 64, cs, p), "account id missing");
        Transcript otherRound = Transcript.start("marginsim/test/v1").append("round", 8L).append("root", new byte[32])
                .append("account", "0xabc");
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(otherRound, 64, cs, p), "another round");
        Transcript otherProtocol = Transcript.start("marginsim/other/v1").append("round", 7L).append("root", new byte[32])
                .append("account", "0xabc");
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(otherProtocol, 64, cs, p), "another protocol");
    }

    @Test
    void verifierChoosesTheBitWidth_aNarrowerOrWiderClaimIsRejected() {
        SecureRandom rng = TestRandom.secure(TestRandom.seed("RangeProofTest.width"), "width");
        Opening o = Opening.random(3, rng);
        RangeProof p64 = RangeProver.prove(context(), 64, o, rng);
        assertEquals(Failure.LENGTH_MISMATCH, rejection(context(), 32, List.of(o.commit()), p64));
        RangeProof p32 = RangeProver.prove(context(), 32, o, rng);
        assertEquals(Failure.LENGTH_MISMATCH, rejection(context(), 64, List.of(o.commit()), p32));
        // Same number of rounds, other split: 2 × 32 bits is not 1 × 64 bits.
        List<Opening> two = List.of(o, Opening.random(4, rng));
        RangeProof p2x32 = RangeProver.prove(context(), 32, two, rng);
        assertEquals(Failure.VALUE_OUT_OF_RANGE, rejection(context(), 48, commit(two), p2x32));
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(context(), 64, List.of(o.commit()), p2x32));
    }

    /**
     * Every single-field change of a serialised proof is rejected: each of the 4 + 2k points and 5
     * scalars is replaced by another valid element, and every byte is bit-flipped at one seeded bit.
     */
    @Test
    void everySingleFieldMutation_isRejected() throws Exception {
        long seed = TestRandom.seed("RangeProofTest.mutation");
        SecureRandom rng = TestRandom.secure(seed, "mut");
        Opening o = Opening.random(12345, rng);
        List<Commitment> cs = List.of(o.commit());
        byte[] good = RangeProver.prove(context(), 16, o, rng).encode();
        byte[] other = RangeProver.prove(context(), 16, Opening.random(65000, rng), rng).encode();
        int[] starts = fieldStarts(4);
        for (int f = 0; f < starts.length - 1; f++) {
            byte[] mutated = good.clone();
            System.arraycopy(other, starts[f], mutated, starts[f], starts[f + 1] - starts[f]);
            expectRejected(mutated, cs, "field " + f + " replaced");
        }
        for (int i = 0; i < good.length; i++) {
            byte[] mutated = good.clone();
            mutated[i] ^= (byte) (1 << rng.nextInt(8));
            expectRejected(mutated, cs, "byte " + i + " flipped");
        }
        // Reordered: swap rounds 0 and 1 of (L, R), and swap A with S.
        byte[] swapped = good.clone();
        System.arraycopy(good, starts[7], swapped, starts[9], 66);
        System.arraycopy(good, starts[9], swapped, starts[7], 66);
        expectRejected(swapped, cs, "rounds swapped");
        byte[] as = good.clone();
        System.arraycopy(good, 0, as, 33, 33);
        System.arraycopy(good, 33, as, 0, 33);
        expectRejected(as, cs, "A and S swapped");
        // Truncated and extended.
        expectRejected(java.util.Arrays.copyOf(good, good.length - 1), cs, "truncated by one byte");
        expectRejected(java.util.Arrays.copyOf(good, good.length - 66), cs, "one round dropped");
        expectRejected(java.util.Arrays.copyOf(good, good.length + 66), cs, "one round added");
    }

    /** Offsets of the fields: A S T1 T2, τx μ t̂, L₁ R₁ … L_k R_k, a b, end. */
    private static int[] fieldStarts(int rounds) {
        List<Integer> s = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < 4; i++) {
            s.add(at);
            at += 33;
        }
        for (int i = 0; i < 3; i++) {
            s.add(at);
            at += 32;
        }
        for (int i = 0; i < 2 * rounds; i++) {
            s.add(at);
            at += 33;
        }
        for (int i = 0; i < 2; i++) {
            s.add(at);
            at += 32;
        }
        s.add(at);
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final Set<Failure> DECODE_FAILURES = Set.of(Failure.MALFORMED_FIELD, Failure.POINT_NOT_ON_CURVE,
            Failure.POINT_AT_INFINITY, Failure.SCALAR_OUT_OF_RANGE, Failure.LENGTH_MISMATCH);

    private static void expectRejected(byte[] bytes, List<Commitment> cs, String what) {
        RangeProof p;
        try {
            p = RangeProof.decode(bytes);
        } catch (VerificationException e) {
            assertTrue(DECODE_FAILURES.contains(e.failure()), what + ": " + e.failure());
            return;
        }
        try {
            RangeVerifier.verify(context(), 16, cs, p);
            fail(what + " was accepted");
        } catch (VerificationException e) {
            assertTrue(e.failure() == Failure.RANGE_PROOF_INVALID || e.failure() == Failure.LENGTH_MISMATCH,
                    what + ": " + e.failure());
        }
    }

    @Test
    void batchVerification_acceptsValidClaims_andNamesTheBadOne() throws Exception {
        long seed = TestRandom.seed("RangeProofTest.batch");
        SecureRandom rng = TestRandom.secure(seed, "batch");
        List<RangeClaim> claims = new ArrayList<>();
        List<Opening> openings = new ArrayList<>();
        List<RangeProof> proofs = new ArrayList<>();
        int[] bits = {64, 32, 64, 8, 64};
        int[] counts = {1, 2, 4, 1, 1};
        for (int c = 0; c < bits.length; c++) {
            List<Opening> os = new ArrayList<>();
            for (int j = 0; j < counts[c]; j++) {
                os.add(Opening.random(Scalar.ofCanonical(new BigInteger(bits[c], rng)), rng));
            }
            RangeProof p = RangeProver.prove(context().append("claim", c), bits[c], os, rng);
            proofs.add(p);
            openings.add(os.get(0));
            claims.add(new RangeClaim(context().append("claim", c), bits[c], commit(os), p));
        }
        RangeVerifier.verifyBatch(claims);

        // Claim 3 checked against a commitment to another value: the batch fails and names claim 3.
        List<RangeClaim> bad = new ArrayList<>();
        for (int c = 0; c < claims.size(); c++) {
            RangeClaim k = claims.get(c);
            List<Commitment> cs = c == 3 ? List.of(k.commitments().get(0).addValue(Scalar.ONE)) : k.commitments();
            bad.add(new RangeClaim(context().append("claim", c), k.bits(), cs, k.proof()));
        }
        VerificationException e = assertThrows(VerificationException.class, () -> RangeVerifier.verifyBatch(bad));
        assertEquals(Failure.RANGE_PROOF_INVALID, e.failure());
        assertTrue(e.getMessage().contains("claim 3"), e.getMessage());
    }

    @Test
    void batchOfCheatingProofs_isRejected() {
        SecureRandom rng = TestRandom.secure(TestRandom.seed("RangeProofTest.batchCheat"), "bc");
        List<RangeClaim> claims = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Opening o = Opening.random(c == 1 ? Scalar.of(-1) : Scalar.of(c), rng);
            RangeProof p = RangeProver.proveUnchecked(context(), 64, List.of(o), rng);
            claims.add(new RangeClaim(context(), 64, List.of(o.commit()), p));
        }
        VerificationException e = assertThrows(VerificationException.class, () -> RangeVerifier.verifyBatch(claims));
        assertTrue(e.getMessage().contains("claim 1"), e.getMessage());
    }

    @Test
    void chunkSizes_areTheBinaryDecomposition_largestFirst_atMost256() {
        assertArrayEquals(new int[] {1}, RangeChunks.sizes(64, 1));
        assertArrayEquals(new int[] {32, 16, 8, 4}, RangeChunks.sizes(64, 60));
        assertArrayEquals(new int[] {32, 32, 32, 4}, RangeChunks.sizes(64, 100));
        assertArrayEquals(new int[] {32, 32}, RangeChunks.sizes(64, 64));
        assertArrayEquals(new int[] {256, 256, 8}, RangeChunks.sizes(8, 520));
        assertArrayEquals(new int[] {64, 32, 4}, RangeChunks.sizes(32, 100));
        assertThrows(IllegalArgumentException.class, () -> RangeChunks.sizes(64, 0));
    }

    private static List<Opening> openings(SecureRandom rng, int m, int bits) {
        List<Opening> os = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            os.add(Opening.random(Scalar.ofCanonical(new BigInteger(bits, rng)), rng));
        }
        return os;
    }

    private static Failure chunkRejection(Transcript t, int bits, List<Commitment> cs, List<RangeProof> ps) {
        return assertThrows(VerificationException.class, () -> RangeVerifier.verifyChunks(t, bits, cs, ps)).failure();
    }

    @Test
    void chunkedProofs_verifyForAnyCount_andLeaveTheCallersTranscriptAlone() throws Exception {
        long seed = TestRandom.seed("RangeProofTest.chunks");
        SecureRandom rng = TestRandom.secure(seed, "chunks");
        for (int m : new int[] {1, 3, 7, 12}) {
            List<Opening> os = openings(rng, m, 16);
            Transcript t = context();
            List<RangeProof> ps = RangeProver.proveChunks(t, 16, os, true, rng);
            assertEquals(RangeChunks.sizes(16, m).length, ps.size());
            // The caller's transcript is unchanged: the same challenge as a fresh one.
            assertEquals(context().challenge("after"), t.challenge("after"), "caller transcript untouched, m=" + m);
            RangeVerifier.verifyChunks(context(), 16, commit(os), ps);
        }
    }

    @Test
    void chunkedProofs_rejectAnOutOfRangeValueInAnyChunk_andShapeChanges() {
        long seed = TestRandom.seed("RangeProofTest.chunkAttacks");
        SecureRandom rng = TestRandom.secure(seed, "chunkAttacks");
        List<Opening> os = openings(rng, 7, 8);
        for (int bad : new int[] {0, 4, 6}) {
            List<Opening> cheat = new ArrayList<>(os);
            cheat.set(bad, Opening.random(Scalar.of(256 + bad), rng));
            List<RangeProof> ps = RangeProver.proveChunksUnchecked(context(), 8, cheat, true, rng);
            VerificationException e = assertThrows(VerificationException.class,
                    () -> RangeVerifier.verifyChunks(context(), 8, commit(cheat), ps));
            assertEquals(Failure.RANGE_PROOF_INVALID, e.failure());
            int chunk = bad < 4 ? 0 : bad < 6 ? 1 : 2;
            assertTrue(e.getMessage().contains("range chunk " + chunk), e.getMessage());
        }
        List<RangeProof> good = RangeProver.proveChunks(context(), 8, os, true, rng);
        List<Commitment> cs = commit(os);
        assertEquals(Failure.LENGTH_MISMATCH, chunkRejection(context(), 8, cs, good.subList(0, 2)), "a chunk dropped");
        List<RangeProof> swapped = List.of(good.get(0), good.get(2), good.get(1));
        assertEquals(Failure.LENGTH_MISMATCH, chunkRejection(context(), 8, cs, swapped), "chunks of other sizes swapped");
        assertEquals(Failure.LENGTH_MISMATCH, chunkRejection(context(), 8, cs.subList(0, 6), good), "a value dropped");
        assertEquals(Failure.LENGTH_MISMATCH, chunkRejection(context(), 16, cs, good), "another width");
        // A proof of the right values made for another place: values 4 and 5 proven as a statement of
        // their own (chunk 0 of 2) do not stand in for chunk 2 of the 7 (index, first value and count differ).
        List<RangeProof> alone = RangeProver.proveChunks(context(), 8, os.subList(4, 6), true, rng);
        List<RangeProof> transplanted = List.of(good.get(0), alone.get(0), good.get(2));
        assertEquals(Failure.RANGE_PROOF_INVALID, chunkRejection(context(), 8, cs, transplanted), "chunk from another statement");
        assertEquals(Failure.RANGE_PROOF_INVALID, chunkRejection(context().append("x", 1L), 8, cs, good), "other context");
    }

    @Test
    void callerBoundChunks_verifyThroughTheEquation_withCommitmentsTheCallerAdds() throws Exception {
        long seed = TestRandom.seed("RangeProofTest.callerBound");
        SecureRandom rng = TestRandom.secure(seed, "callerBound");
        List<Opening> os = openings(rng, 5, 32);
        List<Commitment> cs = commit(os);
        // The caller binds the commitments itself (here: appends them) and proves without re-binding.
        Transcript bound = context();
        for (Commitment c : cs) {
            bound.append("mine", c);
        }
        List<RangeProof> ps = RangeProver.proveChunks(bound.copy(), 32, os, false, rng);
        for (int wrong = -1; wrong < cs.size(); wrong++) {
            Transcript t = context();
            for (Commitment c : cs) {
                t.append("mine", c);
            }
            RangeVerifier.Chunks chunks = RangeVerifier.prepareChunks(t, 32, cs.size(), null, ps);
            VerificationEquation eq = new VerificationEquation();
            Scalar[] v = chunks.addTo(eq, Scalar.random(rng), rng);
            for (int j = 0; j < cs.size(); j++) {
                Commitment c = j == wrong ? cs.get(j).addValue(Scalar.ONE) : cs.get(j);
                eq.add(v[j], c.point());
            }
            assertEquals(wrong < 0, eq.holds(), "commitment " + wrong + " changed");
        }
        // Bound and caller-bound transcripts differ: a caller-bound proof does not verify as bound.
        assertEquals(Failure.RANGE_PROOF_INVALID, chunkRejection(bound.copy(), 32, cs, ps));
    }

    /** Chunks are proven on two threads, yet the bytes depend only on the caller's random stream. */
    @Test
    void chunkedProofs_areAFunctionOfTheRandomStream_whateverThreadProvesEachChunk() {
        long seed = TestRandom.seed("RangeProofTest.deterministic");
        List<Opening> os = openings(TestRandom.secure(seed, "values"), 7, 16);
        List<RangeProof> first = RangeProver.proveChunks(context(), 16, os, true, TestRandom.secure(seed, "nonces"));
        for (int run = 0; run < 3; run++) {
            assertEquals(first, RangeProver.proveChunks(context(), 16, os, true, TestRandom.secure(seed, "nonces")), "run " + run);
        }
        List<RangeProof> other = RangeProver.proveChunks(context(), 16, os, true, TestRandom.secure(seed, "other nonces"));
        for (int c = 0; c < first.size(); c++) {
            assertTrue(!first.get(c).equals(other.get(c)), "another stream gives other blindings, chunk " + c);
        }
    }
}
