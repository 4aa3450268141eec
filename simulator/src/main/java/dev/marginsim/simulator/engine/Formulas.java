package dev.marginsim.simulator.engine;

import java.math.BigInteger;

/**
 * The contract's formulas whose intermediates leave 64 bits (docs/protocol.md §7, §8): each in
 * 128-bit long arithmetic, with the exact BigInteger form beside it, which is both the fallback
 * where an input is too wide for 128 bits and the reference the tests hold the fast form to.
 */
final class Formulas {
    static final long BPS = 10_000;
    static final long VALUE_SCALE = 100_000_000_000L; // 1e11
    static final long PRICE_ONE_E8 = 100_000_000L;
    static final long SEIZE_SCALE = 10_000_000L;      // 1e9 · 1e8 / (1e6 · BPS)

    private Formulas() {
    }

    /**
     * §7: {@code truncDiv(p · R · dt · (L − S), 1e8 · (L + S))} narrowed to int64, for L + S ≠ 0.
     * Fast where p·R and dt·(L − S) each fit 64 bits (open interest is never negative, so L − S does
     * and L + S fits an unsigned long): the numerator is then their exact 128-bit product, and the
     * divisor is divided by as its two exact factors (the same quotient as one division, see
     * {@link Int128Math#truncateDivideByProduct}).
     */
    static long fundingDeltaE12(long p, long rate, long dt, long longOi, long shortOi) {
        if (longOi >= 0 && shortOi >= 0) {
            long imbalance = longOi - shortOi;
            long a = p * rate;
            long b = dt * imbalance;
            if (Math.multiplyHigh(p, rate) == (a >> 63) && Math.multiplyHigh(dt, imbalance) == (b >> 63)) {
                return Int128Math.truncateDivideByProduct(Math.multiplyHigh(a, b), a * b, PRICE_ONE_E8, longOi + shortOi);
            }
        }
        return fundingDeltaE12Exact(p, rate, dt, longOi, shortOi);
    }

    static long fundingDeltaE12Exact(long p, long rate, long dt, long longOi, long shortOi) {
        BigInteger l = BigInteger.valueOf(longOi);
        BigInteger s = BigInteger.valueOf(shortOi);
        BigInteger n = BigInteger.valueOf(p).multiply(BigInteger.valueOf(rate)).multiply(BigInteger.valueOf(dt))
                .multiply(l.subtract(s));
        return FixedPoint.truncDiv(n, BigInteger.valueOf(PRICE_ONE_E8).multiply(l.add(s)));
    }

    /**
     * §8 liquidatePosition step 5: the size to close, from the pool's maintenance requirement
     * {@code mr} and weighted maintenance equity {@code me} (me < mr: the pool is liquidatable).
     * 128-bit: (MR·k − ME·BPS)·BPS < 2^94; the quotients that are only compared with a size or the
     * dust notional saturate, which keeps the comparison exact. Falls back to the exact form where
     * |s0| = 2^63 or the notional leaves int64.
     */
    static long closeSizeE9(long mr, long me, long mmrBps, long penaltyBps, long bufferBps, long dustE6, long s0, long p) {
        if (s0 == Long.MIN_VALUE) {
            return closeSizeE9Exact(mr, me, mmrBps, penaltyBps, bufferBps, dustE6, s0, p);
        }
        long k = BPS + bufferBps;
        long den = mmrBps * k - penaltyBps * BPS; // > 0 and < 2^31 for validated parameters
        if (den <= 0) {
            return closeSizeE9Exact(mr, me, mmrBps, penaltyBps, bufferBps, dustE6, s0, p);
        }
        long ahi = Math.multiplyHigh(mr, k);
        long alo = mr * k;
        long bhi = Math.multiplyHigh(me, BPS);
        long blo = me * BPS;
        long dlo = alo - blo;
        long dhi = ahi - bhi - (Long.compareUnsigned(alo, blo) < 0 ? 1 : 0);
        long nlo = dlo * BPS;
        long nhi = dhi * BPS + Int128Math.unsignedMultiplyHigh(dlo, BPS);
        long notional = Int128Math.divideSaturating(nhi, nlo, den, Int128Math.Rounding.CEILING);
        if (notional == Long.MAX_VALUE || notional == Long.MIN_VALUE) {
            return closeSizeE9Exact(mr, me, mmrBps, penaltyBps, bufferBps, dustE6, s0, p);
        }
        long size = Math.abs(s0);
        long byNotional = Int128Math.divideSaturating(Math.multiplyHigh(notional, VALUE_SCALE), notional * VALUE_SCALE,
                p, Int128Math.Rounding.CEILING);
        long close = Math.min(size, byNotional);
        if (close < size) {
            long rest = size - close; // close may be negative only for a pool that is not liquidatable
            if (rest < 0) {
                return closeSizeE9Exact(mr, me, mmrBps, penaltyBps, bufferBps, dustE6, s0, p);
            }
            long restNotional = Int128Math.divideSaturating(Math.multiplyHigh(rest, p), rest * p, VALUE_SCALE,
                    Int128Math.Rounding.FLOOR);
            if (restNotional < dustE6) {
                close = size;
            }
        }
        return close;
    }

    static long closeSizeE9Exact(long mr, long me, long mmrBps, long penaltyBps, long bufferBps, long dustE6, long s0,
            long p) {
        BigInteger k = BigInteger.valueOf(BPS + bufferBps);
        BigInteger bps = BigInteger.valueOf(BPS);
        BigInteger num = BigInteger.valueOf(mr).multiply(k).subtract(BigInteger.valueOf(me).multiply(bps)).multiply(bps);
        BigInteger den = BigInteger.valueOf(mmrBps).multiply(k).subtract(BigInteger.valueOf(penaltyBps).multiply(bps));
        BigInteger notional = ceil(num, den);
        BigInteger size = BigInteger.valueOf(Math.abs(s0));
        BigInteger close = size.min(ceil(notional.multiply(BigInteger.valueOf(VALUE_SCALE)), BigInteger.valueOf(p)));
        if (close.compareTo(size) < 0) {
            BigInteger rest = size.subtract(close).multiply(BigInteger.valueOf(p));
            if (floor(rest, BigInteger.valueOf(VALUE_SCALE)).compareTo(BigInteger.valueOf(dustE6)) < 0) {
                close = size;
            }
        }
        return close.longValueExact();
    }

    /**
     * §8 liquidateCollateral step 4 for {@code repay} > 0 at asset price p > 0 with bonus factor
     * {@code BPS + bonus}: writes {@code out[0] = seize}, {@code out[1] = repay}. The first seize is
     * exact (≤ 101 bits before the division) and only compared with the balance, so it saturates;
     * at the saturation value the exact form decides (a balance of int64 max must still be exceeded).
     */
    static void seizure(long repay, long bonusFactor, long p, long balanceE9, long[] out) {
        long factor = bonusFactor * SEIZE_SCALE;
        long seize = Int128Math.divideSaturating(Math.multiplyHigh(repay, factor), repay * factor, p,
                Int128Math.Rounding.FLOOR);
        if (seize == Long.MAX_VALUE) { // saturated, or exactly int64 max: only the exact form tells it from the balance
            seizureExact(repay, bonusFactor, p, balanceE9, out);
            return;
        }
        if (seize > balanceE9) {
            seize = balanceE9;
            repay = Int128Math.divide(Math.multiplyHigh(seize, p), seize * p, factor, Int128Math.Rounding.CEILING);
        }
        out[0] = seize;
        out[1] = repay;
    }

    static void seizureExact(long repay, long bonusFactor, long p, long balanceE9, long[] out) {
        BigInteger seizeExact = floor(BigInteger.valueOf(repay).multiply(BigInteger.valueOf(bonusFactor))
                .multiply(BigInteger.valueOf(SEIZE_SCALE)), BigInteger.valueOf(p));
        long seize;
        if (seizeExact.compareTo(BigInteger.valueOf(balanceE9)) <= 0) {
            seize = seizeExact.longValue();
        } else {
            seize = balanceE9;
            repay = FixedPoint.ceilDiv(BigInteger.valueOf(seize).multiply(BigInteger.valueOf(p)),
                    BigInteger.valueOf(bonusFactor * SEIZE_SCALE));
        }
        out[0] = seize;
        out[1] = repay;
    }

    static BigInteger ceil(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    static BigInteger floor(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }
}
