package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Msm;
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

    /** Window tables are built for generator indices below this: the largest range-proof chunk. */
    static final int TABLE_LIMIT = RangeChunks.MAX_CHUNK_BITS;
    /**
     * Proofs made or checked before the tables are built (~0.8 s of doublings and additions for 2 × 2048 points, ~49 MB):
     * a command that makes or checks one proof does not pay for them, a process that does many does,
     * once. {@code -Dmarginsim.generatorTables=false} never builds them (for comparisons).
     */
    static final int USES_BEFORE_TABLES = 16;
    private static final boolean TABLES = !"false".equals(System.getProperty("marginsim.generatorTables"));

    private static Point[] g = new Point[0];
    private static Point[] h = new Point[0];
    private static int uses;
    private static int tabled;

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

    /**
     * Notes that a proof over the first {@code n} generators of each kind is being made or checked; from
     * the {@link #USES_BEFORE_TABLES}-th such use on, makes sure the first min(n, {@link #TABLE_LIMIT})
     * of each kind carry window tables (fixed-base sums then need no doublings; see {@code Msm}).
     */
    static void noteUse(int n) {
        ensure(n);
        synchronized (BulletproofGenerators.class) {
            uses++;
            int want = Math.min(n, TABLE_LIMIT);
            if (!TABLES || uses < USES_BEFORE_TABLES || tabled >= want) {
                return;
            }
            Msm.precompute(Arrays.copyOfRange(g, tabled, want));
            Msm.precompute(Arrays.copyOfRange(h, tabled, want));
            tabled = want;
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
