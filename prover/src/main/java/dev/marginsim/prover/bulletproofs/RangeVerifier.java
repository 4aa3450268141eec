package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.PedersenGenerators;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies range proofs. Returns normally or throws {@link VerificationException}; there is no boolean.
 *
 * <p>The two checks of the protocol (the polynomial identity on t̂ and the inner-product relation) are
 * merged with a random weight into one equation Σ kᵢ·Pᵢ = O, checked by one multi-scalar
 * multiplication (docs/proofs-private.md, "Verification"). Batch verification weights each proof's
 * equation by a further random scalar and sums them, sharing the generator terms.
 */
public final class RangeVerifier {
    private static final SecureRandom RNG = new SecureRandom();

    private RangeVerifier() {
    }

    /**
     * Verifies that every commitment holds a value in [0, 2^bits), appending the statement and proof to
     * {@code transcript} exactly as the prover did.
     *
     * @throws VerificationException {@link Failure#LENGTH_MISMATCH} for a bit width or value count the
     *     proof's size does not fit, {@link Failure#VALUE_OUT_OF_RANGE} for a bit width or count this
     *     verifier does not accept, {@link Failure#POINT_AT_INFINITY} for a commitment at infinity,
     *     {@link Failure#RANGE_PROOF_INVALID} if the equation fails
     */
    public static void verify(Transcript transcript, int bits, List<Commitment> commitments, RangeProof proof)
            throws VerificationException {
        verifyBatch(List.of(new RangeClaim(transcript, bits, commitments, proof)), RNG);
    }

    /** Convenience: one commitment. */
    public static void verify(Transcript transcript, int bits, Commitment commitment, RangeProof proof)
            throws VerificationException {
        verify(transcript, bits, List.of(commitment), proof);
    }

    /** Verifies many claims with one multi-scalar multiplication; see {@link #verifyBatch(List, SecureRandom)}. */
    public static void verifyBatch(List<RangeClaim> claims) throws VerificationException {
        verifyBatch(claims, RNG);
    }

    /**
     * Verifies many claims at once: each claim's equation is weighted by a random scalar from
     * {@code rng} and all are checked by one multi-scalar multiplication. If the sum fails, each claim
     * is checked alone to name the first bad one ({@code "claim i: …"} in the message).
     *
     * @throws VerificationException as {@link #verify}, the message naming the claim's index
     */
    public static void verifyBatch(List<RangeClaim> claims, SecureRandom rng) throws VerificationException {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("nothing to verify");
        }
        List<Prepared> prepared = new ArrayList<>(claims.size());
        int maxN = 0;
        for (int i = 0; i < claims.size(); i++) {
            try {
                Prepared p = prepare(claims.get(i));
                prepared.add(p);
                maxN = Math.max(maxN, p.nm);
            } catch (VerificationException e) {
                throw claims.size() == 1 ? e
                        : new VerificationException(e.failure(), "claim " + i + ": " + e.getMessage(), e);
            }
        }
        if (check(prepared, maxN, rng)) {
            return;
        }
        if (prepared.size() == 1) {
            throw new VerificationException(Failure.RANGE_PROOF_INVALID, "the range proof's equation does not hold");
        }
        for (int i = 0; i < prepared.size(); i++) {
            if (!check(List.of(prepared.get(i)), prepared.get(i).nm, rng)) {
                throw new VerificationException(Failure.RANGE_PROOF_INVALID,
                        "claim " + i + ": the range proof's equation does not hold");
            }
        }
        // Every claim holds alone but not the weighted sum: only possible with probability ~2^-256.
        throw new VerificationException(Failure.RANGE_PROOF_INVALID, "the batched equation does not hold");
    }

    /** The transcript replayed: everything a claim's equation needs except the verifier's randomness. */
    private static final class Prepared {
        RangeClaim claim;
        int bits;
        int m;
        int nm;
        Scalar y;
        Scalar z;
        Scalar x;
        Scalar w;
        Scalar[] u;
        Scalar[] uInv;
    }

    private static Prepared prepare(RangeClaim c) throws VerificationException {
        int bits = c.bits();
        int m = c.commitments().size();
        if (!RangeParameters.validBits(bits)) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE,
                    "bit width must be a power of two in [1, 64], got " + bits);
        }
        if (!RangeParameters.validCount(m)) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE,
                    "commitment count must be a power of two in [1, 256], got " + m);
        }
        int nm = bits * m;
        RangeProof proof = c.proof();
        if (proof.rounds() != RangeParameters.log2(nm)) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "a proof for " + m + " values of " + bits
                    + " bits has " + RangeParameters.log2(nm) + " inner-product rounds, this one has " + proof.rounds());
        }
        for (int j = 0; j < m; j++) {
            if (c.commitments().get(j).point().isInfinity()) {
                throw new VerificationException(Failure.POINT_AT_INFINITY, "commitment " + j + " is the point at infinity");
            }
        }
        Transcript t = c.transcript();
        RangeParameters.bindStatement(t, bits, c.commitments());
        Prepared p = new Prepared();
        p.claim = c;
        p.bits = bits;
        p.m = m;
        p.nm = nm;
        t.append("A", proof.a());
        t.append("S", proof.s());
        p.y = t.challenge("y");
        p.z = t.challenge("z");
        t.append("T1", proof.t1());
        t.append("T2", proof.t2());
        p.x = t.challenge("x");
        t.append("t_x_blinding", proof.tauX());
        t.append("e_blinding", proof.mu());
        t.append("t_x", proof.tHat());
        p.w = t.challenge("w");
        t.append("ipp-dom-sep", "marginsim/ipp/v1");
        t.append("ipp-n", nm);
        int k = proof.rounds();
        p.u = new Scalar[k];
        for (int i = 0; i < k; i++) {
            t.append("L", proof.l().get(i));
            t.append("R", proof.r().get(i));
            p.u[i] = t.challenge("u");
        }
        p.uInv = Scalar.batchInvert(p.u);
        return p;
    }

    /** Builds Σ ωᵢ·(claim i's equation) and tests it for the identity. */
    private static boolean check(List<Prepared> claims, int maxN, SecureRandom rng) {
        PedersenGenerators ped = PedersenGenerators.STANDARD;
        Point[] gs = BulletproofGenerators.g(maxN);
        Point[] hs = BulletproofGenerators.h(maxN);
        BigInteger n = Scalar.ORDER;
        BigInteger[] gCoef = new BigInteger[maxN];
        BigInteger[] hCoef = new BigInteger[maxN];
        Arrays.fill(gCoef, BigInteger.ZERO);
        Arrays.fill(hCoef, BigInteger.ZERO);
        Scalar bCoef = Scalar.ZERO;
        Scalar bTildeCoef = Scalar.ZERO;
        List<Scalar> ks = new ArrayList<>();
        List<Point> ps = new ArrayList<>();

        for (Prepared p : claims) {
            RangeProof proof = p.claim.proof();
            Scalar omega = claims.size() == 1 ? Scalar.ONE : Scalar.random(rng);
            Scalar c = Scalar.random(rng);
            Scalar oc = omega.multiply(c);
            Scalar x = p.x;
            Scalar z = p.z;

            ks.add(omega);
            ps.add(proof.a());
            ks.add(omega.multiply(x));
            ps.add(proof.s());
            ks.add(oc.multiply(x));
            ps.add(proof.t1());
            ks.add(oc.multiply(x.square()));
            ps.add(proof.t2());
            for (int r = 0; r < p.u.length; r++) {
                ks.add(omega.multiply(p.u[r].square()));
                ps.add(proof.l().get(r));
                ks.add(omega.multiply(p.uInv[r].square()));
                ps.add(proof.r().get(r));
            }
            Scalar zPow = z.square();
            for (int j = 0; j < p.m; j++) {
                ks.add(oc.multiply(zPow));
                ps.add(p.claim.commitments().get(j).point());
                zPow = zPow.multiply(z);
            }

            // s_i: product of u_r^{±1}, + where bit (k − r) of i is set (round 1 = top bit).
            int k = p.u.length;
            Scalar[] s = new Scalar[p.nm];
            Scalar s0 = Scalar.ONE;
            for (Scalar ui : p.uInv) {
                s0 = s0.multiply(ui);
            }
            s[0] = s0;
            Scalar[] uSq = new Scalar[k];
            for (int r = 0; r < k; r++) {
                uSq[r] = p.u[r].square();
            }
            for (int i = 1; i < p.nm; i++) {
                int top = 31 - Integer.numberOfLeadingZeros(i);
                s[i] = s[i - (1 << top)].multiply(uSq[k - 1 - top]);
            }
            Scalar a = proof.ipA();
            Scalar b = proof.ipB();
            Scalar yInv = p.y.invert();
            Scalar[] zz2 = RangeProver.zTwoTerms(z, p.bits, p.m);
            BigInteger om = omega.toBigInteger();
            BigInteger zb = z.toBigInteger();
            BigInteger ab = a.toBigInteger();
            BigInteger bb = b.toBigInteger();
            BigInteger yInvPow = BigInteger.ONE;
            BigInteger yInvB = yInv.toBigInteger();
            for (int i = 0; i < p.nm; i++) {
                // G_i: ω(−z − a·s_i)
                BigInteger gi = zb.add(ab.multiply(s[i].toBigInteger())).negate();
                gCoef[i] = gCoef[i].add(om.multiply(gi.mod(n))).mod(n);
                // H_i: ω(z + y^-i·(zz2_i − b·s_i^-1)), s_i^-1 = s_{N−1−i}
                BigInteger inner = zz2[i].toBigInteger().subtract(bb.multiply(s[p.nm - 1 - i].toBigInteger())).mod(n);
                BigInteger hi = zb.add(yInvPow.multiply(inner)).mod(n);
                hCoef[i] = hCoef[i].add(om.multiply(hi)).mod(n);
                yInvPow = yInvPow.multiply(yInvB).mod(n);
            }
            // δ(y, z) = (z − z²)·Σ y^i − Σ_j z^{3+j}·(2^n − 1)
            Scalar sumY = Scalar.ZERO;
            Scalar yPow = Scalar.ONE;
            for (int i = 0; i < p.nm; i++) {
                sumY = sumY.add(yPow);
                yPow = yPow.multiply(p.y);
            }
            Scalar delta = z.subtract(z.square()).multiply(sumY);
            Scalar twoN1 = Scalar.reduce(BigInteger.ONE.shiftLeft(p.bits).subtract(BigInteger.ONE));
            Scalar z3 = z.square().multiply(z);
            for (int j = 0; j < p.m; j++) {
                delta = delta.subtract(z3.multiply(twoN1));
                z3 = z3.multiply(z);
            }
            Scalar tHat = proof.tHat();
            // B: ω(w(t̂ − ab) + c(δ − t̂)); B̃: ω(−μ − c·τx)
            bCoef = bCoef.add(omega.multiply(p.w.multiply(tHat.subtract(a.multiply(b)))
                    .add(c.multiply(delta.subtract(tHat)))));
            bTildeCoef = bTildeCoef.add(omega.multiply(proof.mu().add(c.multiply(proof.tauX())).negate()));
        }
        for (int i = 0; i < maxN; i++) {
            ks.add(Scalar.ofCanonical(gCoef[i]));
            ps.add(gs[i]);
            ks.add(Scalar.ofCanonical(hCoef[i]));
            ps.add(hs[i]);
        }
        ks.add(bCoef);
        ps.add(ped.g());
        ks.add(bTildeCoef);
        ps.add(ped.h());
        return Msm.sum(ks.toArray(new Scalar[0]), ps.toArray(new Point[0])).isInfinity();
    }
}
