package dev.marginsim.simulator.engine;

import java.math.BigInteger;

/**
 * What the protocol holds of each token (the chain's ERC-20 balances of the contract), exact as the
 * contract's uint256. A balance is kept as a signed 128-bit pair of longs, written through the
 * {@link Journal} so a reverted operation leaves it as it was; a token whose balance or one of whose
 * amounts leaves 127 bits moves to a BigInteger for good (journaling stops there: no realistic
 * token supply comes near 2^127 units).
 */
final class TokenLedger {
    private final Journal journal;
    private long[] hi = new long[4];
    private long[] lo = new long[4];
    private BigInteger[] wide = new BigInteger[4];
    private int count;

    private final int hiTag;
    private final int loTag;

    TokenLedger(Journal journal) {
        this.journal = journal;
        this.hiTag = journal.register(hi);
        this.loTag = journal.register(lo);
    }

    /** Adds a token with a zero balance; returns its id. */
    int add() {
        if (count == hi.length) {
            hi = java.util.Arrays.copyOf(hi, count * 2);
            lo = java.util.Arrays.copyOf(lo, count * 2);
            wide = java.util.Arrays.copyOf(wide, count * 2);
            journal.rebind(hiTag, hi);
            journal.rebind(loTag, lo);
        }
        return count++;
    }

    void credit(int token, BigInteger amount) {
        move(token, amount, false);
    }

    void debit(int token, BigInteger amount) {
        move(token, amount, true);
    }

    /** Credits a non-negative int64 amount (no BigInteger on the way). */
    void credit(int token, long amount) {
        if (wide[token] != null || !addInPlace(token, amount >> 63, amount)) {
            wide[token] = balance(token).add(BigInteger.valueOf(amount));
        }
    }

    void debit(int token, long amount) {
        if (wide[token] != null || amount == Long.MIN_VALUE || !addInPlace(token, (-amount) >> 63, -amount)) {
            wide[token] = balance(token).subtract(BigInteger.valueOf(amount));
        }
    }

    /** Whether the balance is below {@code amount}. */
    boolean below(int token, BigInteger amount) {
        if (wide[token] == null && amount.bitLength() <= 63) {
            long a = amount.longValue();
            return Int128Math.compare(hi[token], lo[token], a >> 63, a) < 0;
        }
        return balance(token).compareTo(amount) < 0;
    }

    BigInteger balance(int token) {
        if (wide[token] != null) {
            return wide[token];
        }
        BigInteger low = BigInteger.valueOf(lo[token] >>> 1).shiftLeft(1).add(BigInteger.valueOf(lo[token] & 1));
        return BigInteger.valueOf(hi[token]).shiftLeft(64).add(low);
    }

    private void move(int token, BigInteger amount, boolean negate) {
        int bits = amount.bitLength();
        if (wide[token] == null && bits <= 126) {
            long alo = amount.longValue();
            long ahi = bits <= 63 ? alo >> 63 : amount.shiftRight(64).longValue();
            if (negate) { // two's complement negation of (ahi, alo); |amount| < 2^126 cannot wrap
                ahi = alo == 0 ? -ahi : ~ahi;
                alo = -alo;
            }
            if (addInPlace(token, ahi, alo)) {
                return;
            }
        }
        BigInteger b = balance(token);
        wide[token] = negate ? b.subtract(amount) : b.add(amount);
    }

    /** Adds (ahi, alo) to the balance through the journal, unless the sum leaves 127 bits. */
    private boolean addInPlace(int token, long ahi, long alo) {
        long rlo = lo[token] + alo;
        long carry = Long.compareUnsigned(rlo, alo) < 0 ? 1 : 0;
        long rhi = hi[token] + ahi + carry;
        // Keep a margin of one bit: both addends and the sum within (−2^126, 2^126) never wrap.
        if (!within126(hi[token]) || !within126(ahi) || !within126(rhi)) {
            return false;
        }
        if (rhi != hi[token]) {
            journal.set(hiTag, hi, token, rhi);
        }
        journal.set(loTag, lo, token, rlo);
        return true;
    }

    private static boolean within126(long highWord) {
        return highWord >= -(1L << 61) && highWord < (1L << 61);
    }
}
