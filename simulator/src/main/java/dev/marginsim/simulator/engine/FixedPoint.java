package dev.marginsim.simulator.engine;

import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.RevertReason;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Checked int64 arithmetic with named rounding, equal to computing exactly (as the contract does in
 * int256) and narrowing to int64, where a result that does not fit throws {@code Overflow()}.
 * Products that leave 64 bits take a 128-bit path: a floating-point estimate of the quotient
 * corrected by the exact remainder, computed in wrapping long arithmetic (exact because the true
 * remainder is far below 2^63); anything else falls back to BigInteger.
 */
public final class FixedPoint {
    private static final long WIDE_DIVISOR_LIMIT = 1L << 50;
    private static final double WIDE_QUOTIENT_LIMIT = 0x1p62;

    private FixedPoint() {
    }

    public static ProtocolRevert overflow() {
        return new ProtocolRevert(RevertReason.Overflow);
    }

    public static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw overflow();
        }
        return r;
    }

    public static long sub(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw overflow();
        }
        return r;
    }

    public static long neg(long a) {
        if (a == Long.MIN_VALUE) {
            throw overflow();
        }
        return -a;
    }

    /** floor(a * b / d), d > 0. */
    public static long mulDivFloor(long a, long b, long d) {
        long lo = a * b;
        long hi = Math.multiplyHigh(a, b);
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return Math.floorDiv(lo, d);
        }
        if (d < WIDE_DIVISOR_LIMIT) {
            double estimate = ((double) a * (double) b) / d;
            if (Math.abs(estimate) < WIDE_QUOTIENT_LIMIT) {
                long q = (long) estimate;
                long r = lo - q * d; // exact: |a*b − q*d| < 2^62
                return q + Math.floorDiv(r, d);
            }
        }
        return narrow(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), BigInteger.valueOf(d), RoundingMode.FLOOR);
    }

    /** ceil(a * b / d), d > 0. */
    public static long mulDivCeil(long a, long b, long d) {
        if (a == Long.MIN_VALUE || b == Long.MIN_VALUE) { // −a·b would leave int64 on the way
            return narrow(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)), BigInteger.valueOf(d), RoundingMode.CEILING);
        }
        return neg(mulDivFloor(-a, b, d));
    }

    /** floor(a * b * c / d), d > 0. */
    public static long mulDivFloor(long a, long b, long c, long d) {
        // The product is the same in any order: pair the two factors whose product fits in 64 bits
        // (size × basis points usually does; size × price usually does not) and go 128-bit once.
        if (fits(a, c)) {
            return mulDivFloor(a * c, b, d);
        }
        if (fits(b, c)) {
            return mulDivFloor(a, b * c, d);
        }
        if (fits(a, b)) {
            return mulDivFloor(a * b, c, d);
        }
        return narrow(big(a, b, c), BigInteger.valueOf(d), RoundingMode.FLOOR);
    }

    /** ceil(a * b * c / d), d > 0. */
    public static long mulDivCeil(long a, long b, long c, long d) {
        if (fits(a, c)) {
            return mulDivCeil(a * c, b, d);
        }
        if (fits(b, c)) {
            return mulDivCeil(a, b * c, d);
        }
        if (fits(a, b)) {
            return mulDivCeil(a * b, c, d);
        }
        return narrow(big(a, b, c), BigInteger.valueOf(d), RoundingMode.CEILING);
    }

    private static boolean fits(long x, long y) {
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        return (hi == 0 && lo >= 0) || (hi == -1 && lo < 0);
    }

    /** floor(n / d) of an exact product, d > 0, narrowed to int64. */
    public static long floorDiv(BigInteger n, BigInteger d) {
        return narrow(n, d, RoundingMode.FLOOR);
    }

    public static long ceilDiv(BigInteger n, BigInteger d) {
        return narrow(n, d, RoundingMode.CEILING);
    }

    /** Truncating division of signed values (Solidity's {@code /}), narrowed to int64. */
    public static long truncDiv(BigInteger n, BigInteger d) {
        return narrow(n.divide(d));
    }

    public static long narrow(BigInteger n, BigInteger d, RoundingMode mode) {
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        if (qr[1].signum() != 0) {
            boolean negative = qr[1].signum() != d.signum();
            if (mode == RoundingMode.FLOOR && negative) {
                q = q.subtract(BigInteger.ONE);
            } else if (mode == RoundingMode.CEILING && !negative) {
                q = q.add(BigInteger.ONE);
            }
        }
        return narrow(q);
    }

    public static long narrow(BigInteger x) {
        if (x.bitLength() > 63) {
            throw overflow();
        }
        return x.longValue();
    }

    private static BigInteger big(long a, long b, long c) {
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).multiply(BigInteger.valueOf(c));
    }
}
