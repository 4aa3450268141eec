package dev.marginsim.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The token ledger against a BigInteger model: balances across the int64 and 126-bit boundaries
 * (where it leaves its two-long form), comparisons, and journal rollback of an operation.
 */
class TokenLedgerTest {
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);
    private static final BigInteger TWO_126 = BigInteger.ONE.shiftLeft(126);

    @Test
    void balancesMatchTheModelAcrossEveryWidth() {
        Journal journal = new Journal();
        TokenLedger ledger = new TokenLedger(journal);
        int t = ledger.add();
        BigInteger model = BigInteger.ZERO;
        BigInteger[] steps = {TWO_63.subtract(BigInteger.ONE), BigInteger.ONE, TWO_63, BigInteger.TEN.pow(24),
                TWO_126.subtract(BigInteger.TWO.pow(70)), TWO_126, BigInteger.ONE};
        for (BigInteger step : steps) {
            ledger.credit(t, step);
            model = model.add(step);
            assertEquals(model, ledger.balance(t), "after crediting " + step);
        }
        for (BigInteger step : steps) {
            ledger.debit(t, step);
            model = model.subtract(step);
            assertEquals(model, ledger.balance(t), "after debiting " + step);
        }
        journal.commit();
        assertEquals(BigInteger.ZERO, ledger.balance(t));
    }

    @Test
    void longAmountsAndComparisonsMatchTheModel() {
        Journal journal = new Journal();
        TokenLedger ledger = new TokenLedger(journal);
        int t = ledger.add();
        ledger.credit(t, Long.MAX_VALUE);
        ledger.credit(t, Long.MAX_VALUE);
        BigInteger model = BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1);
        assertEquals(model, ledger.balance(t));
        assertEquals(false, ledger.below(t, BigInteger.valueOf(Long.MAX_VALUE)));
        assertEquals(true, ledger.below(t, model.add(BigInteger.ONE)));
        assertEquals(false, ledger.below(t, model));
        ledger.debit(t, Long.MAX_VALUE);
        ledger.debit(t, Long.MAX_VALUE);
        ledger.debit(t, 1);
        assertEquals(BigInteger.ONE.negate(), ledger.balance(t));
        assertEquals(true, ledger.below(t, BigInteger.ZERO));
        assertEquals(false, ledger.below(t, BigInteger.ONE.negate()));
    }

    @Test
    void aRolledBackOperationLeavesTheBalancesAsTheyWere() {
        Journal journal = new Journal();
        TokenLedger ledger = new TokenLedger(journal);
        int a = ledger.add();
        int b = ledger.add();
        ledger.credit(a, BigInteger.TEN.pow(20));
        journal.commit();
        ledger.credit(a, BigInteger.TEN.pow(21));
        ledger.debit(b, 5);
        journal.rollback();
        assertEquals(BigInteger.TEN.pow(20), ledger.balance(a));
        assertEquals(BigInteger.ZERO, ledger.balance(b));
    }

    @Test
    void seededRandomMovesMatchTheModel() {
        long seed = Long.getLong("marginsim.test.seed", System.nanoTime());
        System.out.println("TokenLedgerTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        Journal journal = new Journal();
        TokenLedger ledger = new TokenLedger(journal);
        BigInteger[] model = new BigInteger[6];
        for (int i = 0; i < model.length; i++) {
            ledger.add(); // more than the initial capacity: the arrays grow
            model[i] = BigInteger.ZERO;
        }
        for (int i = 0; i < 50_000; i++) {
            int t = rnd.nextInt(model.length);
            // Mostly realistic amounts, sometimes beyond 2^126 (the token then stays a BigInteger).
            int bits = rnd.nextInt(100) < 98 ? rnd.nextInt(90) : 120 + rnd.nextInt(20);
            BigInteger amount = new BigInteger(bits, new java.util.Random(rnd.nextLong()));
            boolean asLong = amount.bitLength() <= 62 && rnd.nextBoolean();
            String what = "seed " + seed + " step " + i;
            switch (rnd.nextInt(3)) {
                case 0:
                    if (asLong) {
                        ledger.credit(t, amount.longValueExact());
                    } else {
                        ledger.credit(t, amount);
                    }
                    model[t] = model[t].add(amount);
                    break;
                case 1:
                    if (asLong) {
                        ledger.debit(t, amount.longValueExact());
                    } else {
                        ledger.debit(t, amount);
                    }
                    model[t] = model[t].subtract(amount);
                    break;
                default:
                    assertEquals(model[t].compareTo(amount) < 0, ledger.below(t, amount), what);
            }
            journal.commit();
            assertEquals(model[t], ledger.balance(t), what);
        }
    }
}
