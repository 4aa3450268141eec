package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Parallel;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.curve.ScalarMath;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
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
        for (int i = 0; i < claims.size(); i++) {
            RangeClaim c = claims.get(i);
            try {
                prepared.add(prepare(c.transcript(), c.bits(), c.commitments().size(), c.commitments(), c.proof()));
            } catch (VerificationException e) {
                throw claims.size() == 1 ? e
                        : new VerificationException(e.failure(), "claim " + i + ": " + e.getMessage(), e);
            }
        }
        VerificationEquation eq = new VerificationEquation();
        for (Prepared p : prepared) {
            p.addWithCommitments(eq, prepared.size() == 1 ? Scalar.ONE : Scalar.random(rng), rng);
        }
        if (eq.holds()) {
            return;
        }
        if (prepared.size() == 1) {
            throw new VerificationException(Failure.RANGE_PROOF_INVALID, "the range proof's equation does not hold");
        }
        for (int i = 0; i < prepared.size(); i++) {
            VerificationEquation alone = new VerificationEquation();
            prepared.get(i).addWithCommitments(alone, Scalar.ONE, rng);
            if (!alone.holds()) {
                throw new VerificationException(Failure.RANGE_PROOF_INVALID,
                        "claim " + i + ": the range proof's equation does not hold");
            }
        }
        // Every claim holds alone but not the weighted sum: only possible with probability ~2^-256.
        throw new VerificationException(Failure.RANGE_PROOF_INVALID, "the batched equation does not hold");
    }

    /**
     * Verifies chunked proofs ({@link RangeProver#proveChunks} with the commitments bound): every
     * commitment's value lies in [0, 2^bits). All chunks are checked by one multi-scalar multiplication.
     *
     * @throws VerificationException {@link Failure#LENGTH_MISMATCH} for another number of chunks than
     *     {@link RangeChunks#sizes} gives or a chunk of the wrong size; otherwise as {@link #verify}, a
     *     failing equation naming its chunk
     */
    public static void verifyChunks(Transcript transcript, int bits, List<Commitment> commitments, List<RangeProof> proofs)
            throws VerificationException {
        Chunks chunks = prepareChunks(transcript, bits, commitments.size(), commitments, proofs);
        VerificationEquation eq = new VerificationEquation();
        Scalar[] v = chunks.addTo(eq, Scalar.ONE, RNG);
        for (int j = 0; j < v.length; j++) {
            eq.add(v[j], commitments.get(j).point());
        }
        if (eq.holds()) {
            return;
        }
        chunks.throwFirstFailing(RNG);
    }

    /**
     * Replays the transcripts of chunked proofs over m values, for a caller that checks them together
     * with equations of its own ({@link Chunks#addTo}).
     *
     * @param bound the commitments if the prover bound them ({@code bindCommitments} true); null if the
     *     caller bound them itself, and then supplies each value's commitment from {@link Chunks#addTo}'s
     *     weights
     */
    public static Chunks prepareChunks(Transcript transcript, int bits, int m, List<Commitment> bound, List<RangeProof> proofs)
            throws VerificationException {
        if (m < 1 || (bound != null && bound.size() != m)) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "a range statement needs one commitment per value");
        }
        int[] sizes = RangeChunks.sizes(bits, m);
        if (proofs.size() != sizes.length) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, m + " values are proven in " + sizes.length
                    + " chunks, got " + proofs.size() + " range proofs");
        }
        List<Prepared> prepared = new ArrayList<>();
        int[][] members = new int[sizes.length][];
        int first = 0;
        for (int c = 0; c < sizes.length; c++) {
            Transcript t = RangeChunks.fork(transcript, c, first, m);
            try {
                prepared.add(prepare(t, bits, sizes[c], bound == null ? null : bound.subList(first, first + sizes[c]),
                        proofs.get(c)));
            } catch (VerificationException e) {
                throw new VerificationException(e.failure(), "range chunk " + c + ": " + e.getMessage(), e);
            }
            members[c] = new int[sizes[c]];
            for (int i = 0; i < sizes[c]; i++) {
                members[c][i] = first + i;
            }
            first += sizes[c];
        }
        return new Chunks(prepared, members, m);
    }

    /**
     * Replays the transcripts of packed proofs ({@link RangeProver#provePacked}): values of the given
     * widths, commitments bound by the caller, who supplies each value's commitment from
     * {@link Chunks#addTo}'s weights.
     *
     * @throws VerificationException {@link Failure#LENGTH_MISMATCH} for another number of proofs than
     *     {@link RangeChunks#pack} gives or a proof with the wrong number of rounds
     */
    public static Chunks preparePacked(Transcript transcript, int[] widths, List<RangeProof> proofs)
            throws VerificationException {
        List<int[]> chunks = RangeChunks.pack(widths);
        if (proofs.size() != chunks.size()) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, widths.length + " values are proven in "
                    + chunks.size() + " chunks, got " + proofs.size() + " range proofs");
        }
        List<Prepared> prepared = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            Transcript t = RangeChunks.forkPacked(transcript, c, chunks.get(c), widths);
            RangeLayout layout = RangeLayout.packed(RangeChunks.widthsOf(widths, chunks.get(c)));
            RangeParameters.bindPacked(t, layout);
            try {
                prepared.add(replay(t, layout, null, proofs.get(c)));
            } catch (VerificationException e) {
                throw new VerificationException(e.failure(), "range chunk " + c + ": " + e.getMessage(), e);
            }
        }
        return new Chunks(prepared, chunks.toArray(new int[0][]), widths.length);
    }

    /** Chunked proofs with their transcripts replayed, ready to be added to an equation. */
    public static final class Chunks {
        private final List<Prepared> chunks;
        /** Per chunk, the statement indices of its values in the chunk's order. */
        private final int[][] members;
        private final int m;

        private Chunks(List<Prepared> chunks, int[][] members, int m) {
            this.chunks = chunks;
            this.members = members;
            this.m = m;
        }

        /**
         * Adds every chunk's equation, each times {@code weight} and a fresh random weight of its own
         * (the first chunk's is 1 when {@code weight} is already random), and returns the coefficient
         * each value's commitment takes in the sum. Bound commitments are added here; for caller-bound
         * ones the caller adds {@code coefficient[j]·V_j} itself (as a combination of its points).
         */
        public Scalar[] addTo(VerificationEquation eq, Scalar weight, SecureRandom rng) {
            int count = chunks.size();
            Scalar[] omega = new Scalar[count];
            Scalar[] check = new Scalar[count];
            for (int c = 0; c < count; c++) {
                omega[c] = c == 0 ? weight : weight.multiply(Scalar.random(rng));
                check[c] = Scalar.random(rng);
            }
            // The generators' coefficients are most of the verifier's own arithmetic (5 products per
            // generator): the chunks' are computed on two lanes, then added in chunk order.
            int[][][][] vectors = new int[count][][][];
            long[] cost = new long[count];
            for (int c = 0; c < count; c++) {
                cost[c] = chunks.get(c).nm;
            }
            Parallel.onTwoLanes(cost, c -> vectors[c] = chunks.get(c).vectors(omega[c]));
            Scalar[] out = new Scalar[m];
            for (int c = 0; c < count; c++) {
                scatter(chunks.get(c).addTo(eq, omega[c], check[c], vectors[c]), members[c], out);
            }
            return out;
        }

        /** Adds chunk {@code c} alone (weight 1); the returned coefficients are zero outside it. */
        public Scalar[] addChunkTo(int c, VerificationEquation eq, SecureRandom rng) {
            Scalar[] out = new Scalar[m];
            java.util.Arrays.fill(out, Scalar.ZERO);
            scatter(chunks.get(c).addTo(eq, Scalar.ONE, rng), members[c], out);
            return out;
        }

        private static void scatter(Scalar[] chunkValues, int[] indices, Scalar[] out) {
            for (int i = 0; i < indices.length; i++) {
                out[indices[i]] = chunkValues[i];
            }
        }

        public int count() {
            return chunks.size();
        }

        /** For bound commitments: checks chunk by chunk and throws for the first that fails. */
        void throwFirstFailing(SecureRandom rng) throws VerificationException {
            for (int c = 0; c < chunks.size(); c++) {
                VerificationEquation alone = new VerificationEquation();
                chunks.get(c).addWithCommitments(alone, Scalar.ONE, rng);
                if (!alone.holds()) {
                    throw new VerificationException(Failure.RANGE_PROOF_INVALID,
                            "range chunk " + c + ": the range proof's equation does not hold");
                }
            }
            throw new VerificationException(Failure.RANGE_PROOF_INVALID, "the batched range equation does not hold");
        }
    }

    /** The transcript replayed: everything a proof's equation needs except the verifier's randomness. */
    private static final class Prepared {
        RangeProof proof;
        List<Commitment> commitments;
        RangeLayout layout;
        int m;
        int nm;
        Scalar y;
        Scalar z;
        Scalar x;
        Scalar w;
        Scalar[] u;
        Scalar[] uInv;

        /** Adds this proof's terms and its bound commitments'. */
        void addWithCommitments(VerificationEquation eq, Scalar omega, SecureRandom rng) {
            Scalar[] v = addTo(eq, omega, rng);
            for (int j = 0; j < m; j++) {
                eq.add(v[j], commitments.get(j).point());
            }
        }

        /**
         * Adds ω·((ii) + c·(i)) without the commitments' terms, and returns their coefficients
         * ω·c·z^{2+j} (docs/proofs-private.md, "Verification").
         */
        Scalar[] addTo(VerificationEquation eq, Scalar omega, SecureRandom rng) {
            return addTo(eq, omega, Scalar.random(rng), vectors(omega));
        }

        /**
         * Adds ω·((ii) + c·(i)) given the generators' coefficients from {@link #vectors}, without the
         * commitments' terms, and returns their coefficients ω·c·z^{2+j}.
         */
        Scalar[] addTo(VerificationEquation eq, Scalar omega, Scalar c, int[][][] vectors) {
            Scalar oc = omega.multiply(c);
            eq.add(omega, proof.a());
            eq.add(omega.multiply(x), proof.s());
            eq.add(oc.multiply(x), proof.t1());
            eq.add(oc.multiply(x.square()), proof.t2());
            for (int r = 0; r < u.length; r++) {
                eq.add(omega.multiply(u[r].square()), proof.l().get(r));
                eq.add(omega.multiply(uInv[r].square()), proof.r().get(r));
            }
            Scalar[] vWeights = new Scalar[m];
            Scalar zPow = z.square();
            for (int j = 0; j < m; j++) {
                vWeights[j] = oc.multiply(zPow);
                zPow = zPow.multiply(z);
            }
            eq.addVectors(vectors[0], vectors[1]);
            // δ(y, z) = (z − z²)·Σ y^i − Σ_j z^{3+j}·(2^{n_j} − 1), the sum over every bit, padding included
            // Σ_{i<N} y^i as a geometric series (one exponentiation instead of N products).
            Scalar sumY = y.equals(Scalar.ONE) ? Scalar.of(nm)
                    : y.pow(nm).subtract(Scalar.ONE).multiply(y.subtract(Scalar.ONE).invert());
            Scalar delta = z.subtract(z.square()).multiply(sumY);
            Scalar z3 = z.square().multiply(z);
            for (int j = 0; j < m; j++) {
                Scalar twoN1 = Scalar.reduce(BigInteger.ONE.shiftLeft(layout.width(j)).subtract(BigInteger.ONE));
                delta = delta.subtract(z3.multiply(twoN1));
                z3 = z3.multiply(z);
            }
            Scalar tHat = proof.tHat();
            Scalar a = proof.ipA();
            Scalar b = proof.ipB();
            // G: ω(w(t̂ − ab) + c(δ − t̂)); H: ω(−μ − c·τx)
            eq.addG(omega.multiply(w.multiply(tHat.subtract(a.multiply(b))).add(c.multiply(delta.subtract(tHat)))));
            eq.addH(omega.multiply(proof.mu().add(c.multiply(proof.tauX())).negate()));
            return vWeights;
        }

        /** The coefficients ω·(−z − a·s_i) of Gᵢ and ω·(z + y^-i·(zz2_i − b·s_i^-1)) of Hᵢ, as {g, h}. */
        int[][][] vectors(Scalar omega) {
            // The loops over the N generators run on ScalarMath limbs (no BigInteger allocation, ~4× faster a product).
            int[][] s = challengeProducts(u, uInv);
            Scalar a = proof.ipA();
            Scalar b = proof.ipB();
            // Four multiplications mod n per index: ω is folded into the constants and into y^{-i}.
            int[] omZ = ScalarMath.of(omega.multiply(z));
            int[] omA = ScalarMath.of(omega.multiply(a));
            int[] bl = ScalarMath.of(b);
            int[] yInv = ScalarMath.of(y.invert());
            int[] omYInvPow = ScalarMath.of(omega);
            int[] zz2 = new int[8];
            int[] zPowL = ScalarMath.of(z.square());
            int[] zL = ScalarMath.of(z);
            int[] t = new int[8];
            int[][] gCoef = new int[nm][];
            int[][] hCoef = new int[nm][];
            int value = -1;
            int valueEnd = 0;
            for (int i = 0; i < nm; i++) {
                // zz2_i = z^{2+j}·2^{i − offset(j)} on the bits of value j, 0 on padding
                if (i == valueEnd) {
                    value++;
                    if (value < m) {
                        if (value > 0) {
                            ScalarMath.mul(zPowL, zL, zPowL);
                        }
                        System.arraycopy(zPowL, 0, zz2, 0, 8);
                        valueEnd = layout.offset(value) + layout.width(value);
                    } else {
                        java.util.Arrays.fill(zz2, 0);
                        valueEnd = Integer.MAX_VALUE;
                    }
                } else if (value < m) {
                    ScalarMath.add(zz2, zz2, zz2);
                }
                // G_i: ω(−z − a·s_i)
                int[] g = new int[8];
                ScalarMath.mul(omA, s[i], g);
                ScalarMath.add(g, omZ, g);
                ScalarMath.negate(g, g);
                gCoef[i] = g;
                // H_i: ω(z + y^-i·(zz2_i − b·s_i^-1)), s_i^-1 = s_{N−1−i}
                ScalarMath.mul(bl, s[nm - 1 - i], t);
                ScalarMath.sub(zz2, t, t);
                int[] h = new int[8];
                ScalarMath.mul(omYInvPow, t, h);
                ScalarMath.add(h, omZ, h);
                hCoef[i] = h;
                ScalarMath.mul(omYInvPow, yInv, omYInvPow);
            }
            return new int[][][] {gCoef, hCoef};
        }
    }

    /**
     * The inner-product verifier's s_i for i below 2^k (k rounds) as {@link ScalarMath} limbs: the
     * product of u_r^{±1} over the rounds, u_r where bit (k − r) of i is set (round 1 = top bit), u_r⁻¹
     * where it is clear. s_i⁻¹ = s_{2^k−1−i}.
     */
    static int[][] challengeProducts(Scalar[] u, Scalar[] uInv) {
        int k = u.length;
        int n = 1 << k;
        int[][] s = new int[n][];
        Scalar s0 = Scalar.ONE;
        for (Scalar ui : uInv) {
            s0 = s0.multiply(ui);
        }
        s[0] = ScalarMath.of(s0);
        int[][] uSq = new int[k][];
        for (int r = 0; r < k; r++) {
            uSq[r] = ScalarMath.of(u[r].square());
        }
        for (int i = 1; i < n; i++) {
            int top = 31 - Integer.numberOfLeadingZeros(i);
            s[i] = new int[8];
            ScalarMath.mul(s[i - (1 << top)], uSq[k - 1 - top], s[i]);
        }
        return s;
    }

    /**
     * Checks the shape and replays the transcript.
     *
     * @param commitments the commitments to append, or null when the caller bound them
     */
    private static Prepared prepare(Transcript t, int bits, int m, List<Commitment> commitments, RangeProof proof)
            throws VerificationException {
        if (!RangeParameters.validBits(bits)) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE,
                    "bit width must be a power of two in [1, 64], got " + bits);
        }
        if (!RangeParameters.validCount(m)) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE,
                    "commitment count must be a power of two in [1, 256], got " + m);
        }
        int nm = bits * m;
        if (proof.rounds() != RangeParameters.log2(nm)) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "a proof for " + m + " values of " + bits
                    + " bits has " + RangeParameters.log2(nm) + " inner-product rounds, this one has " + proof.rounds());
        }
        if (commitments != null) {
            for (int j = 0; j < m; j++) {
                if (commitments.get(j).point().isInfinity()) {
                    throw new VerificationException(Failure.POINT_AT_INFINITY, "commitment " + j + " is the point at infinity");
                }
            }
            RangeParameters.bindStatement(t, bits, commitments);
        } else {
            RangeParameters.bindShape(t, bits, m);
        }
        return replay(t, RangeLayout.uniform(bits, m), commitments, proof);
    }

    /**
     * Replays the transcript after the statement's binding: the challenges of a proof over
     * {@code layout}.
     */
    private static Prepared replay(Transcript t, RangeLayout layout, List<Commitment> commitments, RangeProof proof)
            throws VerificationException {
        int m = layout.values();
        int nm = layout.bits();
        if (proof.rounds() != RangeParameters.log2(nm)) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "a proof over " + nm + " bits has "
                    + RangeParameters.log2(nm) + " inner-product rounds, this one has " + proof.rounds());
        }
        BulletproofGenerators.noteUse(nm);
        Prepared p = new Prepared();
        p.proof = proof;
        p.commitments = commitments;
        p.layout = layout;
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
        p.u = innerProductChallenges(t, nm, proof.l(), proof.r());
        p.uInv = Scalar.batchInvert(p.u);
        return p;
    }

    /** Replays the inner-product argument's transcript over n entries: its challenges u₁ … u_k. */
    static Scalar[] innerProductChallenges(Transcript t, int n, List<dev.marginsim.prover.curve.Point> l,
            List<dev.marginsim.prover.curve.Point> r) {
        t.append("ipp-dom-sep", "marginsim/ipp/v1");
        t.append("ipp-n", n);
        Scalar[] u = new Scalar[l.size()];
        for (int i = 0; i < u.length; i++) {
            t.append("L", l.get(i));
            t.append("R", r.get(i));
            u[i] = t.challenge("u");
        }
        return u;
    }
}
