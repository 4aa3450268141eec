package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Point;
import java.util.Arrays;

/**
 * The vector generators G₀…G_{N−1} and H₀…H_{N−1} of the range proofs:
 * Gᵢ = hashToCurve("marginsim/bulletproofs/v1/G", u32be(i)) and
 * Hᵢ = hashToCurve("marginsim/bulletproofs/v1/H", u32be(i)) (docs/proofs-private.md, "Generators").
 * Derived on first use and kept for the process's life, so the multipliers' per-point tables (cached
 * on the points by Bouncy Castle) are computed once.
 */
public final class BulletproofGenerators {
    public static final String G_DOMAIN = "marginsim/bulletproofs/v1/G";
    public static final String H_DOMAIN = "marginsim/bulletproofs/v1/H";
    /** Most generators of either kind: 64 bits × 256 values. */
    public static final int MAX = 64 * 256;

    private static Point[] g = new Point[0];
    private static Point[] h = new Point[0];

    private BulletproofGenerators() {
    }

    /** G₀…G_{n−1} (a fresh array over shared points). */
    public static Point[] g(int n) {
        ensure(n);
        synchronized (BulletproofGenerators.class) {
            return Arrays.copyOf(g, n);
        }
    }

    /** H₀…H_{n−1} (a fresh array over shared points). */
    public static Point[] h(int n) {
        ensure(n);
        synchronized (BulletproofGenerators.class) {
            return Arrays.copyOf(h, n);
        }
    }

    private static synchronized void ensure(int n) {
        if (n < 0 || n > MAX) {
            throw new IllegalArgumentException("generator count " + n + " outside [0, " + MAX + "]");
        }
        if (g.length >= n) {
            return;
        }
        int old = g.length;
        Point[] ng = Arrays.copyOf(g, n);
        Point[] nh = Arrays.copyOf(h, n);
        for (int i = old; i < n; i++) {
            byte[] index = {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            ng[i] = Point.hashToCurve(G_DOMAIN, index);
            nh[i] = Point.hashToCurve(H_DOMAIN, index);
        }
        g = ng;
        h = nh;
    }
}
