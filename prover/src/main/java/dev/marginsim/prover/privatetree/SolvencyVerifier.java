package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.bulletproofs.RangeVerifier;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a {@link SolvencyProof} against the published round: {@link Failure#ROUND_MISMATCH} for
 * another round; revealed: each total opens its root commitment ({@link Failure#COMMITMENT_MISMATCH})
 * and is ≤ reserves ({@link Failure#INSOLVENT}); bounded: the width is the verifier's
 * ({@link Failure#VALUE_OUT_OF_RANGE}) and the range proof over every total and every
 * {@code R_t·G − C_t} holds ({@link Failure#RANGE_PROOF_INVALID}: a total is negative or above reserves,
 * or the proof is bad).
 */
public final class SolvencyVerifier {
    private SolvencyVerifier() {
    }

    public static void verify(SolvencyProof proof, PrivateRound published, int bits) throws VerificationException {
        if (!Arrays.equals(proof.round().roundHash(), published.roundHash())) {
            throw new VerificationException(Failure.ROUND_MISMATCH, "the solvency proof is for another round than the published one");
        }
        int tokens = published.root().tokens();
        List<Commitment> roots = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            roots.add(Commitment.decode(published.root().commitment(t)));
        }
        if (proof.mode() == SolvencyProof.Mode.REVEALED) {
            long[] totals = proof.totals();
            Scalar[] blindings = proof.blindings();
            for (int t = 0; t < tokens; t++) {
                if (totals[t] < 0) {
                    throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, "total " + t + " is negative");
                }
                if (!Commitment.commit(Scalar.of(totals[t]), blindings[t]).equals(roots.get(t))) {
                    throw new VerificationException(Failure.COMMITMENT_MISMATCH, "total " + t + " does not open the root commitment");
                }
                BigInteger reserves = published.info().assets().get(t).reservesInternal();
                if (reserves.compareTo(BigInteger.valueOf(totals[t])) < 0) {
                    throw new VerificationException(Failure.INSOLVENT, "asset " + published.info().assets().get(t).assetId()
                            + ": reserves " + reserves + " < liabilities " + totals[t]);
                }
            }
            return;
        }
        if (proof.bits() != bits) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, "the range proof is over " + proof.bits()
                    + " bits; this verifier requires " + bits);
        }
        List<Commitment> all = new ArrayList<>(roots);
        for (int t = 0; t < tokens; t++) {
            Commitment cap = Commitment.commit(Scalar.ofCanonical(SolvencyProver.cap(published.info().assets().get(t), bits)), Scalar.ZERO);
            all.add(cap.subtract(roots.get(t)));
        }
        RangeVerifier.verify(SolvencyProver.transcript(published, bits), bits, InclusionTranscript.padded(all), proof.rangeProof());
    }
}
