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
 * A Σ-protocol (made non-interactive by the transcript) that a market's committed absolute size is
 * the size or its negative: for {@code C_s = s·G + r_s·H} and {@code C_u = u·G + r_u·H} it shows
 * {@code (s − u)·(s + u) = 0}, so {@code s ≡ ±u}; with u range-proven in [0, 2^63) the size is an
 * int64 and u is exactly |s|. It is a product proof whose product is zero, so that product needs no
 * commitment: with {@code x = s − u}, {@code C_x = C_s − C_u}, {@code C_y = C_s + C_u} (opening y = s + u,
 * r_y = r_s + r_u) and {@code t = −x·r_y}, the prover knows x, r_x and t with
 * {@code x·C_y + t·H = O}, which means {@code x·y·G = −(x·r_y + t)·H}: x·y = 0, or the prover knows
 * log_G H.
 *
 * <pre>
 * prover:   k1, k2, k3 random; A1 = k1·G + k2·H; A2 = k1·C_y + k3·H (= (k1·y)·G + (k1·r_y + k3)·H)
 *           e = challenge("abs-size") after appending A1, A2
 *           z1 = k1 + e·x, z2 = k2 + e·r_x, z3 = k3 + e·t
 * verifier: z1·G + z2·H = A1 + e·(C_s − C_u);  z1·(C_s + C_u) + z3·H = A2
 * </pre>
 * Special soundness: two accepting transcripts with different e give x, r_x and t as above (the
 * opening of C_y follows from those of C_x and the range-proven C_u); honest-verifier zero knowledge:
 * pick z1, z2, z3 and e, then A1 and A2 by the two equations.
 */
public record AbsoluteSizeProof(Point a1, Point a2, Scalar z1, Scalar z2, Scalar z3) {
    public AbsoluteSizeProof {
        Objects.requireNonNull(a1);
        Objects.requireNonNull(a2);
        Objects.requireNonNull(z1);
        Objects.requireNonNull(z2);
        Objects.requireNonNull(z3);
    }

    private static Point g() {
        return PedersenGenerators.STANDARD.g();
    }

    private static Point h() {
        return PedersenGenerators.STANDARD.h();
    }

    /**
     * The prover's first move for openings of C_s and C_u: the nonces, and A1, A2 as commitments the
     * caller computes (with other proofs' in one batch): A2 = k1·C_y + k3·H is (k1·y)·G + (k1·r_y + k3)·H.
     * A size whose absolute value is not {@code abs} gives a proof that fails to verify (the prover
     * computes the same formulas; soundness tests rely on it).
     */
    record Start(Opening size, Opening abs, Scalar k1, Scalar k2, Scalar k3) {
        static Start draw(Opening size, Opening abs, SecureRandom rng) {
            return new Start(size, abs, Scalar.random(rng), Scalar.random(rng), Scalar.random(rng));
        }

        private Opening y() {
            return size.add(abs);
        }

        /** A1, A2 as commitments: their values. */
        Scalar[] values() {
            return new Scalar[] {k1, k1.multiply(y().value())};
        }

        /** A1, A2 as commitments: their blindings. */
        Scalar[] blindings() {
            return new Scalar[] {k2, k1.multiply(y().blinding()).add(k3)};
        }

        /** Appends A1, A2 (the points of {@link #values}, {@link #blindings}), takes e, answers. */
        AbsoluteSizeProof finish(Transcript t, Point a1, Point a2) {
            Opening x = size.subtract(abs);
            Scalar tBlind = x.value().multiply(y().blinding()).negate();
            Scalar e = challenge(t, a1, a2);
            return new AbsoluteSizeProof(a1, a2, k1.add(e.multiply(x.value())), k2.add(e.multiply(x.blinding())),
                    k3.add(e.multiply(tBlind)));
        }
    }

    /**
     * Appends A1, A2 and derives the challenge e, as the prover did.
     *
     * @throws VerificationException {@link Failure#POINT_AT_INFINITY} if an A is at infinity
     */
    Scalar challenge(Transcript t, String what) throws VerificationException {
        if (a1.isInfinity() || a2.isInfinity()) {
            throw new VerificationException(Failure.POINT_AT_INFINITY, what + ": an absolute-size proof point is at infinity");
        }
        return challenge(t, a1, a2);
    }

    /**
     * Adds both equations, each times its own random weight (times {@code weight}), to a verifier's sum:
     * {@code w₁(z1·G + z2·H − A1 − e·C_s + e·C_u) + w₂(z1·C_s + z1·C_u + z3·H − A2)}. Returns the
     * coefficients of C_s and C_u in that sum, in this order (the caller adds each base commitment once).
     */
    Scalar[] addTo(VerificationEquation eq, Scalar e, Scalar weight, SecureRandom rng) {
        Scalar w1 = weight.multiply(Scalar.random(rng));
        Scalar w2 = weight.multiply(Scalar.random(rng));
        eq.addG(w1.multiply(z1));
        eq.addH(w1.multiply(z2).add(w2.multiply(z3)));
        eq.add(w1.negate(), a1);
        eq.add(w2.negate(), a2);
        Scalar we = w1.multiply(e);
        Scalar wz = w2.multiply(z1);
        return new Scalar[] {wz.subtract(we), wz.add(we)};
    }

    /**
     * Both equations checked one by one (to name a failure after a combined check failed).
     *
     * @throws VerificationException {@link Failure#PROOF_INVALID} naming the failed equation
     */
    void checkAlone(Scalar e, Commitment cs, Commitment cu, String what) throws VerificationException {
        check(Msm.sum(new Scalar[] {z1, z2, e.negate()}, new Point[] {g(), h(), cs.subtract(cu).point()}), a1, what,
                "difference opening");
        check(Msm.sum(new Scalar[] {z1, z3}, new Point[] {cs.add(cu).point(), h()}), a2, what, "zero product");
    }

    private static void check(Point lhs, Point expected, String what, String equation) throws VerificationException {
        if (!lhs.equals(expected)) {
            throw new VerificationException(Failure.PROOF_INVALID,
                    what + ": the " + equation + " equation of the absolute-size proof fails");
        }
    }

    private static Scalar challenge(Transcript t, Point a1, Point a2) {
        t.append("abs-A1", a1);
        t.append("abs-A2", a2);
        return t.challenge("abs-size");
    }
}
