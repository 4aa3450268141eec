package dev.marginsim.prover.margin;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.curve.TestRandom;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.pedersen.PedersenGenerators;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The absolute-size Σ-proof on its own: it holds exactly when the committed u is s or −s. */
class AbsoluteSizeProofTest {

    /** Proves with the formulas an honest prover uses, whatever s and u are, and checks both equations. */
    private static void proveAndCheck(long s, long u, SecureRandom rng) throws VerificationException {
        Opening size = Opening.random(s, rng);
        Opening abs = Opening.random(u, rng);
        Commitment cs = size.commit();
        Commitment cu = abs.commit();
        AbsoluteSizeProof.Start start = AbsoluteSizeProof.Start.draw(size, abs, rng);
        Commitment[] points = Commitment.commitAll(start.values(), start.blindings());
        // the first move's points are k1·G + k2·H and k1·(C_s + C_u) + k3·H, whichever way computed
        Scalar k1 = start.k1();
        assertEquals(cs.add(cu).point().multiply(k1).add(PedersenGenerators.STANDARD.h().multiply(start.k3())), points[1].point());
        AbsoluteSizeProof proof = start.finish(Transcript.start("abs-test"), points[0].point(), points[1].point());
        Scalar e = Transcript.start("abs-test").append("abs-A1", points[0].point()).append("abs-A2", points[1].point())
                .challenge("abs-size");
        proof.checkAlone(e, cs, cu, "market 0");
    }

    @Test
    void anAbsoluteSizeThatIsPlusOrMinusTheSize_verifies() {
        long seed = TestRandom.seed("AbsoluteSizeProofTest.honest");
        SecureRandom rng = TestRandom.secure(seed, "honest");
        for (long s : new long[] {0, 5, -5, 1_000_000_000L, -1_000_000_000L, Long.MAX_VALUE, -Long.MAX_VALUE}) {
            assertDoesNotThrow(() -> proveAndCheck(s, Math.abs(s), rng), "s = " + s);
        }
        // (s − u)(s + u) = 0 also holds for u = −|s|: the range proof on u is what rules that out
        assertDoesNotThrow(() -> proveAndCheck(7, -7, rng));
    }

    @Test
    void anyOtherAbsoluteSize_fails() {
        long seed = TestRandom.seed("AbsoluteSizeProofTest.dishonest");
        SecureRandom rng = TestRandom.secure(seed, "dishonest");
        long[][] cases = {{5, 0}, {-5, 0}, {5, 4}, {-5, 6}, {0, 1}, {Long.MAX_VALUE, Long.MAX_VALUE - 1}};
        for (long[] c : cases) {
            VerificationException e = assertThrows(VerificationException.class, () -> proveAndCheck(c[0], c[1], rng),
                    "s = " + c[0] + ", u = " + c[1]);
            assertEquals(Failure.PROOF_INVALID, e.failure());
        }
    }
}
