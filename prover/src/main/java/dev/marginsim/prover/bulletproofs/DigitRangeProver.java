package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.pedersen.PedersenGenerators;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;

/**
 * Makes digit range proofs (docs/proofs-private.md §10): Bulletproofs' arithmetic-circuit argument
 * (Bünz et al. 2018, §5) over one gate per base-2^b digit instead of one per bit, with a logarithmic-
 * derivative lookup (Σ 1/(e + digit) = Σ_t m_t/(e + t)) showing that every digit is in [0, 2^b). The
 * digits and the multiplicities m_t are committed in D before the challenge e; the reciprocals in A
 * after it. D enters the argument at x², A at x, so the verifier's t₂ pairs A only with A and D only
 * with public vectors, and D's contents cannot be changed after e.
 */
public final class DigitRangeProver {
    private DigitRangeProver() {
    }

    /** The gate layout for these widths, for reports: {@code "base 2^b, L lookups, N gates"}. */
    public static String describe(int[] widths) {
        DigitLayout layout = DigitLayout.of(widths);
        return "base 2^" + layout.digitBits + ", " + layout.lookups + " lookups, " + layout.gates + " gates";
    }

    /**
     * Proves that every opening's value lies in [0, 2^{widths[j]}), on a transcript where the caller has
     * bound the values' commitments.
     *
     * @throws IllegalArgumentException for a width outside [1, 64], a count mismatch, no openings, too
     *     many gates, or a value outside its range
     */
    public static DigitRangeProof prove(Transcript transcript, int[] widths, List<Opening> openings, SecureRandom rng) {
        if (widths.length != openings.size()) {
            throw new IllegalArgumentException(widths.length + " widths for " + openings.size() + " values");
        }
        for (int j = 0; j < openings.size(); j++) {
            if (openings.get(j).value().toBigInteger().bitLength() > widths[j]) {
                throw new IllegalArgumentException("value " + j + " is not in [0, 2^" + widths[j] + ")");
            }
        }
        return proveUnchecked(transcript, DigitLayout.of(widths), openings, Nonces.from(rng));
    }

    /**
     * The protocol without the range check: a value outside its range puts everything above its lower
     * digits into its top digit, which is then outside the table. Package-private, for soundness tests.
     */
    static DigitRangeProof proveUnchecked(Transcript t, DigitLayout layout, List<Opening> openings, Nonces rng) {
        return proveWithPhaseTwoDigits(t, layout, openings, rng, null);
    }

    /**
     * The protocol with other digits in A than in D (a_R = digit + e), or the same when {@code phaseTwo}
     * is null: a cheating prover who changes its digits after seeing e. Package-private, for soundness tests.
     */
    static DigitRangeProof proveWithPhaseTwoDigits(Transcript t, DigitLayout layout, List<Opening> openings, Nonces rng,
            Scalar[] phaseTwo) {
        PedersenGenerators ped = PedersenGenerators.STANDARD;
        int n = layout.gates;
        int lookups = layout.lookups;
        BulletproofGenerators.noteUse(n);
        Point[] gs = BulletproofGenerators.g(n);
        Point[] hs = BulletproofGenerators.h(n);
        layout.bind(t);

        // Phase 1: the digits, the check gates and the table's multiplicities, in D on the G side.
        Scalar[] c = committedValues(layout, openings);
        Scalar rhoD = rng.next();
        Point bigD = Msm.sum(append(c, rhoD), append(gs, ped.h()));
        t.append("D", bigD);
        Scalar e = t.challenge("e");

        // Phase 2: a_R = c + e, a_L = 1/(e + c) on the lookups (0 elsewhere). An honest lookup holds one
        // of 2^b values, so the inversions are the table's, batched.
        Scalar[] shifted = new Scalar[layout.base];
        for (int v = 0; v < shifted.length; v++) {
            shifted[v] = e.add(Scalar.of(v));
        }
        Scalar[] inverse = Scalar.batchInvert(shifted);
        Scalar[] aL = new Scalar[n];
        Scalar[] aR = new Scalar[n];
        java.util.Arrays.fill(aL, Scalar.ZERO);
        java.util.Arrays.fill(aR, Scalar.ZERO);
        for (int i = 0; i < lookups; i++) {
            Scalar digit = phaseTwo == null ? c[i] : phaseTwo[i];
            aR[i] = digit.add(e);
            BigInteger d = digit.toBigInteger();
            aL[i] = d.bitLength() <= layout.digitBits ? inverse[d.intValue()] : aR[i].invert();
        }
        Scalar alpha = rng.next();
        Point bigA = Msm.sum(append(concat(aL, aR), alpha), append(concat(gs, hs), ped.h()));

        Scalar[] sL = new Scalar[n];
        Scalar[] sR = new Scalar[n];
        for (int i = 0; i < n; i++) {
            sL[i] = rng.next();
            sR[i] = rng.next();
        }
        Scalar rho = rng.next();
        Point bigS = Msm.sum(append(concat(sL, sR), rho), append(concat(gs, hs), ped.h()));
        t.append("A", bigA);
        t.append("S", bigS);
        Scalar y = t.challenge("y");
        Scalar z = t.challenge("z");

        // l(X) = l1·X + c·X² + s_L·X³, r(X) = w_O + r1·X + y^N∘s_R·X³.
        DigitLayout.Weights w = layout.weights(e, y, z);
        Scalar[] yPow = RangeProver.powers(y, n);
        Scalar[] yInvPow = RangeProver.powers(y.invert(), n);
        Scalar[] l1 = new Scalar[n];
        Scalar[] r1 = new Scalar[n];
        Scalar[] r3 = new Scalar[n];
        for (int i = 0; i < n; i++) {
            l1[i] = aL[i].add(yInvPow[i].multiply(w.wR()[i]));
            r1[i] = yPow[i].multiply(aR[i]).add(w.wL()[i]);
            r3[i] = yPow[i].multiply(sR[i]);
        }
        Scalar[] r0 = w.wO();
        Scalar[] coefficient = {
            RangeProver.inner(l1, r0),                                          // t1
            RangeProver.inner(c, r1).add(RangeProver.inner(sL, r0)),            // t3
            RangeProver.inner(l1, r3).add(RangeProver.inner(sL, r1)),           // t4
            RangeProver.inner(c, r3),                                           // t5
            RangeProver.inner(sL, r3),                                          // t6
        };
        Scalar[] tau = new Scalar[coefficient.length];
        for (int k = 0; k < tau.length; k++) {
            tau[k] = rng.next();
        }
        Commitment[] bigT = Commitment.commitAll(coefficient, tau);
        String[] labels = {"T1", "T3", "T4", "T5", "T6"};
        for (int k = 0; k < labels.length; k++) {
            t.append(labels[k], bigT[k]);
        }
        Scalar x = t.challenge("x");

        Scalar x2 = x.square();
        Scalar x3 = x2.multiply(x);
        Scalar[] l = new Scalar[n];
        Scalar[] r = new Scalar[n];
        for (int i = 0; i < n; i++) {
            l[i] = l1[i].multiply(x).add(c[i].multiply(x2)).add(sL[i].multiply(x3));
            r[i] = r0[i].add(r1[i].multiply(x)).add(r3[i].multiply(x3));
        }
        Scalar tHat = RangeProver.inner(l, r);
        // τx = Σ_{k≠2} τ_k·x^k + x²·<w_V, γ>;  μ = α·x + ρ_D·x² + ρ·x³
        Scalar[] powers = RangeProver.powers(x, 7);
        int[] degree = {1, 3, 4, 5, 6};
        Scalar tauX = Scalar.ZERO;
        for (int k = 0; k < degree.length; k++) {
            tauX = tauX.add(tau[k].multiply(powers[degree[k]]));
        }
        Scalar gamma = Scalar.ZERO;
        for (int j = 0; j < openings.size(); j++) {
            gamma = gamma.add(w.wV()[j].multiply(openings.get(j).blinding()));
        }
        tauX = tauX.add(gamma.multiply(x2));
        Scalar mu = alpha.multiply(x).add(rhoD.multiply(x2)).add(rho.multiply(x3));
        t.append("t_x_blinding", tauX);
        t.append("e_blinding", mu);
        t.append("t_x", tHat);
        Scalar wChallenge = t.challenge("w");
        InnerProduct ip = InnerProduct.prove(t, ped.g().multiplyFixed(wChallenge), gs, hs, y.invert(), l, r);
        return new DigitRangeProof(bigD, bigA, bigS, bigT[0].point(), bigT[1].point(), bigT[2].point(),
                bigT[3].point(), bigT[4].point(), tauX, mu, tHat, ip.l(), ip.r(), ip.a(), ip.b());
    }

    /** The vector c: digits and check values on the lookups, each table entry's multiplicity, 0 on padding. */
    static Scalar[] committedValues(DigitLayout layout, List<Opening> openings) {
        long[] c = new long[layout.gates];
        for (int j = 0; j < layout.values(); j++) {
            BigInteger v = openings.get(j).value().toBigInteger();
            int digits = layout.digits(j);
            for (int k = 0; k < digits; k++) {
                BigInteger digit = v.shiftRight(k * layout.digitBits);
                // The top digit keeps every higher bit: out of the table when v is out of range.
                c[layout.firstDigit[j] + k] = k == digits - 1 ? clamp(digit) : digit.intValue() & (layout.base - 1);
            }
            if (layout.checkGate[j] >= 0) {
                long top = c[layout.firstDigit[j] + digits - 1];
                c[layout.checkGate[j]] = top << (layout.digitBits - layout.topBits(j));
            }
        }
        for (int i = 0; i < layout.lookups; i++) {
            if (c[i] >= 0 && c[i] < layout.base) {
                c[layout.tableGate((int) c[i])]++;
            }
        }
        Scalar[] out = new Scalar[layout.gates];
        for (int i = 0; i < out.length; i++) {
            out[i] = Scalar.of(c[i]);
        }
        return out;
    }

    /** A top digit as a long; a cheating prover's huge one is capped (it is out of the table either way). */
    private static long clamp(BigInteger digit) {
        return digit.bitLength() > 40 ? 1L << 40 : digit.longValue();
    }

    private static Scalar[] append(Scalar[] a, Scalar last) {
        Scalar[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    private static Point[] append(Point[] a, Point last) {
        Point[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = last;
        return out;
    }

    private static Scalar[] concat(Scalar[] a, Scalar[] b) {
        Scalar[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Point[] concat(Point[] a, Point[] b) {
        Point[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
