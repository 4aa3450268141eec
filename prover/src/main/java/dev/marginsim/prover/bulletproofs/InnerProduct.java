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
    /** Materialise when the current vectors are this many times shorter than the base. */
    /** Measured: 4, 16 and 32 were slower than 8 for 1 and for 16 values of 64 bits. */
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
        Scalar[] cg = new Scalar[n];
        Arrays.fill(cg, Scalar.ONE);
        // Invariant: ch[j] = hPowers[j mod base]·(a factor that depends only on j's group j / n), so a
        // materialised H-generator keeps hPowers[i] as its coefficient and the groups share scalars.
        Scalar[] ch = hPowers.clone();
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
                int per = base / n;
                Scalar[] tg = new Scalar[per];
                Scalar[] th = new Scalar[per];
                for (int grp = 0; grp < per; grp++) {
                    tg[grp] = cg[grp * n];
                    th[grp] = ch[grp * n];
                }
                Point[] oldH = baseH;
                int size = n;
                Parallel.Forked<Point[]> newH = Parallel.tryFork(() -> Msm.sharedSums(th, oldH, size));
                baseG = Msm.sharedSums(tg, baseG, n);
                baseH = newH == null ? Msm.sharedSums(th, oldH, size) : newH.join();
                cg = new Scalar[n];
                Arrays.fill(cg, Scalar.ONE);
                ch = Arrays.copyOf(hPowers, n);
            }
        }
        return new InnerProduct(ls, rs, a[0], b[0]);
    }

}
