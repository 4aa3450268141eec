package dev.marginsim.prover.curve;

import org.bouncycastle.math.ec.ECPoint;

/**
 * Two fixed points P and Q with their {@link WindowedMultiples} tables, for many sums {@code a·P + b·Q}
 * of full scalars at once (Pedersen commitments and the Σ-proofs' nonce commitments): each non-zero
 * 8-bit digit is one table addition, and the additions of all sums share their inversions. About
 * 64 batched additions per sum, against two comb multiplications of Bouncy Castle's per sum. The
 * tables (32 rows × 255 points each, 0.65 MB) take a few milliseconds to build; read-only after, so
 * threads share them.
 */
public final class FixedPair {
    private static final int WIDTH = 8;

    private final WindowedMultiples p;
    private final WindowedMultiples q;

    public FixedPair(Point p, Point q) {
        if (p.isInfinity() || q.isInfinity()) {
            throw new IllegalArgumentException("fixed points must be finite");
        }
        this.p = new WindowedMultiples(p.ec(), WIDTH, 256);
        this.q = new WindowedMultiples(q.ec(), WIDTH, 256);
    }

    /** {@code out[i] = a[i]·P + b[i]·Q} (infinity where a sum is). */
    public Point[] sums(Scalar[] a, Scalar[] b) {
        int n = a.length;
        if (b.length != n) {
            throw new IllegalArgumentException(n + " scalars against " + b.length);
        }
        byte[] ab = new byte[32 * n];
        byte[] bb = new byte[32 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i].encode(), 0, ab, 32 * i, 32);
            System.arraycopy(b[i].encode(), 0, bb, 32 * i, 32);
        }
        ECPoint[] e = WindowedMultiples.sums(p, ab, q, bb, n, Secp256k1.CURVE);
        Point[] out = new Point[n];
        for (int i = 0; i < n; i++) {
            out[i] = e[i].isInfinity() ? Point.INFINITY : Point.of(e[i]);
        }
        return out;
    }
}
