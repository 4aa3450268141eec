package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Scalar;
import java.math.BigInteger;

/**
 * The gates of a digit range proof (docs/proofs-private.md §10) over values of given widths, and the
 * weights of its constraints. Both sides build it from the public widths alone.
 *
 * <p>Digits are base 2^b, b = 4 or 8, whichever gives fewer gates (ties: 4). Gate order: for each value
 * j its ⌈w_j/b⌉ digit gates (least significant first), then, if b does not divide w_j, one check gate
 * holding 2^{b−r}·(top digit), r = w_j mod b; then the 2^b table gates; then padding up to a power of
 * two. Digit and check gates are the lookups: each holds a value that must be in [0, 2^b).
 *
 * <p>Constraints, with the weight each is multiplied by (z is a challenge):
 * <ol>
 * <li>per lookup gate i: a_R[i] − c[i] = e (weight z^{1+i});
 * <li>per value j: Σ_k 2^{bk}·c[digit k of j] = v_j (weight z^{1+L+j}, L lookups);
 * <li>per value j with a check gate: c[check] − 2^{b−r}·c[top digit] = 0 (weight z^{1+L+m+j});
 * <li>Σ_{lookups} a_L[i] − Σ_t c[table t]/(e + t) = 0 (weight z^{1+L+2m}).
 * </ol>
 */
final class DigitLayout {
    /** The largest gate vector: the generators with cached tables (and every margin statement fits). */
    static final int MAX_GATES = RangeChunks.MAX_CHUNK_BITS;

    private final int[] widths;
    final int digitBits;
    final int base;
    final int gates;
    /** Number of lookup gates (digit and check), the gates before the table. */
    final int lookups;
    /** Per value, the gate of its digit 0, and of its check gate (−1 if none). */
    final int[] firstDigit;
    final int[] checkGate;

    private DigitLayout(int[] widths, int digitBits) {
        this.widths = widths.clone();
        this.digitBits = digitBits;
        this.base = 1 << digitBits;
        int m = widths.length;
        firstDigit = new int[m];
        checkGate = new int[m];
        int at = 0;
        for (int j = 0; j < m; j++) {
            firstDigit[j] = at;
            at += digits(j);
            checkGate[j] = widths[j] % digitBits == 0 ? -1 : at++;
        }
        lookups = at;
        gates = RangeLayout.nextPowerOfTwo(lookups + base);
    }

    /**
     * The layout of values with these widths.
     *
     * @throws IllegalArgumentException for no values, a width outside [1, 64], or more than
     *     {@link #MAX_GATES} gates
     */
    static DigitLayout of(int[] widths) {
        if (widths.length == 0) {
            throw new IllegalArgumentException("a range proof needs at least one value");
        }
        for (int w : widths) {
            if (w < 1 || w > RangeParameters.MAX_BITS) {
                throw new IllegalArgumentException("a value's width must be in [1, 64]: " + w);
            }
        }
        DigitLayout small = new DigitLayout(widths, 4);
        DigitLayout large = new DigitLayout(widths, 8);
        DigitLayout best = large.gates < small.gates ? large : small;
        if (best.gates > MAX_GATES) {
            throw new IllegalArgumentException(best.gates + " gates exceed a digit range proof's " + MAX_GATES);
        }
        return best;
    }

    int values() {
        return widths.length;
    }

    int width(int j) {
        return widths[j];
    }

    /** Number of digit gates of value j. */
    int digits(int j) {
        return (widths[j] + digitBits - 1) / digitBits;
    }

    /** Bits of value j's top digit (b when b divides the width). */
    int topBits(int j) {
        int r = widths[j] % digitBits;
        return r == 0 ? digitBits : r;
    }

    int tableGate(int t) {
        return lookups + t;
    }

    int rounds() {
        return Integer.numberOfTrailingZeros(gates);
    }

    /** Appends the proof's shape; the values' commitments are bound by the caller. */
    void bind(Transcript t) {
        t.append("dom-sep", "marginsim/digit-range/v1");
        t.append("digit-bits", digitBits);
        t.append("gates", gates);
        t.append("m", widths.length);
        for (int w : widths) {
            t.append("width", w);
        }
        t.append("V-bound-by", "caller");
    }

    /** The constraints' weights for challenges e, y, z. */
    Weights weights(Scalar e, Scalar y, Scalar z) {
        int m = widths.length;
        int n = gates;
        Scalar[] zPow = RangeProver.powers(z, lookups + 2 * m + 2);
        Scalar zSum = zPow[lookups + 2 * m + 1];
        Scalar[] wL = new Scalar[n];
        Scalar[] wR = new Scalar[n];
        Scalar[] wO = new Scalar[n];
        java.util.Arrays.fill(wL, Scalar.ZERO);
        java.util.Arrays.fill(wR, Scalar.ZERO);
        java.util.Arrays.fill(wO, Scalar.ZERO);
        Scalar kz = Scalar.ZERO;
        for (int i = 0; i < lookups; i++) {
            wL[i] = zSum;
            wR[i] = zPow[1 + i];
            wO[i] = zPow[1 + i].negate();
            kz = kz.add(zPow[1 + i]);
        }
        kz = kz.multiply(e);
        Scalar[] wV = new Scalar[m];
        for (int j = 0; j < m; j++) {
            Scalar zValue = zPow[1 + lookups + j];
            wV[j] = zValue;
            Scalar place = zValue;
            Scalar shift = Scalar.reduce(BigInteger.ONE.shiftLeft(digitBits));
            for (int k = 0; k < digits(j); k++) {
                int g = firstDigit[j] + k;
                wO[g] = wO[g].add(place);
                place = place.multiply(shift);
            }
            if (checkGate[j] >= 0) {
                Scalar zCheck = zPow[1 + lookups + m + j];
                int top = firstDigit[j] + digits(j) - 1;
                wO[checkGate[j]] = wO[checkGate[j]].add(zCheck);
                wO[top] = wO[top].subtract(zCheck.multiply(Scalar.of(1L << (digitBits - topBits(j)))));
            }
        }
        Scalar[] shifted = new Scalar[base];
        for (int t = 0; t < base; t++) {
            shifted[t] = e.add(Scalar.of(t));
            if (shifted[t].isZero()) {
                throw new ArithmeticException("e = −" + t + ": 1/(e + t) is undefined (probability 2^-248)");
            }
        }
        Scalar[] inverses = Scalar.batchInvert(shifted);
        for (int t = 0; t < base; t++) {
            wO[tableGate(t)] = zSum.multiply(inverses[t]).negate();
        }
        // <o, y^N> + δ, with o = 1 on the lookups and δ = <y^-N ∘ w_R, w_L> = z_sum·Σ_{i<L} (z/y)^i·z.
        Scalar yInv = y.invert();
        Scalar yPow = Scalar.ONE;
        Scalar ySum = Scalar.ZERO;
        Scalar delta = Scalar.ZERO;
        Scalar yInvPow = Scalar.ONE;
        for (int i = 0; i < lookups; i++) {
            ySum = ySum.add(yPow);
            delta = delta.add(yInvPow.multiply(wR[i]));
            yPow = yPow.multiply(y);
            yInvPow = yInvPow.multiply(yInv);
        }
        delta = delta.multiply(zSum);
        return new Weights(wL, wR, wO, wV, ySum.add(kz).add(delta), inverses);
    }

    /**
     * The weights of one proof: w_L, w_R, w_O per gate, w_V per value, the constant
     * {@code <o, y^N> + Σ z^{1+q}·k_q + δ(y, z)} of t₂, and 1/(e + t) per table entry t.
     */
    record Weights(Scalar[] wL, Scalar[] wR, Scalar[] wO, Scalar[] wV, Scalar constant, Scalar[] tableInverses) {
    }
}
