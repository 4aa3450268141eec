package dev.marginsim.prover.bulletproofs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Range proofs over values of different widths, packed into power-of-two chunks with zero padding. */
class PackedRangeProofTest {
    private static final int[] MIXED = {64, 37, 14, 50, 1, 63, 64, 3, 50, 37, 64, 14, 9};

    /** The caller's transcript: its own public inputs, then the commitments, which it binds itself. */
    private static Transcript bound(List<Commitment> cs) {
        Transcript t = RangeProofTest.context();
        for (Commitment c : cs) {
            t.append("mine", c);
        }
        return t;
    }

    /** The verifier's side for caller-bound values: the chunks' equations plus each value's commitment. */
    private static void verify(List<Commitment> cs, int[] widths, List<RangeProof> ps, SecureRandom rng)
            throws VerificationException {
        RangeVerifier.Chunks chunks = RangeVerifier.preparePacked(bound(cs), widths, ps);
        VerificationEquation eq = new VerificationEquation();
        Scalar[] v = chunks.addTo(eq, Scalar.random(rng), rng);
        for (int j = 0; j < cs.size(); j++) {
            eq.add(v[j], cs.get(j).point());
        }
        if (!eq.holds()) {
            throw new VerificationException(Failure.RANGE_PROOF_INVALID, "packed equation");
        }
    }

    private static Failure rejection(List<Commitment> cs, int[] widths, List<RangeProof> ps, SecureRandom rng) {
        return assertThrows(VerificationException.class, () -> verify(cs, widths, ps, rng)).failure();
    }

    static List<Opening> openings(int[] widths, SecureRandom rng) {
        List<Opening> os = new ArrayList<>();
        for (int j = 0; j < widths.length; j++) {
            // Alternate the extremes of each range with a random value inside it.
            BigInteger max = BigInteger.ONE.shiftLeft(widths[j]).subtract(BigInteger.ONE);
            BigInteger v = j % 3 == 0 ? max : j % 3 == 1 ? BigInteger.ZERO : new BigInteger(widths[j], rng);
            os.add(Opening.random(Scalar.ofCanonical(v), rng));
        }
        return os;
    }

    @Test
    void pack_placesEveryValueOnce_inPowerOfTwoChunksOfAtMostTheCap() {
        long seed = TestRandom.seed("PackedRangeProofTest.pack");
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 300; trial++) {
            int[] widths = new int[1 + random.nextInt(trial < 250 ? 40 : 200)];
            for (int j = 0; j < widths.length; j++) {
                widths[j] = 1 + random.nextInt(64);
            }
            List<int[]> chunks = RangeChunks.pack(widths);
            int[] seen = new int[widths.length];
            long total = 0;
            long padded = 0;
            for (int[] chunk : chunks) {
                int used = 0;
                for (int i = 0; i < chunk.length; i++) {
                    seen[chunk[i]]++;
                    used += widths[chunk[i]];
                    assertTrue(i == 0 || chunk[i - 1] < chunk[i], "ascending within a chunk");
                }
                RangeLayout layout = RangeLayout.packed(RangeChunks.widthsOf(widths, chunk));
                assertTrue(layout.bits() <= RangeChunks.MAX_CHUNK_BITS && Integer.bitCount(layout.bits()) == 1);
                assertEquals(used, layout.usedBits());
                total += used;
                padded += layout.bits();
            }
            for (int j = 0; j < widths.length; j++) {
                assertEquals(1, seen[j], "value " + j + " placed once (seed " + seed + ", trial " + trial + ")");
            }
            // Never more padded bits than proving every value in 64 bits, as the uniform chunks do.
            assertTrue(padded <= 64L * widths.length, "padded " + padded + " vs " + 64L * widths.length);
            assertTrue(padded >= total);
        }
        assertThrows(IllegalArgumentException.class, () -> RangeChunks.pack(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> RangeChunks.pack(new int[] {65}));
        assertThrows(IllegalArgumentException.class, () -> RangeChunks.pack(new int[] {0}));
    }

    @Test
    void packedProofs_verify_forMixedWidthsWithPadding_andAreBoundToEveryCommitment() throws Exception {
        long seed = TestRandom.seed("PackedRangeProofTest.mixed");
        SecureRandom rng = TestRandom.secure(seed, "mixed");
        List<Opening> os = openings(MIXED, rng);
        List<Commitment> cs = RangeProofTest.commit(os);
        Transcript t = bound(cs);
        List<RangeProof> ps = RangeProver.provePacked(t, MIXED, os, rng);
        assertEquals(RangeChunks.pack(MIXED).size(), ps.size());
        assertEquals(bound(cs).challenge("after"), t.challenge("after"), "caller transcript untouched");
        verify(cs, MIXED, ps, rng);
        for (int j = 0; j < cs.size(); j++) {
            List<Commitment> changed = new ArrayList<>(cs);
            changed.set(j, cs.get(j).addValue(Scalar.ONE));
            // The changed commitment enters both the transcript and the equation: either way rejected.
            assertEquals(Failure.RANGE_PROOF_INVALID, rejection(changed, MIXED, ps, rng), "commitment " + j);
        }
    }

    /** A value that fits 64 bits but not its own width is rejected: the width is what is proven. */
    @Test
    void aValueAboveItsWidth_isRejected_evenWhenItFits64Bits() {
        long seed = TestRandom.seed("PackedRangeProofTest.above");
        SecureRandom rng = TestRandom.secure(seed, "above");
        for (int bad = 0; bad < MIXED.length; bad++) {
            if (MIXED[bad] == 64) {
                continue;
            }
            List<Opening> cheat = new ArrayList<>(openings(MIXED, rng));
            cheat.set(bad, Opening.random(Scalar.ofCanonical(BigInteger.ONE.shiftLeft(MIXED[bad])), rng));
            List<Commitment> cs = RangeProofTest.commit(cheat);
            int which = bad;
            assertThrows(IllegalArgumentException.class, () -> RangeProver.provePacked(bound(cs), MIXED, cheat, rng),
                    "the honest prover refuses value " + which);
            List<RangeProof> ps = RangeProver.provePackedUnchecked(bound(cs), MIXED, cheat, rng);
            assertEquals(Failure.RANGE_PROOF_INVALID, rejection(cs, MIXED, ps, rng), "2^" + MIXED[bad] + " at value " + bad);
        }
    }

    @Test
    void packedProofs_rejectOtherWidths_droppedOrTransplantedChunks() throws Exception {
        long seed = TestRandom.seed("PackedRangeProofTest.shape");
        SecureRandom rng = TestRandom.secure(seed, "shape");
        int[] widths = new int[70];
        for (int j = 0; j < widths.length; j++) {
            widths[j] = MIXED[j % MIXED.length];
        }
        List<Opening> os = openings(widths, rng);
        List<Commitment> cs = RangeProofTest.commit(os);
        List<RangeProof> ps = RangeProver.provePacked(bound(cs), widths, os, rng);
        assertTrue(ps.size() >= 2, "several chunks: " + ps.size());
        verify(cs, widths, ps, rng);
        assertEquals(Failure.LENGTH_MISMATCH, rejection(cs, widths, ps.subList(0, ps.size() - 1), rng), "a chunk dropped");
        List<RangeProof> swapped = new ArrayList<>(ps);
        swapped.set(0, ps.get(1));
        swapped.set(1, ps.get(0));
        assertFalse(swapped.equals(ps));
        rejection(cs, widths, swapped, rng);
        // One width narrowed: the packing or the transcript differs, and the proof no longer holds.
        int[] narrower = widths.clone();
        narrower[1]--;
        rejection(cs, narrower, ps, rng);
        // A chunk proven for another statement (the same values, one more at the end) does not stand in.
        int[] longer = java.util.Arrays.copyOf(widths, widths.length + 1);
        longer[widths.length] = 8;
        List<Opening> more = new ArrayList<>(os);
        more.add(Opening.random(Scalar.of(5), rng));
        List<RangeProof> other = RangeProver.provePacked(bound(RangeProofTest.commit(more)), longer, more, rng);
        List<RangeProof> transplanted = new ArrayList<>(ps);
        transplanted.set(0, other.get(0));
        assertEquals(Failure.RANGE_PROOF_INVALID, rejection(cs, widths, transplanted, rng));
    }

    /** Uniform widths keep the original statement: the padding rule adds nothing when none is needed. */
    @Test
    void aPackedChunkOfEqualPowerOfTwoWidths_hasNoPadding() {
        RangeLayout layout = RangeLayout.packed(new int[] {64, 64, 64, 64});
        assertEquals(256, layout.bits());
        assertEquals(256, layout.usedBits());
        assertEquals(64, RangeLayout.packed(new int[] {37, 14}).bits());
        assertEquals(1, RangeLayout.packed(new int[] {1}).bits());
    }
}
