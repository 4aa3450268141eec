package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Parallel;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The prover's side of the inner-product argument (Bünz et al. 2018, §3, protocol 2 with the
 * logarithmic recursion): for P = <a, G> + <b, H'> + <a, b>·Q it sends L, R per round and the final
 * a, b. The verifier's side is folded into {@link RangeVerifier}'s single multi-scalar equation.
 *
 * <p>Why the generators are not folded every round: a folded point is a fresh point, and every
 * multiplication by a fresh point pays for its own precomputation. Instead the current generators are
 * kept as coefficients over a base vector (at first the process-wide generators, whose multiplier
 * tables are cached), so L and R are multi-scalar multiplications over the base. Once the current
 * vectors are an eighth of the base, they are materialised and become the new base, which bounds the
 * work per round. Every group of the base (the base indices that map to one current index's half
 * pattern) is scaled by one product of challenges, so the materialised points are sums with shared
 * scalars ({@link Msm#sharedSums}); the y^{-i} factors of H' stay coefficients.
 */
record InnerProduct(List<Point> l, List<Point> r, Scalar a, Scalar b) {
    /**
     * Materialise when the current vectors are this many times shorter than the base. Measured: 4, 16 and
     * 32 were slower than 8 for 1 and for 16 values of 64 bits.
     */
    private static final int REBASE_RATIO = 8;

    /**
     * @param hRatio H'ᵢ = hRatio^i·Hᵢ (y⁻¹ in a range proof)
     */
    static InnerProduct prove(Transcript t, Point q, Point[] g, Point[] h, Scalar hRatio, Scalar[] a, Scalar[] b) {
        int n = a.length;
        if (Integer.bitCount(n) != 1 || g.length != n || h.length != n || b.length != n) {
            throw new IllegalArgumentException("inner product vectors must share one power-of-two length");
        }
        Scalar[] hPowers = RangeProver.powers(hRatio, n);
        t.append("ipp-dom-sep", "marginsim/ipp/v1");
        t.append("ipp-n", n);
        Point[] baseG = g.clone();
        Point[] baseH = h.clone();
        // Base index j = grp·n + i holds current index i of group grp. Its coefficient is cg[grp] on the
        // G side and hPowers[j]·ch[grp] on the H side: one factor per group (a product of challenges),
        // so a materialised H-generator keeps hPowers[i] as its coefficient and the groups share scalars.
        Scalar[] cg = {Scalar.ONE};
        Scalar[] ch = {Scalar.ONE};
        a = a.clone();
        b = b.clone();
        List<Point> ls = new ArrayList<>();
        List<Point> rs = new ArrayList<>();
        while (n > 1) {
            int half = n / 2;
            int base = baseG.length;
            int groups = base / n;
            Scalar cL = RangeProver.inner(Arrays.copyOfRange(a, 0, half), Arrays.copyOfRange(b, half, n));
            Scalar cR = RangeProver.inner(Arrays.copyOfRange(a, half, n), Arrays.copyOfRange(b, 0, half));
            // Per current index i, the partner it pairs with: <a_lo, G_hi> and <a_hi, G_lo> in L and R,
            // <b_hi, H_lo> and <b_lo, H_hi>; on the H side the partner's b carries hPowers[i] already.
            Scalar[] aPartner = new Scalar[n];
            Scalar[] bPartner = new Scalar[n];
            for (int i = 0; i < n; i++) {
                int partner = i < half ? i + half : i - half;
                aPartner[i] = a[partner];
                bPartner[i] = b[partner].multiply(hPowers[i]);
            }
            Scalar[] kl = new Scalar[2 * base + 1];
            Scalar[] kr = new Scalar[2 * base + 1];
            Point[] ps = new Point[2 * base + 1];
            for (int grp = 0; grp < groups; grp++) {
                // hPowers[grp·n + i] = hPowers[grp·n]·hPowers[i]
                Scalar gFactor = cg[grp];
                Scalar hFactor = grp == 0 ? ch[0] : ch[grp].multiply(hPowers[grp * n]);
                for (int i = 0; i < n; i++) {
                    int j = grp * n + i;
                    ps[j] = baseG[j];
                    ps[base + j] = baseH[j];
                    Scalar gk = scaled(aPartner[i], gFactor);
                    Scalar hk = scaled(bPartner[i], hFactor);
                    if (i >= half) {
                        kl[j] = gk;                 // <a_lo, G_hi>
                        kr[j] = Scalar.ZERO;
                        kl[base + j] = Scalar.ZERO;
                        kr[base + j] = hk;          // <b_lo, H_hi>
                    } else {
                        kl[j] = Scalar.ZERO;
                        kr[j] = gk;                 // <a_hi, G_lo>
                        kl[base + j] = hk;          // <b_hi, H_lo>
                        kr[base + j] = Scalar.ZERO;
                    }
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
            // G' = u⁻¹·G_lo + u·G_hi, H' = u·H_lo + u⁻¹·H_hi: each group splits in two (lo, hi halves).
            Scalar[] ncg = new Scalar[2 * groups];
            Scalar[] nch = new Scalar[2 * groups];
            for (int grp = 0; grp < groups; grp++) {
                ncg[2 * grp] = cg[grp].multiply(uInv);
                ncg[2 * grp + 1] = cg[grp].multiply(u);
                nch[2 * grp] = ch[grp].multiply(u);
                nch[2 * grp + 1] = ch[grp].multiply(uInv);
            }
            cg = ncg;
            ch = nch;
            a = na;
            b = nb;
            n = half;
            if (n > 1 && base / n >= REBASE_RATIO) {
                int per = base / n;
                Scalar[] tg = cg;
                Scalar[] th = new Scalar[per];
                for (int grp = 0; grp < per; grp++) {
                    th[grp] = ch[grp].multiply(hPowers[grp * n]);
                }
                Point[] oldH = baseH;
                int size = n;
                Parallel.Forked<Point[]> newH = Parallel.tryFork(() -> Msm.sharedSums(th, oldH, size));
                baseG = Msm.sharedSums(tg, baseG, n);
                baseH = newH == null ? Msm.sharedSums(th, oldH, size) : newH.join();
                cg = new Scalar[] {Scalar.ONE};
                ch = new Scalar[] {Scalar.ONE};
            }
        }
        return new InnerProduct(ls, rs, a[0], b[0]);
    }

    /** k·factor, without a multiplication when the factor is 1 (every term of the first round after a rebase). */
    private static Scalar scaled(Scalar k, Scalar factor) {
        return factor.equals(Scalar.ONE) ? k : k.multiply(factor);
    }

}
