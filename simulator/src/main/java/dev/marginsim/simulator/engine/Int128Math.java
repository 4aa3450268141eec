package dev.marginsim.simulator.engine;

/**
 * Exact 128-bit intermediates for the engine's hot formulas, in two longs and without allocation.
 * A signed 128-bit value is the pair {@code (hi, lo)}: hi holds the upper 64 bits with the sign, lo
 * the lower 64 bits read as unsigned. The contract computes these formulas in int256; every input of
 * them here is an int64 product small enough for 128 bits (the callers check, and fall back to
 * BigInteger where it is not), so the quotients are the contract's exactly.
 *
 * <p>The divisions round as named and either narrow to int64 as the contract's {@code _toInt64}
 * does ({@code Overflow()} when the quotient does not fit) or saturate, for callers that only
 * compare the quotient with an int64.
 */
final class Int128Math {
    private static final long DIGIT = 1L << 32;
    private static final long DIGIT_MASK = DIGIT - 1;

    private Int128Math() {
    }

    /** The upper 64 bits of the unsigned 128-bit product of two longs read as unsigned. */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /**
     * The unsigned quotient of the unsigned 128-bit {@code (hi, lo)} by the unsigned {@code d}, which
     * must exceed {@code hi} (as unsigned) so that the quotient fits in 64 bits. Knuth's algorithm D
     * with 32-bit digits (Hacker's Delight, divlu): the divisor is normalised so its top bit is set,
     * then each of the two quotient digits is estimated from the top digits and corrected at most twice.
     * The remainder is {@code lo - q * d} in wrapping arithmetic (it is below d, so its low 64 bits are it).
     */
    static long divideUnsigned(long hi, long lo, long d) {
        if (Long.compareUnsigned(hi, d) >= 0) {
            throw new ArithmeticException("128-bit quotient does not fit 64 bits");
        }
        int shift = Long.numberOfLeadingZeros(d);
        long v = d << shift;
        long vn1 = v >>> 32;
        long vn0 = v & DIGIT_MASK;
        long un32 = shift == 0 ? hi : (hi << shift) | (lo >>> (64 - shift));
        long un10 = lo << shift;
        long un1 = un10 >>> 32;
        long un0 = un10 & DIGIT_MASK;

        long q1 = divideByPositive(un32, vn1);
        long rhat = un32 - q1 * vn1;
        while (Long.compareUnsigned(q1, DIGIT) >= 0
                || Long.compareUnsigned(q1 * vn0, (rhat << 32) | un1) > 0) {
            q1--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, DIGIT) >= 0) {
                break;
            }
        }
        long un21 = (un32 << 32) + un1 - q1 * v;
        long q0 = divideByPositive(un21, vn1);
        rhat = un21 - q0 * vn1;
        while (Long.compareUnsigned(q0, DIGIT) >= 0
                || Long.compareUnsigned(q0 * vn0, (rhat << 32) | un0) > 0) {
            q0--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, DIGIT) >= 0) {
                break;
            }
        }
        return (q1 << 32) | q0;
    }

    /**
     * The unsigned 64-bit {@code n} divided by {@code d}, 0 < d < 2^63. Java 17's
     * {@code Long.divideUnsigned} goes through BigInteger for n ≥ 2^63; halving n first keeps to one
     * hardware division: q = 2·floor((n/2) / d) is the quotient or one below it.
     */
    static long divideByPositive(long n, long d) {
        if (n >= 0) {
            return n / d;
        }
        long q = ((n >>> 1) / d) << 1;
        long r = n - q * d;
        return Long.compareUnsigned(r, d) >= 0 ? q + 1 : q;
    }

    /** Rounding of a division: toward −∞, toward +∞, toward zero. */
    enum Rounding { FLOOR, CEILING, TRUNCATE }

    /**
     * {@code (hi, lo) / d} rounded as named, for d > 0, narrowed to int64: a quotient that does not
     * fit throws {@code Overflow()}, as the contract's narrowing does.
     */
    static long divide(long hi, long lo, long d, Rounding rounding) {
        if (hi == (lo >> 63)) { // the value fits 64 bits
            return divide(lo, d, rounding);
        }
        if (d < ESTIMATE_DIVISOR_LIMIT) {
            double estimate = toDouble(hi, lo) / d;
            if (Math.abs(estimate) < ESTIMATE_QUOTIENT_LIMIT) {
                return corrected(hi, lo, d, rounding, (long) estimate);
            }
        }
        long q = magnitudeQuotient(hi, lo, d, rounding);
        if (hi < 0) {
            if (Long.compareUnsigned(q, Long.MIN_VALUE) > 0) {
                throw FixedPoint.overflow();
            }
            return -q; // 2^63 negates to int64 min, which fits
        }
        if (q < 0) {
            throw FixedPoint.overflow();
        }
        return q;
    }

    /**
     * {@code (hi, lo) / d} rounded as named, for d > 0, clamped to [int64 min, int64 max]: exact
     * wherever the quotient fits, so comparing it with any int64 gives the exact answer.
     */
    static long divideSaturating(long hi, long lo, long d, Rounding rounding) {
        if (hi == (lo >> 63)) {
            return divide(lo, d, rounding);
        }
        if (d < ESTIMATE_DIVISOR_LIMIT) {
            double estimate = toDouble(hi, lo) / d;
            if (Math.abs(estimate) < ESTIMATE_QUOTIENT_LIMIT) {
                return corrected(hi, lo, d, rounding, (long) estimate);
            }
        }
        long q = magnitudeQuotient(hi, lo, d, rounding);
        if (hi < 0) {
            return Long.compareUnsigned(q, Long.MIN_VALUE) >= 0 ? Long.MIN_VALUE : -q;
        }
        return q < 0 ? Long.MAX_VALUE : q;
    }

    /*
     * The estimate path: for a divisor below 2^50 and a quotient below 2^62 in magnitude, the double
     * quotient is within 2^12 of the true one (relative error a few 2^-53), so the remainder
     * n − q·d of the estimate q is below 2^63 in magnitude and its low 64 bits, lo − q·d in wrapping
     * arithmetic, are it exactly; one long division of that remainder then corrects q exactly.
     */
    private static final long ESTIMATE_DIVISOR_LIMIT = 1L << 50;
    private static final double ESTIMATE_QUOTIENT_LIMIT = 0x1p62;

    private static double toDouble(long hi, long lo) {
        return hi * 0x1p64 + ((lo >>> 1) * 2.0 + (lo & 1));
    }

    /** The exact rounded quotient from an estimate q within 2^12 of it (see above). */
    private static long corrected(long hi, long lo, long d, Rounding rounding, long q) {
        long r = lo - q * d;
        // n/d = q + r/d with q an integer: floor and ceiling move across, truncation follows n's sign.
        Rounding mode = rounding != Rounding.TRUNCATE ? rounding : hi < 0 ? Rounding.CEILING : Rounding.FLOOR;
        return q + divide(r, d, mode);
    }

    /** {@code n / d} rounded as named, for d > 0 (fits: |n / d| ≤ |n|). */
    static long divide(long n, long d, Rounding rounding) {
        long q = n / d;
        long rem = n - q * d;
        if (rem > 0 && rounding == Rounding.CEILING) {
            return q + 1;
        }
        if (rem < 0 && rounding == Rounding.FLOOR) {
            return q - 1;
        }
        return q;
    }

    /** Past every int64 magnitude (2^63 + 1): stands for any quotient magnitude that large. */
    private static final long TOO_LARGE = Long.MIN_VALUE + 1;

    /**
     * The magnitude of the rounded quotient, unsigned, or {@link #TOO_LARGE} if it exceeds 2^63.
     * Rounding away from zero adds one to the truncated magnitude when the division is inexact.
     */
    private static long magnitudeQuotient(long hi, long lo, long d, Rounding rounding) {
        boolean negative = hi < 0;
        long mhi = hi;
        long mlo = lo;
        if (negative) { // two's complement magnitude; −2^127 comes out as 2^127 read unsigned
            mlo = -lo;
            mhi = lo == 0 ? -hi : ~hi;
        }
        if (Long.compareUnsigned(mhi, d) >= 0) { // magnitude ≥ 2^64
            return TOO_LARGE;
        }
        long q = divideUnsigned(mhi, mlo, d);
        if (mlo - q * d != 0 && (negative ? rounding == Rounding.FLOOR : rounding == Rounding.CEILING)) {
            q++;
        }
        // q + 1 may wrap 2^64 − 1 to 0; anything above 2^63 is out of every caller's range.
        return (q == 0 && mhi != 0) || Long.compareUnsigned(q, TOO_LARGE) > 0 ? TOO_LARGE : q;
    }

    /**
     * {@code (hi, lo) / (d1 · d2)} rounded toward zero and narrowed to int64 ({@code Overflow()} if
     * it does not fit), for d1 > 0 and d2 > 0 read as unsigned, whose product may need 128 bits. One
     * exact division, done in two steps: for n ≥ 0 and a, b ≥ 1, floor(floor(n / a) / b) =
     * floor(n / (a·b)) (write n = q·a + r and q = t·b + u: then n = t·a·b + (u·a + r) with
     * 0 ≤ u·a + r ≤ (b − 1)·a + a − 1 < a·b), and truncation is the floor of the magnitude.
     */
    static long truncateDivideByProduct(long hi, long lo, long d1, long d2) {
        boolean negative = hi < 0;
        long mhi = hi;
        long mlo = lo;
        if (negative) {
            mlo = -lo;
            mhi = lo == 0 ? -hi : ~hi;
        }
        long qhi = divideByPositive(mhi, d1);
        long qlo = divideUnsigned(mhi - qhi * d1, mlo, d1);
        if (Long.compareUnsigned(qhi, d2) >= 0) { // |quotient| ≥ 2^64
            throw FixedPoint.overflow();
        }
        long q = divideUnsigned(qhi, qlo, d2);
        if (negative) {
            if (Long.compareUnsigned(q, Long.MIN_VALUE) > 0) {
                throw FixedPoint.overflow();
            }
            return -q;
        }
        if (q < 0) {
            throw FixedPoint.overflow();
        }
        return q;
    }

    /** Signed comparison of two 128-bit values. */
    static int compare(long ahi, long alo, long bhi, long blo) {
        int c = Long.compare(ahi, bhi);
        return c != 0 ? c : Long.compareUnsigned(alo, blo);
    }
}
