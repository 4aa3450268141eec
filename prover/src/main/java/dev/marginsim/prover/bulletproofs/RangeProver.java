package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Parallel;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.pedersen.PedersenGenerators;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes range proofs: for openings (vⱼ, γⱼ), a proof that each committed vⱼ lies in [0, 2^n).
 * Follows Bünz et al. 2018 §4.2–4.3; the equations are in docs/proofs-private.md.
 */
public final class RangeProver {
    private RangeProver() {
    }

    /**
     * Proves that every opening's value lies in [0, 2^bits), appending the statement (bits, count, every
     * commitment) and the proof to {@code transcript}, which the caller has seeded with every public
     * input the proof must be bound to.
     *
     * @param bits a power of two in [1, 64]
     * @param openings a power-of-two count in [1, 256]
     * @throws IllegalArgumentException for a bad shape or a value outside [0, 2^bits)
     */
    public static RangeProof prove(Transcript transcript, int bits, List<Opening> openings, SecureRandom rng) {
        checkShape(bits, openings.size());
        checkValues(bits, openings);
        return proveUnchecked(transcript, bits, openings, Nonces.from(rng));
    }

    /** Convenience: one value. */
    public static RangeProof prove(Transcript transcript, int bits, Opening opening, SecureRandom rng) {
        return prove(transcript, bits, List.of(opening), rng);
    }

    /**
     * Proves that every opening's value lies in [0, 2^bits) for any number of openings, one aggregated
     * proof per chunk of {@link RangeChunks#sizes} (in that order), each on its own fork of
     * {@code transcript} ({@link RangeChunks#fork}). {@code transcript} itself is not changed.
     *
     * @param bindCommitments true to append each chunk's commitments to its transcript; false when the
     *     caller has bound them itself (its appends determine them), which saves computing them
     * @throws IllegalArgumentException for a bad bit width, no openings, or a value outside [0, 2^bits)
     */
    public static List<RangeProof> proveChunks(Transcript transcript, int bits, List<Opening> openings,
            boolean bindCommitments, SecureRandom rng) {
        checkValues(bits, openings);
        return proveChunksUnchecked(transcript, bits, openings, bindCommitments, rng);
    }

    /** {@link #proveChunks} without the range check (a cheating prover's low bits): for soundness tests. */
    static List<RangeProof> proveChunksUnchecked(Transcript transcript, int bits, List<Opening> openings,
            boolean bindCommitments, SecureRandom rng) {
        int m = openings.size();
        int[] sizes = RangeChunks.sizes(bits, m);
        int count = sizes.length;
        // Everything that reads shared state is done here, in chunk order: the transcript forks and
        // each chunk's nonce seed. The chunks are then independent and run on two lanes.
        Transcript[] forks = new Transcript[count];
        Nonces[] nonces = new Nonces[count];
        List<List<Opening>> parts = new ArrayList<>();
        int first = 0;
        for (int c = 0; c < count; c++) {
            forks[c] = RangeChunks.fork(transcript, c, first, m);
            nonces[c] = Nonces.from(rng);
            parts.add(openings.subList(first, first + sizes[c]));
            first += sizes[c];
        }
        long[] cost = new long[count];
        for (int c = 0; c < count; c++) {
            cost[c] = (long) sizes[c] * bits;
        }
        return onTwoLanes(cost, c -> proveUnchecked(forks[c], bits, parts.get(c), bindCommitments, nonces[c]));
    }

    private static void checkValues(int bits, List<Opening> openings) {
        if (!RangeParameters.validBits(bits)) {
            throw new IllegalArgumentException("bit width must be a power of two in [1, 64]: " + bits);
        }
        if (openings.isEmpty()) {
            throw new IllegalArgumentException("nothing to prove");
        }
        BigInteger bound = BigInteger.ONE.shiftLeft(bits);
        for (int j = 0; j < openings.size(); j++) {
            if (openings.get(j).value().toBigInteger().compareTo(bound) >= 0) {
                throw new IllegalArgumentException("value " + j + " is not in [0, 2^" + bits + ")");
            }
        }
    }

    private static void checkShape(int bits, int m) {
        if (!RangeParameters.validBits(bits)) {
            throw new IllegalArgumentException("bit width must be a power of two in [1, 64]: " + bits);
        }
        if (!RangeParameters.validCount(m)) {
            throw new IllegalArgumentException("value count must be a power of two in [1, 256]: " + m);
        }
    }

    /**
     * The protocol without the range check: a value outside the range is proven with its low
     * {@code bits} bits, which is what a cheating prover would do. Package-private, for soundness tests.
     */
    static RangeProof proveUnchecked(Transcript t, int bits, List<Opening> openings, SecureRandom rng) {
        return proveUnchecked(t, bits, openings, Nonces.from(rng));
    }

    private static RangeProof proveUnchecked(Transcript t, int bits, List<Opening> openings, Nonces rng) {
        return proveUnchecked(t, bits, openings, true, rng);
    }

    private static RangeProof proveUnchecked(Transcript t, int bits, List<Opening> openings, boolean bindCommitments,
            Nonces rng) {
        checkShape(bits, openings.size());
        if (bindCommitments) {
            List<Commitment> commitments = new ArrayList<>(openings.size());
            for (Opening o : openings) {
                commitments.add(o.commit());
            }
            RangeParameters.bindStatement(t, bits, commitments);
        } else {
            RangeParameters.bindShape(t, bits, openings.size());
        }
        return proveBound(t, RangeLayout.uniform(bits, openings.size()), openings, rng);
    }

    /**
     * Proves values of different widths (each in [1, 64]) in packed chunks ({@link RangeChunks#pack}),
     * one proof per chunk in that order, each on its own fork of {@code transcript}
     * ({@link RangeChunks#forkPacked}); the caller has bound the values' commitments itself (its appends
     * determine them). {@code transcript} itself is not changed.
     *
     * @throws IllegalArgumentException for a width outside [1, 64], a count mismatch, no openings, or a
     *     value outside [0, 2^width)
     */
    public static List<RangeProof> provePacked(Transcript transcript, int[] widths, List<Opening> openings,
            SecureRandom rng) {
        if (widths.length != openings.size()) {
            throw new IllegalArgumentException(widths.length + " widths for " + openings.size() + " values");
        }
        for (int j = 0; j < openings.size(); j++) {
            if (openings.get(j).value().toBigInteger().bitLength() > widths[j]) {
                throw new IllegalArgumentException("value " + j + " is not in [0, 2^" + widths[j] + ")");
            }
        }
        return provePackedUnchecked(transcript, widths, openings, rng);
    }

    /** {@link #provePacked} without the range check (a cheating prover's low bits): for soundness tests. */
    static List<RangeProof> provePackedUnchecked(Transcript transcript, int[] widths, List<Opening> openings,
            SecureRandom rng) {
        List<int[]> chunks = RangeChunks.pack(widths);
        int count = chunks.size();
        Transcript[] forks = new Transcript[count];
        Nonces[] nonces = new Nonces[count];
        RangeLayout[] layouts = new RangeLayout[count];
        List<List<Opening>> parts = new ArrayList<>();
        long[] cost = new long[count];
        for (int c = 0; c < count; c++) {
            int[] values = chunks.get(c);
            forks[c] = RangeChunks.forkPacked(transcript, c, values, widths);
            nonces[c] = Nonces.from(rng);
            layouts[c] = RangeLayout.packed(RangeChunks.widthsOf(widths, values));
            RangeParameters.bindPacked(forks[c], layouts[c]);
            List<Opening> part = new ArrayList<>(values.length);
            for (int v : values) {
                part.add(openings.get(v));
            }
            parts.add(part);
            cost[c] = layouts[c].bits();
        }
        return onTwoLanes(cost, c -> proveBound(forks[c], layouts[c], parts.get(c), nonces[c]));
    }

    /** Runs one task per chunk on two lanes ({@link Parallel#onTwoLanes}), and returns the results in chunk order. */
    private static List<RangeProof> onTwoLanes(long[] cost, java.util.function.IntFunction<RangeProof> task) {
        RangeProof[] out = new RangeProof[cost.length];
        Parallel.onTwoLanes(cost, c -> out[c] = task.apply(c));
        return List.of(out);
    }

    /** The proof proper, on a transcript where the statement is already bound. */
    private static RangeProof proveBound(Transcript t, RangeLayout layout, List<Opening> openings, Nonces rng) {
        PedersenGenerators ped = PedersenGenerators.STANDARD;
        int m = openings.size();
        int nm = layout.bits();
        BulletproofGenerators.noteUse(nm);
        Point[] gs = BulletproofGenerators.g(nm);
        Point[] hs = BulletproofGenerators.h(nm);

        // a_L: the bits of every value (padding bits 0), a_R = a_L − 1.
        boolean[] bit = new boolean[nm];
        for (int j = 0; j < m; j++) {
            BigInteger v = openings.get(j).value().toBigInteger();
            for (int i = 0; i < layout.width(j); i++) {
                bit[layout.offset(j) + i] = v.testBit(i);
            }
        }
        Scalar alpha = rng.next();
        Scalar[] aScalars = new Scalar[nm * 2 + 1];
        Point[] aPoints = new Point[nm * 2 + 1];
        for (int i = 0; i < nm; i++) {
            aScalars[i] = bit[i] ? Scalar.ONE : Scalar.ZERO;
            aPoints[i] = gs[i];
            aScalars[nm + i] = bit[i] ? Scalar.ZERO : Scalar.ONE.negate();
            aPoints[nm + i] = hs[i];
        }
        aScalars[2 * nm] = alpha;
        aPoints[2 * nm] = ped.h();
        Point bigA = Msm.sum(aScalars, aPoints);

        Scalar[] sL = new Scalar[nm];
        Scalar[] sR = new Scalar[nm];
        Scalar rho = rng.next();
        Scalar[] sScalars = new Scalar[nm * 2 + 1];
        Point[] sPoints = new Point[nm * 2 + 1];
        for (int i = 0; i < nm; i++) {
            sL[i] = rng.next();
            sR[i] = rng.next();
            sScalars[i] = sL[i];
            sPoints[i] = gs[i];
            sScalars[nm + i] = sR[i];
            sPoints[nm + i] = hs[i];
        }
        sScalars[2 * nm] = rho;
        sPoints[2 * nm] = ped.h();
        Point bigS = Msm.sum(sScalars, sPoints);

        t.append("A", bigA);
        t.append("S", bigS);
        Scalar y = t.challenge("y");
        Scalar z = t.challenge("z");

        // l(X) = l0 + l1·X, r(X) = r0 + r1·X.
        Scalar[] yPow = powers(y, nm);
        Scalar[] zz2 = zTwoTerms(z, layout);
        Scalar[] l0 = new Scalar[nm];
        Scalar[] r0 = new Scalar[nm];
        Scalar[] r1 = new Scalar[nm];
        Scalar minusOne = Scalar.ONE.negate();
        for (int i = 0; i < nm; i++) {
            Scalar aL = bit[i] ? Scalar.ONE : Scalar.ZERO;
            Scalar aR = bit[i] ? Scalar.ZERO : minusOne;
            l0[i] = aL.subtract(z);
            r0[i] = yPow[i].multiply(aR.add(z)).add(zz2[i]);
            r1[i] = yPow[i].multiply(sR[i]);
        }
        Scalar t1 = inner(l0, r1).add(inner(sL, r0));
        Scalar t2 = inner(sL, r1);
        Scalar tau1 = rng.next();
        Scalar tau2 = rng.next();
        Point bigT1 = new Opening(t1, tau1).commit().point();
        Point bigT2 = new Opening(t2, tau2).commit().point();
        t.append("T1", bigT1);
        t.append("T2", bigT2);
        Scalar x = t.challenge("x");

        Scalar[] l = new Scalar[nm];
        Scalar[] r = new Scalar[nm];
        for (int i = 0; i < nm; i++) {
            l[i] = l0[i].add(sL[i].multiply(x));
            r[i] = r0[i].add(r1[i].multiply(x));
        }
        Scalar tHat = inner(l, r);
        Scalar tauX = tau2.multiply(x.square()).add(tau1.multiply(x));
        Scalar zPow = z.square();
        for (int j = 0; j < m; j++) {
            tauX = tauX.add(zPow.multiply(openings.get(j).blinding()));
            zPow = zPow.multiply(z);
        }
        Scalar mu = alpha.add(rho.multiply(x));
        t.append("t_x_blinding", tauX);
        t.append("e_blinding", mu);
        t.append("t_x", tHat);
        Scalar w = t.challenge("w");

        // Inner-product argument for <l, G> + <r, H'> + t̂·w·G_ped with H'ᵢ = y^-i·Hᵢ: the factors y^-i
        // ride along as scalars until the first fold, so H' is never computed on its own.
        InnerProduct ip = InnerProduct.prove(t, ped.g().multiplyFixed(w), gs, hs, y.invert(), l, r);
        return new RangeProof(bigA, bigS, bigT1, bigT2, tauX, mu, tHat, ip.l(), ip.r(), ip.a(), ip.b());
    }

    static Scalar[] powers(Scalar base, int count) {
        Scalar[] out = new Scalar[count];
        Scalar p = Scalar.ONE;
        for (int i = 0; i < count; i++) {
            out[i] = p;
            p = p.multiply(base);
        }
        return out;
    }

    /** The vector z^{2+j}·2^i at bit i of value j (offset(j) + i); 0 on padding bits. */
    static Scalar[] zTwoTerms(Scalar z, RangeLayout layout) {
        Scalar[] out = new Scalar[layout.bits()];
        java.util.Arrays.fill(out, Scalar.ZERO);
        Scalar zPow = z.square();
        for (int j = 0; j < layout.values(); j++) {
            Scalar v = zPow;
            for (int i = 0; i < layout.width(j); i++) {
                out[layout.offset(j) + i] = v;
                v = v.add(v);
            }
            zPow = zPow.multiply(z);
        }
        return out;
    }

    static Scalar inner(Scalar[] a, Scalar[] b) {
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < a.length; i++) {
            acc = acc.add(a[i].toBigInteger().multiply(b[i].toBigInteger()));
        }
        return Scalar.reduce(acc);
    }
}
