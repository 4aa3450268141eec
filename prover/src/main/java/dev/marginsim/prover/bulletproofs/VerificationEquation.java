package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.curve.ScalarMath;
import dev.marginsim.prover.pedersen.PedersenGenerators;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sum Σ kᵢ·Pᵢ that a verifier expects to be the point at infinity, built from several checks each
 * multiplied by its own random weight, and tested with one multi-scalar multiplication. The terms of
 * the shared bases (the Pedersen G and H, the vector generators Gᵢ, Hᵢ) are added up before the
 * multiplication, so checks that share them cost them once.
 *
 * <p>The weights must come from the verifier's own randomness, never from the proofs: a prover who
 * could predict them could make two failing checks cancel. With uniform weights a false check survives
 * with probability about 2⁻²⁵⁶ per check.
 */
public final class VerificationEquation {
    private static final BigInteger N = Scalar.ORDER;

    private final List<Scalar> scalars = new ArrayList<>();
    private final List<Point> points = new ArrayList<>();
    private int[][] gVector = new int[0][];
    private int[][] hVector = new int[0][];
    private BigInteger pedersenG = BigInteger.ZERO;
    private BigInteger pedersenH = BigInteger.ZERO;

    /** Adds {@code k·p}. */
    public VerificationEquation add(Scalar k, Point p) {
        scalars.add(k);
        points.add(p);
        return this;
    }

    /** Adds {@code k·G} for the Pedersen value base G. */
    public VerificationEquation addG(Scalar k) {
        pedersenG = pedersenG.add(k.toBigInteger());
        return this;
    }

    /** Adds {@code k·H} for the Pedersen blinding base H. */
    public VerificationEquation addH(Scalar k) {
        pedersenH = pedersenH.add(k.toBigInteger());
        return this;
    }

    /** Adds Σ g[i]·Gᵢ + Σ h[i]·Hᵢ over the range proofs' vector generators ({@link ScalarMath} limbs below n). */
    void addVectors(int[][] g, int[][] h) {
        if (g.length > gVector.length) {
            int old = gVector.length;
            gVector = Arrays.copyOf(gVector, g.length);
            hVector = Arrays.copyOf(hVector, g.length);
            for (int i = old; i < g.length; i++) {
                gVector[i] = new int[8];
                hVector[i] = new int[8];
            }
        }
        for (int i = 0; i < g.length; i++) {
            ScalarMath.add(gVector[i], g[i], gVector[i]);
            ScalarMath.add(hVector[i], h[i], hVector[i]);
        }
    }

    /** Number of terms the multiplication will have (for tests and benchmarks). */
    public int terms() {
        return scalars.size() + 2 * gVector.length + 2;
    }

    /** True if the weighted sum is the point at infinity. */
    public boolean holds() {
        int n = gVector.length;
        Scalar[] k = new Scalar[scalars.size() + 2 * n + 2];
        Point[] p = new Point[k.length];
        int at = 0;
        for (int i = 0; i < scalars.size(); i++, at++) {
            k[at] = scalars.get(i);
            p[at] = points.get(i);
        }
        Point[] gs = BulletproofGenerators.g(n);
        Point[] hs = BulletproofGenerators.h(n);
        for (int i = 0; i < n; i++) {
            k[at] = ScalarMath.toScalar(gVector[i]);
            p[at++] = gs[i];
            k[at] = ScalarMath.toScalar(hVector[i]);
            p[at++] = hs[i];
        }
        k[at] = Scalar.ofCanonical(pedersenG.mod(N));
        p[at++] = PedersenGenerators.STANDARD.g();
        k[at] = Scalar.ofCanonical(pedersenH.mod(N));
        p[at] = PedersenGenerators.STANDARD.h();
        return Msm.sum(k, p).isInfinity();
    }
}
