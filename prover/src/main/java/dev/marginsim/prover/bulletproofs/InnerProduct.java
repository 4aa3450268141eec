package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The prover's side of the inner-product argument (Bünz et al. 2018, §3, protocol 2 with the
 * logarithmic recursion): for P = <a, G> + <b, H'> + <a, b>·Q it sends L, R per round and the final
 * a, b. The verifier's side is folded into {@link RangeVerifier}'s single multi-scalar equation.
 *
 * <p>Why the generators are not folded every round: a folded point is a fresh point, and every
 * multiplication by a fresh point pays for its own precomputation. Instead the current generators are
 * kept as coefficients over a base vector (at first the process-wide generators, whose multiplier
 * tables are cached), so L and R are multi-scalar multiplications over the base. Once the current
 * vectors are an eighth of the base, they are materialised (each a small multi-scalar multiplication
 * over the base) and become the new base, which bounds the work per round.
 */
record InnerProduct(List<Point> l, List<Point> r, Scalar a, Scalar b) {
    /** Materialise when the current vectors are this many times shorter than the base. */
    /** Measured: 4, 16 and 32 were slower than 8 for 1 and for 16 values of 64 bits. */
    private static final int REBASE_RATIO = 8;

    /**
     * @param hFactor scalars multiplying H (H'ᵢ = hFactorᵢ·Hᵢ)
     */
    static InnerProduct prove(Transcript t, Point q, Point[] g, Point[] h, Scalar[] hFactor, Scalar[] a, Scalar[] b) {
        int n = a.length;
        if (Integer.bitCount(n) != 1 || g.length != n || h.length != n || b.length != n || hFactor.length != n) {
            throw new IllegalArgumentException("inner product vectors must share one power-of-two length");
        }
        t.append("ipp-dom-sep", "marginsim/ipp/v1");
        t.append("ipp-n", n);
        Point[] baseG = g.clone();
        Point[] baseH = h.clone();
        Scalar[] cg = new Scalar[n];
        Arrays.fill(cg, Scalar.ONE);
        Scalar[] ch = hFactor.clone();
        a = a.clone();
        b = b.clone();
        List<Point> ls = new ArrayList<>();
        List<Point> rs = new ArrayList<>();
        while (n > 1) {
            int half = n / 2;
            int base = baseG.length;
            Scalar cL = RangeProver.inner(Arrays.copyOfRange(a, 0, half), Arrays.copyOfRange(b, half, n));
            Scalar cR = RangeProver.inner(Arrays.copyOfRange(a, half, n), Arrays.copyOfRange(b, 0, half));
            // Base index j holds current index j mod n; it is in the "hi" half when (j mod n) >= half.
            Scalar[] kl = new Scalar[2 * base + 1];
            Scalar[] kr = new Scalar[2 * base + 1];
            Point[] ps = new Point[2 * base + 1];
            for (int j = 0; j < base; j++) {
                int i = j & (n - 1);
                boolean hi = i >= half;
                ps[j] = baseG[j];
                ps[base + j] = baseH[j];
                if (hi) {
                    kl[j] = a[i - half].multiply(cg[j]);          // <a_lo, G_hi>
                    kr[j] = Scalar.ZERO;
                    kl[base + j] = Scalar.ZERO;
                    kr[base + j] = b[i - half].multiply(ch[j]);   // <b_lo, H_hi>
                } else {
                    kl[j] = Scalar.ZERO;
                    kr[j] = a[i + half].multiply(cg[j]);          // <a_hi, G_lo>
                    kl[base + j] = b[i + half].multiply(ch[j]);   // <b_hi, H_lo>
                    kr[base + j] = Scalar.ZERO;
                }
            }
            kl[2 * base] = cL;
            kr[2 * base] = cR;
            ps[2 * base] = q;
            Point[] lr = Msm.sumPair(kl, kr, ps);
            Point bigL = lr[0];
            Point bigR = lr[1];
            t.append("L", bigL);
            t.append("R", bigR);
            ls.add(bigL);
            rs.add(bigR);
            Scalar u = t.challenge("u");
            Scalar uInv = u.invert();

            Scalar[] na = new Scalar[half];
            Scalar[] nb = new Scalar[half];
            for (int i = 0; i < half; i++) {
                na[i] = a[i].multiply(u).add(a[half + i].multiply(uInv));
                nb[i] = b[i].multiply(uInv).add(b[half + i].multiply(u));
            }
            // G' = u⁻¹·G_lo + u·G_hi, H' = u·H_lo + u⁻¹·H_hi, as coefficients over the base.
            for (int j = 0; j < base; j++) {
                boolean hi = (j & (n - 1)) >= half;
                cg[j] = cg[j].multiply(hi ? u : uInv);
                ch[j] = ch[j].multiply(hi ? uInv : u);
            }
            a = na;
            b = nb;
            n = half;
            if (n > 1 && base / n >= REBASE_RATIO) {
                Point[] oldH = baseH;
                Scalar[] oldCh = ch;
                int size = n;
                CompletableFuture<Point[]> newH = base >= Msm.PARALLEL_THRESHOLD / 4
                        ? CompletableFuture.supplyAsync(() -> materialise(oldH, oldCh, size))
                        : CompletableFuture.completedFuture(null);
                baseG = materialise(baseG, cg, n);
                baseH = base >= Msm.PARALLEL_THRESHOLD / 4 ? newH.join() : materialise(oldH, oldCh, n);
                cg = new Scalar[n];
                ch = new Scalar[n];
                Arrays.fill(cg, Scalar.ONE);
                Arrays.fill(ch, Scalar.ONE);
            }
        }
        return new InnerProduct(ls, rs, a[0], b[0]);
    }

    /** The current generators: index i is Σ_h coef[h·n + i]·base[h·n + i]. */
    private static Point[] materialise(Point[] base, Scalar[] coef, int n) {
        int per = base.length / n;
        Point[] out = new Point[n];
        Scalar[] ks = new Scalar[per];
        Point[] ps = new Point[per];
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < per; h++) {
                ks[h] = coef[h * n + i];
                ps[h] = base[h * n + i];
            }
            out[i] = Msm.sum(ks, ps);
        }
        return out;
    }
}
