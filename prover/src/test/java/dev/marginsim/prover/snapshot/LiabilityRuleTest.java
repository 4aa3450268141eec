package dev.marginsim.prover.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.transparent.Fixtures;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiabilityRuleTest {
    private static final RoundInfo INFO = Fixtures.info(1, BigInteger.ZERO, BigInteger.ZERO); // USDC, WETH at $2,000
    private static final Address A = Address.ofIndex(1);

    private static AccountReading reading(long quote, long wethE9, long crossPnl, long... isolated) {
        return readingAt(2_000_00000000L, quote, wethE9, crossPnl, isolated);
    }

    /** A reading whose cross equity is quote + value(weth) + PnL, the value computed exactly (BigInteger, floor). */
    private static AccountReading readingAt(long priceE8, long quote, long wethE9, long crossPnl, long... isolated) {
        long value = floorValue(wethE9, priceE8);
        return new AccountReading(A, quote, new long[] {0, wethE9}, quote + value + crossPnl, isolated);
    }

    @Test
    void aDebtInQuoteNeverReducesTheCollateralOwed() {
        // Quote −$1,000 against 1 WETH: the protocol still owes the whole WETH; the quote claim is 0, not −1,000.
        Liabilities l = LiabilityRule.apply(INFO, reading(-1_000_000_000L, 1_000_000_000L, 0));
        assertArrayEquals(new long[] {0, 1_000_000_000L, 2_000_000_000L}, l.columns());
    }

    @Test
    void crossPnlNetsWithTheQuoteOfItsOwnPoolOnly() {
        assertEquals(700, LiabilityRule.apply(INFO, reading(1_000, 0, -300)).column(0));
        assertEquals(0, LiabilityRule.apply(INFO, reading(1_000, 0, -3_000)).column(0));
        assertEquals(4_000, LiabilityRule.apply(INFO, reading(1_000, 0, 3_000)).column(0));
    }

    @Test
    void aNegativeIsolatedPoolNeverCancelsAnotherPoolsClaim() {
        // Cross claim 1,000; isolated pools +250 and −600 (bad debt): owed 1,250, not 650.
        assertEquals(1_250, LiabilityRule.apply(INFO, reading(1_000, 0, 0, 250, -600)).column(0));
        // A negative cross pool does not eat an isolated pool's margin either.
        assertEquals(250, LiabilityRule.apply(INFO, reading(-5_000, 0, 0, 250)).column(0));
    }

    @Test
    void theUsdColumnValuesEachAssetWithTheProtocolsFloor() {
        // Seeded random accounts against a BigInteger recomputation of the rule.
        RoundInfo odd = new RoundInfo(0, Address.ZERO, 1, INFO.prices(), java.util.List.of(RoundAsset.settlement(BigInteger.ZERO),
                new RoundAsset(1, "ETH / USD", ODD_PRICE, 18, BigInteger.ZERO)));
        SplittableRandom rnd = new SplittableRandom(20261125);
        System.out.println("LiabilityRuleTest seed 20261125");
        for (int i = 0; i < 10_000; i++) {
            long quote = rnd.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            long weth = rnd.nextLong(0, 1_000_000_000_000_000L);
            long pnl = rnd.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            Liabilities l = LiabilityRule.apply(odd, readingAt(ODD_PRICE, quote, weth, pnl));
            long settlement = Math.max(0, quote + pnl);
            assertEquals(settlement, l.column(0), "case " + i);
            assertEquals(weth, l.column(1));
            assertEquals(floorValue(weth, ODD_PRICE) + settlement, l.column(2), "case " + i);
        }
    }

    private static final long ODD_PRICE = 1_999_99999999L;

    private static long floorValue(long amountE9, long priceE8) {
        // amounts and prices are non-negative here, so BigInteger's truncating divide is the floor
        return BigInteger.valueOf(amountE9).multiply(BigInteger.valueOf(priceE8)).divide(BigInteger.valueOf(100_000_000_000L))
                .longValueExact();
    }

    @Test
    void aLiabilityBeyondInt64IsANamedOverflow() {
        AccountReading r = new AccountReading(A, 0, new long[] {0, 0}, Long.MAX_VALUE, new long[] {Long.MAX_VALUE});
        SnapshotException e = assertThrows(SnapshotException.class, () -> LiabilityRule.apply(INFO, r));
        assertEquals(SnapshotException.Reason.OVERFLOW, e.reason());
    }
}
