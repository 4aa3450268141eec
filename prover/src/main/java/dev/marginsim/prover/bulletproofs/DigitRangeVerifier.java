package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.curve.ScalarMath;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.security.SecureRandom;
import java.util.List;

/**
 * Verifies digit range proofs ({@link DigitRangeProver}). Returns normally or throws
 * {@link VerificationException}. The polynomial check on t̂ and the inner-product relation are merged
 * with a random weight into one equation (docs/proofs-private.md §10.3), as for {@link RangeVerifier}.
 */
public final class DigitRangeVerifier {
    private static final SecureRandom RNG = new SecureRandom();
    private static final String[] T_LABELS = {"T1", "T3", "T4", "T5", "T6"};
    private static final int[] T_DEGREES = {1, 3, 4, 5, 6};

    private DigitRangeVerifier() {
    }

    /**
     * Verifies that each commitment's value lies in [0, 2^{widths[j]}), on a transcript where the caller
     * has bound the commitments exactly as the prover's caller did.
     *
     * @throws VerificationException {@link Failure#LENGTH_MISMATCH} for a count mismatch or a proof
     *     with the wrong number of rounds, {@link Failure#VALUE_OUT_OF_RANGE} for widths no proof
     *     accepts, {@link Failure#RANGE_PROOF_INVALID} if the equation fails
     */
    public static void verify(Transcript transcript, int[] widths, List<Commitment> commitments, DigitRangeProof proof)
            throws VerificationException {
        if (commitments.size() != widths.length) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, widths.length + " widths for "
                    + commitments.size() + " commitments");
        }
        Prepared p = prepare(transcript, widths, proof);
        VerificationEquation eq = new VerificationEquation();
        Scalar[] v = p.addTo(eq, Scalar.ONE, RNG);
        for (int j = 0; j < v.length; j++) {
            eq.add(v[j], commitments.get(j).point());
        }
        if (!eq.holds()) {
            throw new VerificationException(Failure.RANGE_PROOF_INVALID, "the digit range proof's equation does not hold");
        }
    }

    /**
     * Replays the transcript, for a caller that checks the proof together with equations of its own.
     *
     * @throws VerificationException as {@link #verify}
     */
    public static Prepared prepare(Transcript t, int[] widths, DigitRangeProof proof) throws VerificationException {
        DigitLayout layout;
        try {
            layout = DigitLayout.of(widths);
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, e.getMessage(), e);
        }
        if (proof.rounds() != layout.rounds()) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "a digit range proof over " + layout.gates
                    + " gates has " + layout.rounds() + " inner-product rounds, this one has " + proof.rounds());
        }
        BulletproofGenerators.noteUse(layout.gates);
        layout.bind(t);
        Prepared p = new Prepared(layout, proof);
        t.append("D", proof.d());
        p.e = t.challenge("e");
        t.append("A", proof.a());
        t.append("S", proof.s());
        p.y = t.challenge("y");
        p.z = t.challenge("z");
        Point[] bigT = {proof.t1(), proof.t3(), proof.t4(), proof.t5(), proof.t6()};
        for (int k = 0; k < bigT.length; k++) {
            t.append(T_LABELS[k], bigT[k]);
        }
        p.x = t.challenge("x");
        t.append("t_x_blinding", proof.tauX());
        t.append("e_blinding", proof.mu());
        t.append("t_x", proof.tHat());
        p.w = t.challenge("w");
        p.u = RangeVerifier.innerProductChallenges(t, layout.gates, proof.l(), proof.r());
        p.uInv = Scalar.batchInvert(p.u);
        try {
            p.weights = layout.weights(p.e, p.y, p.z);
        } catch (ArithmeticException e) {
            throw new VerificationException(Failure.RANGE_PROOF_INVALID, e.getMessage(), e);
        }
        return p;
    }

    /** A proof with its transcript replayed: everything its equation needs but the verifier's randomness. */
    public static final class Prepared {
        private final DigitLayout layout;
        private final DigitRangeProof proof;
        private Scalar e;
        private Scalar y;
        private Scalar z;
        private Scalar x;
        private Scalar w;
        private Scalar[] u;
        private Scalar[] uInv;
        private DigitLayout.Weights weights;

        private Prepared(DigitLayout layout, DigitRangeProof proof) {
            this.layout = layout;
            this.proof = proof;
        }

        /**
         * Adds ω·((ii) + c·(i)) for a fresh random c, without the values' commitments, and returns the
         * coefficient each commitment takes: ω·c·x²·w_V[j].
         */
        public Scalar[] addTo(VerificationEquation eq, Scalar omega, SecureRandom rng) {
            Scalar c = Scalar.random(rng);
            Scalar oc = omega.multiply(c);
            Scalar[] xPow = RangeProver.powers(x, 7);
            // (ii) x·A + x²·D + x³·S + Σ(u²·L + u⁻²·R) + generator terms − μ·h + w(t̂ − ab)·g = O
            eq.add(omega.multiply(x), proof.a());
            eq.add(omega.multiply(xPow[2]), proof.d());
            eq.add(omega.multiply(xPow[3]), proof.s());
            for (int r = 0; r < u.length; r++) {
                eq.add(omega.multiply(u[r].square()), proof.l().get(r));
                eq.add(omega.multiply(uInv[r].square()), proof.r().get(r));
            }
            int[][][] vectors = generatorCoefficients(omega);
            eq.addVectors(vectors[0], vectors[1]);
            // (i) x²·Σ w_V[j]·V_j + x²·constant·g + Σ_{k≠2} x^k·T_k − t̂·g − τx·h = O
            Point[] bigT = {proof.t1(), proof.t3(), proof.t4(), proof.t5(), proof.t6()};
            for (int k = 0; k < bigT.length; k++) {
                eq.add(oc.multiply(xPow[T_DEGREES[k]]), bigT[k]);
            }
            Scalar tHat = proof.tHat();
            eq.addG(omega.multiply(w.multiply(tHat.subtract(proof.ipA().multiply(proof.ipB()))))
                    .add(oc.multiply(xPow[2].multiply(weights.constant()).subtract(tHat))));
            eq.addH(omega.multiply(proof.mu()).add(oc.multiply(proof.tauX())).negate());
            Scalar[] v = new Scalar[layout.values()];
            for (int j = 0; j < v.length; j++) {
                v[j] = oc.multiply(xPow[2]).multiply(weights.wV()[j]);
            }
            return v;
        }

        /**
         * The generators' coefficients, {g, h}: ω(x·y^{-i}·w_R[i] − a·s_i) for Gᵢ and
         * ω·y^{-i}·(w_O[i] + x·w_L[i] − b·s_i⁻¹) for Hᵢ, on {@link ScalarMath} limbs.
         */
        private int[][][] generatorCoefficients(Scalar omega) {
            int n = layout.gates;
            int[][] s = RangeVerifier.challengeProducts(u, uInv);
            int[] omA = ScalarMath.of(omega.multiply(proof.ipA()));
            int[] b = ScalarMath.of(proof.ipB());
            int[] xl = ScalarMath.of(x);
            int[] yInv = ScalarMath.of(y.invert());
            int[] omYInvPow = ScalarMath.of(omega);
            int[] t = new int[8];
            int[][] gs = new int[n][];
            int[][] hs = new int[n][];
            for (int i = 0; i < n; i++) {
                int[] g = new int[8];
                ScalarMath.mul(omYInvPow, ScalarMath.of(weights.wR()[i]), g);
                ScalarMath.mul(g, xl, g);
                ScalarMath.mul(omA, s[i], t);
                ScalarMath.sub(g, t, g);
                gs[i] = g;
                int[] h = new int[8];
                ScalarMath.mul(xl, ScalarMath.of(weights.wL()[i]), h);
                ScalarMath.add(h, ScalarMath.of(weights.wO()[i]), h);
                ScalarMath.mul(b, s[n - 1 - i], t);
                ScalarMath.sub(h, t, h);
                ScalarMath.mul(omYInvPow, h, h);
                hs[i] = h;
                ScalarMath.mul(omYInvPow, yInv, omYInvPow);
            }
            return new int[][][] {gs, hs};
        }
    }
}
