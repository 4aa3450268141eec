package dev.marginsim.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.RevertReason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The 128-bit divisions against BigInteger: boundary numerators (products of boundary longs, and the
 * values on either side of where a quotient leaves int64) by boundary divisors, in each rounding, then
 * a seeded random sample. A quotient outside int64 must throw {@code Overflow()} from the narrowing
 * division and saturate in the saturating one.
 */
class Int128MathTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final long[] DIVISORS = {1, 2, 3, 10_000, 100_000_000L, 100_000_000_000L,
            1_000_000_000_000_000L, (1L << 32) - 1, 1L << 32, (1L << 32) + 1, (1L << 50) + 7,
            Long.MAX_VALUE - 1, Long.MAX_VALUE};
    private static final Int128Math.Rounding[] ROUNDINGS = Int128Math.Rounding.values();

    static BigInteger big(long hi, long lo) {
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }

    static long[] pair(BigInteger n) {
        return new long[] {n.shiftRight(64).longValue(), n.longValue()};
    }

    private static RoundingMode mode(Int128Math.Rounding r) {
        switch (r) {
            case FLOOR:
                return RoundingMode.FLOOR;
            case CEILING:
                return RoundingMode.CEILING;
            default:
                return RoundingMode.DOWN;
        }
    }

    private static BigInteger quotient(BigInteger n, BigInteger d, Int128Math.Rounding r) {
        return new BigDecimal(n).divide(new BigDecimal(d), 0, mode(r)).toBigIntegerExact();
    }

    /** Numerators on both sides of every place a quotient by {@code d} leaves int64, and products of boundaries. */
    private static List<BigInteger> numerators(long d) {
        List<BigInteger> out = new ArrayList<>();
        BigInteger bd = BigInteger.valueOf(d);
        for (BigInteger edge : new BigInteger[] {INT64_MAX.multiply(bd), INT64_MAX.add(BigInteger.ONE).multiply(bd),
                INT64_MIN.multiply(bd), INT64_MIN.subtract(BigInteger.ONE).multiply(bd), BigInteger.ZERO, bd,
                TWO_64.multiply(bd)}) {
            for (long delta = -2; delta <= 2; delta++) {
                out.add(edge.add(BigInteger.valueOf(delta)));
                out.add(edge.negate().add(BigInteger.valueOf(delta)));
            }
        }
        for (long a : FixedPointTest.BOUNDARIES) {
            for (long b : new long[] {1, -1, 3, 10_000, 100_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE}) {
                out.add(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)));
            }
        }
        out.add(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE));
        out.add(BigInteger.ONE.shiftLeft(127).negate());
        return out;
    }

    private static void checkDivisions(BigInteger n, long d) {
        long[] p = pair(n);
        for (Int128Math.Rounding r : ROUNDINGS) {
            BigInteger q = quotient(n, BigInteger.valueOf(d), r);
            String what = n + " / " + d + " " + r;
            boolean fits = q.bitLength() <= 63;
            if (fits) {
                assertEquals(q.longValueExact(), Int128Math.divide(p[0], p[1], d, r), what);
            } else {
                ProtocolRevert e = assertThrows(ProtocolRevert.class, () -> Int128Math.divide(p[0], p[1], d, r), what);
                assertEquals(RevertReason.Overflow, e.reason(), what);
            }
            long clamped = q.max(INT64_MIN).min(INT64_MAX).longValueExact();
            assertEquals(clamped, Int128Math.divideSaturating(p[0], p[1], d, r), "saturating " + what);
        }
    }

    @Test
    void divisionsMatchBigIntegerAtEveryBoundary() {
        for (long d : DIVISORS) {
            for (BigInteger n : numerators(d)) {
                if (n.bitLength() <= 127) {
                    checkDivisions(n, d);
                }
            }
        }
    }

    @Test
    void unsignedDivisionMatchesBigIntegerAtBoundaries() {
        long[] divisors = {1, 3, (1L << 32) - 1, 1L << 32, (1L << 32) + 1, Long.MAX_VALUE, Long.MIN_VALUE, -1L, -2L};
        long[] lows = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0xFFFF_FFFFL, 1L << 32};
        for (long d : divisors) {
            BigInteger bd = new BigInteger(Long.toUnsignedString(d));
            for (long hi : new long[] {0, 1, d - 1, d >>> 1, (d >>> 1) + 1, d - 2}) {
                if (Long.compareUnsigned(hi, d) >= 0) {
                    continue;
                }
                for (long lo : lows) {
                    BigInteger n = new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64)
                            .add(new BigInteger(Long.toUnsignedString(lo)));
                    long q = Int128Math.divideUnsigned(hi, lo, d);
                    assertEquals(n.divide(bd), new BigInteger(Long.toUnsignedString(q)), n + " / " + bd);
                }
            }
        }
        assertThrows(ArithmeticException.class, () -> Int128Math.divideUnsigned(5, 0, 5));
    }

    @Test
    void unsignedLongDivisionByAPositiveDivisorMatchesTheJdk() {
        long[] ns = {0, 1, 2, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, -2, -3, 0xFFFF_FFFFL << 32};
        long[] ds = {1, 2, 3, 7, 10_000, 0xFFFF_FFFFL, 1L << 32, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (long n : ns) {
            for (long d : ds) {
                assertEquals(Long.divideUnsigned(n, d), Int128Math.divideByPositive(n, d), Long.toUnsignedString(n) + " / " + d);
            }
        }
    }

    @Test
    void truncatingDivisionByAProductMatchesOneDivisionByTheProduct() {
        long[] firsts = {1, 3, 100_000_000L, Long.MAX_VALUE};
        long[] seconds = {1, 2, 7, Long.MAX_VALUE, Long.MIN_VALUE, -2L}; // the last three read as unsigned: ≥ 2^63
        for (long d1 : firsts) {
            for (long d2 : seconds) {
                BigInteger d = BigInteger.valueOf(d1).multiply(new BigInteger(Long.toUnsignedString(d2)));
                List<BigInteger> ns = new ArrayList<>(numerators(d1));
                for (long delta = -2; delta <= 2; delta++) {
                    ns.add(d.multiply(INT64_MAX).add(d).add(BigInteger.valueOf(delta)));
                    ns.add(d.multiply(INT64_MIN).subtract(d).add(BigInteger.valueOf(delta)));
                    ns.add(d.multiply(INT64_MAX).add(BigInteger.valueOf(delta)));
                    ns.add(d.multiply(INT64_MIN).add(BigInteger.valueOf(delta)));
                }
                for (BigInteger n : ns) {
                    if (n.bitLength() <= 127) {
                        checkTruncateByProduct(n, d1, d2, d);
                    }
                }
            }
        }
    }

    private static void checkTruncateByProduct(BigInteger n, long d1, long d2, BigInteger d) {
        long[] p = pair(n);
        BigInteger q = n.divide(d); // BigInteger division truncates
        String what = n + " / (" + d1 + " * " + Long.toUnsignedString(d2) + ")";
        if (q.bitLength() <= 63) {
            assertEquals(q.longValueExact(), Int128Math.truncateDivideByProduct(p[0], p[1], d1, d2), what);
        } else {
            ProtocolRevert e = assertThrows(ProtocolRevert.class,
                    () -> Int128Math.truncateDivideByProduct(p[0], p[1], d1, d2), what);
            assertEquals(RevertReason.Overflow, e.reason(), what);
        }
    }

    @Test
    void everythingMatchesBigIntegerOnSeededRandomValues() {
        long seed = Long.getLong("marginsim.test.seed", System.nanoTime());
        System.out.println("Int128MathTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 100_000; i++) {
            // Numerators of every size up to 127 bits, quotients in and out of int64.
            long hi = rnd.nextLong() >> rnd.nextInt(64);
            long lo = rnd.nextLong();
            BigInteger n = big(hi, lo);
            long d = Math.max(1, rnd.nextLong(Long.MAX_VALUE) >>> rnd.nextInt(63));
            try {
                checkDivisions(n, d);
                long d2 = rnd.nextLong() >>> rnd.nextInt(64);
                if (d2 != 0) {
                    checkTruncateByProduct(n, d, d2, BigInteger.valueOf(d).multiply(new BigInteger(Long.toUnsignedString(d2))));
                }
                long un = rnd.nextLong();
                assertEquals(Long.divideUnsigned(un, d), Int128Math.divideByPositive(un, d), Long.toUnsignedString(un) + " / " + d);
                long a = rnd.nextLong() >> rnd.nextInt(64);
                long b = rnd.nextLong() >> rnd.nextInt(64);
                BigInteger product = new BigInteger(Long.toUnsignedString(a)).multiply(new BigInteger(Long.toUnsignedString(b)));
                assertEquals(product.shiftRight(64).longValue(), Int128Math.unsignedMultiplyHigh(a, b), a + " * " + b);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }
}
