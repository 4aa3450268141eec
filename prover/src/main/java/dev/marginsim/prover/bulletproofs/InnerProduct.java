package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prover's side of the inner-product argument (Bünz et al. 2018, §3, protocol 2 with the
 * logarithmic recursion): for P = <a, G> + <b, H'> + <a, b>·Q it sends L, R per round and the final
 * a, b. The verifier's side is folded into {@link RangeVerifier}'s single multi-scalar equation.
 */
record InnerProduct(List<Point> l, List<Point> r, Scalar a, Scalar b) {

    /**
     * @param hFactor scalars multiplying H before the first fold (H'ᵢ = hFactorᵢ·Hᵢ)
     */
    static InnerProduct prove(Transcript t, Point q, Point[] g, Point[] h, Scalar[] hFactor, Scalar[] a, Scalar[] b) {
        int n = a.length;
        if (Integer.bitCount(n) != 1 || g.length != n || h.length != n || b.length != n || hFactor.length != n) {
            throw new IllegalArgumentException("inner product vectors must share one power-of-two length");
        }
        t.append("ipp-dom-sep", "marginsim/ipp/v1");
        t.append("ipp-n", n);
        g = g.clone();
        h = h.clone();
        a = a.clone();
        b = b.clone();
        Scalar[] hf = hFactor.clone();
        List<Point> ls = new ArrayList<>();
        List<Point> rs = new ArrayList<>();
        while (n > 1) {
            int half = n / 2;
            Scalar cL = RangeProver.inner(Arrays.copyOfRange(a, 0, half), Arrays.copyOfRange(b, half, n));
            Scalar cR = RangeProver.inner(Arrays.copyOfRange(a, half, n), Arrays.copyOfRange(b, 0, half));
            Scalar[] ks = new Scalar[n + 1];
            Point[] ps = new Point[n + 1];
            for (int i = 0; i < half; i++) {
                ks[i] = a[i];
                ps[i] = g[half + i];
                ks[half + i] = b[half + i].multiply(hf[i]);
                ps[half + i] = h[i];
            }
            ks[n] = cL;
            ps[n] = q;
            Point bigL = Msm.sum(ks, ps);
            for (int i = 0; i < half; i++) {
                ks[i] = a[half + i];
                ps[i] = g[i];
                ks[half + i] = b[i].multiply(hf[half + i]);
                ps[half + i] = h[half + i];
            }
            ks[n] = cR;
            ps[n] = q;
            Point bigR = Msm.sum(ks, ps);
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
            if (half > 1) {
                Point[] gLo = Arrays.copyOfRange(g, 0, half);
                Point[] gHi = Arrays.copyOfRange(g, half, n);
                Point[] hLo = Arrays.copyOfRange(h, 0, half);
                Point[] hHi = Arrays.copyOfRange(h, half, n);
                Scalar[] hLoK = new Scalar[half];
                Scalar[] hHiK = new Scalar[half];
                for (int i = 0; i < half; i++) {
                    hLoK[i] = hf[i].multiply(u);
                    hHiK[i] = hf[half + i].multiply(uInv);
                }
                g = Msm.fold(gLo, gHi, uInv, u);
                h = Msm.fold(hLo, hHi, hLoK, hHiK);
                hf = new Scalar[half];
                Arrays.fill(hf, Scalar.ONE);
            }
            a = na;
            b = nb;
            n = half;
        }
        return new InnerProduct(ls, rs, a[0], b[0]);
    }
}
