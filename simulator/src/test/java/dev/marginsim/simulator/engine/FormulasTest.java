package dev.marginsim.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.core.ProtocolRevert;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Each 128-bit formula against its exact BigInteger form: the same value, or the same revert
 * ({@code Overflow()} where the contract's narrowing reverts), at boundary inputs (0, 1, max, max − 1,
 * powers of two and ten, rounding edges) and on a seeded random sample over the parameters' valid
 * ranges. The differential suite then holds the engine built on them to the contract.
 */
class FormulasTest {
    private static final long MAX = Long.MAX_VALUE;
    /** Non-negative boundaries: open interest, sizes, balances, amounts. */
    private static final long[] NON_NEGATIVE = {0, 1, 2, 9, 10, 99_999, 100_000_000L, 99_999_999_999L,
            100_000_000_000L, 100_000_000_001L, 3_037_000_499L, 3_037_000_500L, 1L << 31, 1L << 32, (1L << 32) + 1,
            1L << 62, (1L << 62) + 1, MAX / 3, MAX - 1, MAX};
    /** Prices (> 0). */
    private static final long[] PRICES = {1, 2, 3, 99_999_999L, 100_000_000L, 300_000_000_000L, 1L << 40, 1L << 62,
            MAX - 1, MAX};

    /** The value, or the revert's Solidity form, or the Java exception's class: what an outcome is compared by. */
    private static String outcome(LongSupplier f) {
        try {
            return Long.toString(f.getAsLong());
        } catch (ProtocolRevert r) {
            return r.solidityForm();
        } catch (ArithmeticException e) {
            return "ArithmeticException";
        }
    }

    private static void same(LongSupplier fast, LongSupplier exact, String what) {
        assertEquals(outcome(exact), outcome(fast), what);
    }

    @Test
    void fundingDeltaMatchesTheExactFormulaAtBoundaries() {
        long[] rates = {0, 1, 11_574L, 999_999_999L, 1_000_000_000L};
        long[] dts = {1, 2, 60, 3_600, 1L << 31, 1L << 40, MAX, -1, -60};
        int checked = 0;
        for (long p : PRICES) {
            for (long rate : rates) {
                for (long dt : dts) {
                    for (long l : NON_NEGATIVE) {
                        for (long s : NON_NEGATIVE) {
                            if (l == 0 && s == 0) {
                                continue;
                            }
                            String what = "p=" + p + " R=" + rate + " dt=" + dt + " L=" + l + " S=" + s;
                            same(() -> Formulas.fundingDeltaE12(p, rate, dt, l, s),
                                    () -> Formulas.fundingDeltaE12Exact(p, rate, dt, l, s), what);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 50_000, "boundary grid ran: " + checked);
    }

    @Test
    void fundingDeltaRevertsWithOverflowWhereTheNarrowingDoes() {
        // Max price, rate and dt with all open interest on one side: far beyond int64.
        assertEquals("Overflow()", outcome(() -> Formulas.fundingDeltaE12(MAX, 1_000_000_000L, MAX, MAX, 0)));
        assertEquals("Overflow()", outcome(() -> Formulas.fundingDeltaE12(MAX, 1_000_000_000L, 1L << 40, 1, 0)));
        // The same with balanced interest is exactly 0.
        assertEquals("0", outcome(() -> Formulas.fundingDeltaE12(MAX, 1_000_000_000L, MAX, MAX, MAX)));
    }

    @Test
    void closeSizeMatchesTheExactFormulaAtBoundaries() {
        long[] requirements = {1, 2, 10_000, 1_000_000L, 123_456_789_012L, 1L << 50, MAX - 1, MAX};
        long[] gaps = {1, 2, 3, 9_999, 10_001, 1_000_000L, 1L << 40, MAX};
        long[][] risk = {{1, 0, 0}, {500, 250, 0}, {500, 499, 10_000}, {625, 300, 2_000}, {9_999, 9_998, 10_000},
                {9_999, 0, 1}};
        long[] dusts = {0, 1, 5_000_000L, MAX};
        long[] sizes = {1, 2, 999_999_999L, 1_000_000_000L, 1L << 40, MAX - 1, MAX, -1, -(1L << 40), -MAX, Long.MIN_VALUE};
        int checked = 0;
        for (long mr : requirements) {
            for (long gap : gaps) {
                long me = mr - gap; // liquidatable: ME < MR; may go far below zero
                if (me > mr) {
                    continue; // wrapped
                }
                for (long[] r : risk) {
                    for (long dust : dusts) {
                        for (long s0 : sizes) {
                            for (long p : PRICES) {
                                String what = "MR=" + mr + " ME=" + me + " mmr/pen/buf=" + r[0] + "/" + r[1] + "/" + r[2]
                                        + " dust=" + dust + " s0=" + s0 + " p=" + p;
                                same(() -> Formulas.closeSizeE9(mr, me, r[0], r[1], r[2], dust, s0, p),
                                        () -> Formulas.closeSizeE9Exact(mr, me, r[0], r[1], r[2], dust, s0, p), what);
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(checked > 50_000, "boundary grid ran: " + checked);
    }

    @Test
    void closeSizeRoundsTheNotionalUpAndClosesDustRemainders() {
        // mmr 500, no penalty, no buffer: notional = ceil((MR − ME)·1e4 / 500) = (MR − ME)·20, 1e9 size
        // units at p = 1e8 are worth 1e6 (one dollar), so the close is notional·1000 (a multiple of 1e11 / p).
        assertEquals(20_000, Formulas.closeSizeE9(10, 9, 500, 0, 0, 0, 1_000_000_000L, 100_000_000L));
        // A remainder worth less than the dust notional closes the whole position.
        assertEquals(1_000_000_000L, Formulas.closeSizeE9(10, 9, 500, 0, 0, 1_000_000L, 1_000_000_000L, 100_000_000L));
        // The remainder, 999 980 000 units, is worth 999 980: exactly at the dust notional it stays open.
        assertEquals(20_000, Formulas.closeSizeE9(10, 9, 500, 0, 0, 999_980L, 1_000_000_000L, 100_000_000L));
        // mmr 300: the notional 1e8 / 3e6 = 33.3 rounds up to 34.
        assertEquals(34_000, Formulas.closeSizeE9(10, 9, 300, 0, 0, 0, 1_000_000_000L, 100_000_000L));
    }

    @Test
    void seizureMatchesTheExactFormulaAtBoundaries() {
        long[] repays = {1, 2, 9_999, 1_000_000L, 1L << 40, MAX - 1, MAX};
        long[] bonuses = {10_000, 10_001, 10_500, 15_000};
        long[] fast = new long[2];
        long[] exact = new long[2];
        for (long repay : repays) {
            for (long bonus : bonuses) {
                for (long p : PRICES) {
                    for (long balance : NON_NEGATIVE) {
                        String what = "repay=" + repay + " factor=" + bonus + " p=" + p + " balance=" + balance;
                        String e = outcome(() -> {
                            Formulas.seizureExact(repay, bonus, p, balance, exact);
                            return 0;
                        });
                        String f = outcome(() -> {
                            Formulas.seizure(repay, bonus, p, balance, fast);
                            return 0;
                        });
                        assertEquals(e, f, what);
                        if (e.equals("0")) {
                            assertArrayEquals(exact, fast, what);
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyFormulaMatchesOnSeededRandomInputs() {
        long seed = Long.getLong("marginsim.test.seed", System.nanoTime());
        System.out.println("FormulasTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] fast = new long[2];
        long[] exact = new long[2];
        for (int i = 0; i < 100_000; i++) {
            long p = 1 + (rnd.nextLong(MAX) >>> rnd.nextInt(63));
            long rate = rnd.nextLong(1_000_000_001L);
            long dt = 1 + (rnd.nextLong(MAX) >>> rnd.nextInt(63));
            long l = rnd.nextLong(MAX) >>> rnd.nextInt(64);
            long s = rnd.nextLong(MAX) >>> rnd.nextInt(64);
            String what = "seed " + seed + ": ";
            if (l != 0 || s != 0) {
                same(() -> Formulas.fundingDeltaE12(p, rate, dt, l, s), () -> Formulas.fundingDeltaE12Exact(p, rate, dt, l, s),
                        what + "funding p=" + p + " R=" + rate + " dt=" + dt + " L=" + l + " S=" + s);
            }
            long mr = rnd.nextLong(MAX) >>> rnd.nextInt(63);
            long me = mr - 1 - (rnd.nextLong(MAX) >>> rnd.nextInt(64));
            long mmr = 1 + rnd.nextInt(9_999);
            long pen = rnd.nextLong(mmr);
            long buf = rnd.nextInt(10_001);
            long dust = rnd.nextLong(MAX) >>> rnd.nextInt(64);
            long s0 = (rnd.nextLong() >> rnd.nextInt(64)) | 1;
            if (me < mr) {
                same(() -> Formulas.closeSizeE9(mr, me, mmr, pen, buf, dust, s0, p),
                        () -> Formulas.closeSizeE9Exact(mr, me, mmr, pen, buf, dust, s0, p),
                        what + "close MR=" + mr + " ME=" + me + " " + mmr + "/" + pen + "/" + buf + " dust=" + dust
                                + " s0=" + s0 + " p=" + p);
            }
            long repay = 1 + (rnd.nextLong(MAX) >>> rnd.nextInt(63));
            long factor = 10_000 + rnd.nextInt(5_001);
            long balance = rnd.nextLong(MAX) >>> rnd.nextInt(64);
            String e = outcome(() -> {
                Formulas.seizureExact(repay, factor, p, balance, exact);
                return 0;
            });
            String f = outcome(() -> {
                Formulas.seizure(repay, factor, p, balance, fast);
                return 0;
            });
            String w = what + "seize repay=" + repay + " factor=" + factor + " p=" + p + " balance=" + balance;
            assertEquals(e, f, w);
            if (e.equals("0")) {
                assertArrayEquals(exact, fast, w);
            }
        }
    }
}
