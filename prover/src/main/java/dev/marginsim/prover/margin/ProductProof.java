package dev.marginsim.prover.margin;

import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.bulletproofs.VerificationEquation;
import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.pedersen.PedersenGenerators;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A Σ-protocol (made non-interactive by the transcript) that three commitments hold a product:
 * {@code C_a = a·G + r_a·H}, {@code C_b = b·G + r_b·H} and {@code C_p = a·C_b + t·H}, i.e. C_p commits
 * to a·b (blinding {@code r_p = a·r_b + t}). Used for the funding term {@code size × snapshot}.
 *
 * <pre>
 * prover:   k1..k5 random; A1 = k1·G + k2·H; A2 = k3·G + k4·H; A3 = k1·C_b + k5·H (= (k1·b)·G + (k1·r_b + k5)·H)
 *           e = challenge("product") after appending A1, A2, A3
 *           z1 = k1 + e·a, z2 = k2 + e·r_a, z3 = k3 + e·b, z4 = k4 + e·r_b, z5 = k5 + e·t
 * verifier: z1·G + z2·H = A1 + e·C_a;  z3·G + z4·H = A2 + e·C_b;  z1·C_b + z5·H = A3 + e·C_p
 * </pre>
 * Special soundness: two accepting transcripts with different e give a, r_a, b, r_b and t with the
 * relations above; honest-verifier zero knowledge by the usual simulation.
 */
public record ProductProof(Point a1, Point a2, Point a3, Scalar z1, Scalar z2, Scalar z3, Scalar z4, Scalar z5) {
    public ProductProof {
        Objects.requireNonNull(a1);
        Objects.requireNonNull(a2);
        Objects.requireNonNull(a3);
        Objects.requireNonNull(z1);
        Objects.requireNonNull(z2);
        Objects.requireNonNull(z3);
        Objects.requireNonNull(z4);
        Objects.requireNonNull(z5);
    }

    private static Point g() {
        return PedersenGenerators.STANDARD.g();
    }

    private static Point h() {
        return PedersenGenerators.STANDARD.h();
    }

    /**
     * The prover's first move for openings of C_a, C_b, C_p: the nonces, and A1, A2, A3 as commitments
     * the caller computes (with other proofs' in one batch, {@code Commitment.commitAll}): A3 =
     * k1·C_b + k5·H is (k1·b)·G + (k1·r_b + k5)·H, since the prover knows C_b's opening.
     */
    record Start(Opening a, Opening b, Opening p, Scalar k1, Scalar k2, Scalar k3, Scalar k4, Scalar k5) {
        static Start draw(Opening a, Opening b, Opening p, SecureRandom rng) {
            return new Start(a, b, p, Scalar.random(rng), Scalar.random(rng), Scalar.random(rng), Scalar.random(rng),
                    Scalar.random(rng));
        }

        /** A1, A2, A3 as commitments: their values. */
        Scalar[] values() {
            return new Scalar[] {k1, k3, k1.multiply(b.value())};
        }

        /** A1, A2, A3 as commitments: their blindings. */
        Scalar[] blindings() {
            return new Scalar[] {k2, k4, k1.multiply(b.blinding()).add(k5)};
        }

        /** Appends A1, A2, A3 (the points of {@link #values}, {@link #blindings}), takes e, answers. */
        ProductProof finish(Transcript t, Point a1, Point a2, Point a3) {
            Scalar tBlind = p.blinding().subtract(a.value().multiply(b.blinding()));
            Scalar e = challenge(t, a1, a2, a3);
            return new ProductProof(a1, a2, a3, k1.add(e.multiply(a.value())), k2.add(e.multiply(a.blinding())),
                    k3.add(e.multiply(b.value())), k4.add(e.multiply(b.blinding())), k5.add(e.multiply(tBlind)));
        }
    }

    /**
     * Appends A1, A2, A3 and derives the challenge e, as the prover did.
     *
     * @throws VerificationException {@link Failure#POINT_AT_INFINITY} if an A is at infinity
     */
    Scalar challenge(Transcript t, String what) throws VerificationException {
        if (a1.isInfinity() || a2.isInfinity() || a3.isInfinity()) {
            throw new VerificationException(Failure.POINT_AT_INFINITY, what + ": a product proof point is at infinity");
        }
        return challenge(t, a1, a2, a3);
    }

    /**
     * Adds the three equations, each times its own random weight (times {@code weight}), to a verifier's
     * sum: {@code w₁(z1·G + z2·H − A1 − e·C_a) + w₂(z3·G + z4·H − A2 − e·C_b) + w₃(z1·C_b + z5·H − A3 − e·C_p)}.
     * Returns the coefficients of C_a, C_b and C_p in that sum, in this order (the caller adds each base
     * commitment once).
     */
    Scalar[] addTo(VerificationEquation eq, Scalar e, Scalar weight, SecureRandom rng) {
        Scalar w1 = weight.multiply(Scalar.random(rng));
        Scalar w2 = weight.multiply(Scalar.random(rng));
        Scalar w3 = weight.multiply(Scalar.random(rng));
        eq.addG(w1.multiply(z1).add(w2.multiply(z3)));
        eq.addH(w1.multiply(z2).add(w2.multiply(z4)).add(w3.multiply(z5)));
        eq.add(w1.negate(), a1);
        eq.add(w2.negate(), a2);
        eq.add(w3.negate(), a3);
        return new Scalar[] {w1.multiply(e).negate(), w3.multiply(z1).subtract(w2.multiply(e)), w3.multiply(e).negate()};
    }

    /**
     * The three equations checked one by one (to name a failure after a combined check failed).
     *
     * @throws VerificationException {@link Failure#PROOF_INVALID} naming the failed equation
     */
    void checkAlone(Scalar e, Commitment ca, Commitment cb, Commitment cp, String what) throws VerificationException {
        Scalar minusE = e.negate();
        check(Msm.sum(new Scalar[] {z1, z2, minusE}, new Point[] {g(), h(), ca.point()}), a1, what, "size opening");
        check(Msm.sum(new Scalar[] {z3, z4, minusE}, new Point[] {g(), h(), cb.point()}), a2, what, "snapshot opening");
        check(Msm.sum(new Scalar[] {z1, z5, minusE}, new Point[] {cb.point(), h(), cp.point()}), a3, what, "product");
    }

    private static void check(Point lhs, Point expected, String what, String equation) throws VerificationException {
        if (!lhs.equals(expected)) {
            throw new VerificationException(Failure.PROOF_INVALID, what + ": the " + equation + " equation of the product proof fails");
        }
    }

    private static Scalar challenge(Transcript t, Point a1, Point a2, Point a3) {
        t.append("product-A1", a1);
        t.append("product-A2", a2);
        t.append("product-A3", a3);
        return t.challenge("product");
    }
}
