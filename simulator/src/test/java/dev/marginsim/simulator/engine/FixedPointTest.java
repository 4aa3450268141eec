package dev.marginsim.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.RevertReason;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every fixed-point operation against a BigInteger oracle, over boundary values (around powers of two
 * and ten, 0, ±1, MIN, MAX) and a seeded random sample, in every rounding the engine uses.
 */
class FixedPointTest {
    static final List<Long> BOUNDARIES = new ArrayList<>();

    static {
        for (long v : new long[] {0, 1, 2, 3, 7, 10, 99, 10_000, 100_000_000L, 100_000_000_000L,
                1_000_000_000_000_000L, 3_037_000_499L, 3_037_000_500L, Long.MAX_VALUE, Long.MAX_VALUE - 1,
                Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
            BOUNDARIES.add(v);
            BOUNDARIES.add(-v);
        }
        for (int b = 10; b < 63; b += 7) {
            BOUNDARIES.add(1L << b);
            BOUNDARIES.add((1L << b) - 1);
            BOUNDARIES.add(-(1L << b) + 1);
        }
    }

    private static final long[] DIVISORS = {1, 3, 10_000, 100_000_000_000L, 1_000_000_000_000_000L,
            (1L << 50) - 1, 1L << 50, Long.MAX_VALUE};

    private static Long oracle(BigInteger n, long d, RoundingMode mode) {
        BigInteger q = new java.math.BigDecimal(n).divide(new java.math.BigDecimal(d), 0, mode).toBigIntegerExact();
        return q.bitLength() > 63 ? null : q.longValue();
    }

    private static void check(Long expected, java.util.function.LongSupplier actual, String what) {
        if (expected == null) {
            ProtocolRevert r = assertThrows(ProtocolRevert.class, actual::getAsLong, what);
            assertEquals(RevertReason.Overflow, r.reason(), what);
        } else {
            try {
                assertEquals(expected.longValue(), actual.getAsLong(), what);
            } catch (ProtocolRevert r) {
                throw new AssertionError(what + ": expected " + expected + " but threw " + r.solidityForm());
            }
        }
    }

    @Test
    void mulDivMatchesBigIntegerAtEveryBoundary() {
        for (long a : BOUNDARIES) {
            for (long b : BOUNDARIES) {
                for (long d : DIVISORS) {
                    BigInteger n = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
                    String what = a + "*" + b + "/" + d;
                    check(oracle(n, d, RoundingMode.FLOOR), () -> FixedPoint.mulDivFloor(a, b, d), "floor " + what);
                    check(oracle(n, d, RoundingMode.CEILING), () -> FixedPoint.mulDivCeil(a, b, d), "ceil " + what);
                }
            }
        }
    }

    @Test
    void mulDivMatchesBigIntegerOnSeededRandomValues() {
        long seed = Long.getLong("marginsim.test.seed", System.nanoTime());
        System.out.println("FixedPointTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 200_000; i++) {
            long a = rnd.nextLong() >> rnd.nextInt(64);
            long b = rnd.nextLong() >> rnd.nextInt(64);
            long c = rnd.nextInt(20_000) - 10_000;
            long d = Math.max(1, rnd.nextLong(Long.MAX_VALUE) >> rnd.nextInt(63));
            BigInteger n = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
            String what = "seed " + seed + ": " + a + "*" + b + "/" + d;
            check(oracle(n, d, RoundingMode.FLOOR), () -> FixedPoint.mulDivFloor(a, b, d), what);
            check(oracle(n, d, RoundingMode.CEILING), () -> FixedPoint.mulDivCeil(a, b, d), what);
            BigInteger n3 = n.multiply(BigInteger.valueOf(c));
            check(oracle(n3, d, RoundingMode.FLOOR), () -> FixedPoint.mulDivFloor(a, b, c, d), what + "*" + c);
            check(oracle(n3, d, RoundingMode.CEILING), () -> FixedPoint.mulDivCeil(a, b, c, d), what + "*" + c);
        }
    }

    @Test
    void addAndSubtractThrowOverflowExactlyOutsideInt64() {
        assertEquals(Long.MAX_VALUE, FixedPoint.add(Long.MAX_VALUE - 1, 1));
        assertThrows(ProtocolRevert.class, () -> FixedPoint.add(Long.MAX_VALUE, 1));
        assertEquals(Long.MIN_VALUE, FixedPoint.sub(Long.MIN_VALUE + 1, 1));
        assertThrows(ProtocolRevert.class, () -> FixedPoint.sub(Long.MIN_VALUE, 1));
        assertThrows(ProtocolRevert.class, () -> FixedPoint.neg(Long.MIN_VALUE));
        assertEquals(-Long.MAX_VALUE, FixedPoint.neg(Long.MAX_VALUE));
    }

    @Test
    void floorAndCeilRoundNegativeValuesAwayFromAndTowardZeroCorrectly() {
        assertEquals(-2, FixedPoint.mulDivFloor(-3, 1, 2));
        assertEquals(-1, FixedPoint.mulDivCeil(-3, 1, 2));
        assertEquals(1, FixedPoint.mulDivFloor(3, 1, 2));
        assertEquals(2, FixedPoint.mulDivCeil(3, 1, 2));
        assertEquals(-1, FixedPoint.truncDiv(BigInteger.valueOf(-3), BigInteger.TWO));
    }
}
