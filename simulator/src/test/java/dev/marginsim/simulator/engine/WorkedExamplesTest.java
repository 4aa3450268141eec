package dev.marginsim.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.core.OracleFailureCode;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.core.RevertReason;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/protocol.md §12, integer for integer (on the standard setup: WETH 80/85 %,
 * BTC-PERP IMR 10 %, MMR 5 %, penalty 2.5 % split 50/50, fee 5 bps, buffer 10 %), and the rules around
 * them: the maintenance boundary, atomicity, guard order, bad debt.
 */
class WorkedExamplesTest {
    private static final long T0 = 1_767_225_600L;
    private static final int BTC_PERP = 1;
    private EngineDeployment d;
    private MarginEngine e;
    private final List<ProtocolEvent> events = new ArrayList<>();

    @BeforeEach
    void deploy() {
        d = EngineDeployer.deploy(ProtocolSetup.standard(), T0);
        e = d.engine();
        e.setEventListener(events::add);
    }

    private void btcPrice(long usd) {
        e.setRound(d.feeds().get(1), 2, usd * 100_000_000L, T0, T0, 2);
    }

    @Test
    void example1_collateralValueAndWeights() {
        e.deposit(0, 1, new BigInteger("2000000000000000000")); // 2 WETH, 18 decimals
        assertEquals(2_000_000_000L, e.account(0).collateralE9()[1]);
        Health h = e.accountHealth(0);
        assertEquals(6_000_000_000L, h.equityE6());               // 2 × $3,000
        assertEquals(4_800_000_000L, h.weightedEquityInitialE6()); // × 80 %
        assertEquals(5_100_000_000L, h.weightedEquityMaintE6());   // × 85 %
        assertEquals(Long.MAX_VALUE, h.healthBps());               // no requirement
    }

    private void openOneBtcLong() {
        e.deposit(0, 0, 10_000_000_000L); // $10,000 USDC
        e.trade(0, BTC_PERP, false, 1_000_000_000L);
    }

    @Test
    void example2_openingALongChargesTheFeeAndSetsTheCostBasis() {
        openOneBtcLong();
        assertEquals(9_970_000_000L, e.account(0).quoteE6());                 // $30 fee
        assertEquals(-60_000_000_000L, e.position(0, BTC_PERP, false).openNotionalE6());
        assertEquals(30_000_000L, e.protocolState().insuranceFundE6());
        Health h = e.accountHealth(0);
        assertEquals(6_000_000_000L, h.initialRequirementE6());
        assertEquals(3_000_000_000L, h.maintenanceRequirementE6());
        assertEquals(33_233, h.healthBps());
    }

    @Test
    void example3_priceFallHealthAndLiquidationPrice() {
        openOneBtcLong();
        btcPrice(53_000);
        Health h = e.accountHealth(0);
        assertEquals(2_970_000_000L, h.weightedEquityMaintE6());
        assertEquals(2_650_000_000L, h.maintenanceRequirementE6());
        assertEquals(5_266_315_789_474L, e.liquidationPriceE8(0, BTC_PERP, false)); // $52,663.16
        assertEquals(RevertReason.NotLiquidatable,
                assertThrows(ProtocolRevert.class, () -> e.liquidatePosition(9, 0, BTC_PERP, false)).reason());
    }

    @Test
    void example4_partialLiquidationRestoresTheBuffer() {
        openOneBtcLong();
        btcPrice(52_000);
        events.clear();
        e.liquidatePosition(9, 0, BTC_PERP, false);
        var liq = (ProtocolEvent.PositionLiquidated) events.get(0);
        assertEquals(-570_512_821L, liq.sizeDeltaE9());
        assertEquals(-4_564_102_568L, liq.realizedPnlE6());
        assertEquals(741_666_668L, liq.penaltyE6());
        assertEquals(370_833_334L, liq.rewardE6());
        assertEquals(4_664_230_764L, e.account(0).quoteE6());
        assertEquals(429_487_179L, e.position(0, BTC_PERP, false).sizeE9());
        assertEquals(-25_769_230_740L, e.position(0, BTC_PERP, false).openNotionalE6());
        Health h = e.accountHealth(0);
        assertEquals(1_228_333_332L, h.weightedEquityMaintE6());
        assertEquals(1_116_666_666L, h.maintenanceRequirementE6()); // 110.0 %: the buffer
        assertEquals(370_833_334L, e.account(9).quoteE6());         // the liquidator's reward
    }

    @Test
    void exactlyAtMaintenanceIsNotLiquidatableOneUnitBelowIs() {
        openOneBtcLong();
        // The lowest price at which margin (equity − maintenance) is still ≥ 0, by bisection.
        long lo = 50_000_00000000L;
        long hi = 60_000_00000000L;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (marginAt(mid) >= 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        long boundary = lo;
        assertTrue(marginAt(boundary) >= 0 && marginAt(boundary - 1) < 0);
        marginAt(boundary);
        assertEquals(RevertReason.NotLiquidatable,
                assertThrows(ProtocolRevert.class, () -> e.liquidatePosition(9, 0, BTC_PERP, false)).reason());
        marginAt(boundary - 1);
        e.liquidatePosition(9, 0, BTC_PERP, false); // one price unit lower: liquidatable
    }

    private long marginAt(long priceE8) {
        e.setRound(d.feeds().get(1), 2, priceE8, T0, T0, 2);
        Health h = e.accountHealth(0);
        return h.weightedEquityMaintE6() - h.maintenanceRequirementE6();
    }

    @Test
    void aRevertLeavesNoTrace() {
        openOneBtcLong();
        AccountState before = e.account(0);
        PositionState posBefore = e.position(0, BTC_PERP, false);
        ProtocolState fundsBefore = e.protocolState();
        e.setTime(T0 + 30); // funding would accrue first …
        ProtocolRevert r = assertThrows(ProtocolRevert.class, () -> e.trade(0, BTC_PERP, false, 10_000_000_000L));
        assertEquals(RevertReason.InsufficientMargin, r.reason()); // … but the trade fails at the end
        assertEquals(before.quoteE6(), e.account(0).quoteE6());
        assertEquals(posBefore, e.position(0, BTC_PERP, false));
        assertEquals(fundsBefore, e.protocolState());
        assertEquals(T0, e.marketState(BTC_PERP).lastFundingTime());
    }

    @Test
    void guardsFailInTheDocumentedOrder() {
        openOneBtcLong();
        int feed = d.feeds().get(1);
        e.setRound(feed, 3, -1, T0, 0, 2); // non-positive, incomplete and never updated at once
        assertEquals(OracleFailureCode.NON_POSITIVE, oracleFailure());
        e.setRound(feed, 3, 1, T0, 0, 2);
        assertEquals(OracleFailureCode.INCOMPLETE_ROUND, oracleFailure());
        e.setRound(feed, 3, 1, T0 - 7_200, T0 - 7_200, 3);
        assertEquals(OracleFailureCode.STALE, oracleFailure());
        e.setRound(feed, 3, 1, T0, T0, 3);
        assertEquals(OracleFailureCode.OUT_OF_BOUNDS, oracleFailure());
        int sequencer = d.sequencerFeed();
        e.setRound(sequencer, 2, 1, T0, T0, 2);
        assertEquals(OracleFailureCode.SEQUENCER_DOWN, oracleFailure());
        e.setRound(sequencer, 3, 0, T0, T0, 3);
        e.setRound(feed, 4, 60_000_00000000L, T0, T0, 4);
        assertEquals(OracleFailureCode.GRACE_PERIOD, oracleFailure()); // back up, inside the grace period
        e.setTime(T0 + 3_601);
        e.setRound(feed, 5, 60_000_00000000L, T0 + 3_601, T0 + 3_601, 5);
        e.trade(0, BTC_PERP, false, 1_000_000L); // after the grace period, trading resumes
    }

    private OracleFailureCode oracleFailure() {
        ProtocolRevert r = assertThrows(ProtocolRevert.class, () -> e.trade(0, BTC_PERP, false, 1_000_000L));
        assertEquals(RevertReason.OracleFailure, r.reason());
        return r.oracleCode();
    }

    @Test
    void badDebtIsCoveredByInsuranceFirstThenThePool() {
        e.fundInsurance(5, BigInteger.valueOf(100_000_000L)); // $100 of insurance
        e.fundPool(5, BigInteger.valueOf(1_000_000_000_000L));
        openOneBtcLong(); // + $30 fee to insurance
        btcPrice(40_000); // −$20,000 on $9,970 of margin
        events.clear();
        e.liquidatePosition(9, 0, BTC_PERP, false); // deep under water: closed in full
        assertEquals(0, e.position(0, BTC_PERP, false).sizeE9());
        var bad = events.stream().filter(x -> x instanceof ProtocolEvent.BadDebtSettled)
                .map(x -> (ProtocolEvent.BadDebtSettled) x).findFirst().orElseThrow();
        // quote: 9,970 − 20,000 realized − 1,000 penalty (2.5 % of $40,000) = −11,030 → bad debt $11,030
        assertEquals(11_030_000_000L, bad.amountE6());
        long insuranceBefore = 100_000_000L + 30_000_000L + 500_000_000L; // funded + fee + penalty share
        assertEquals(insuranceBefore, bad.fromInsuranceE6());
        assertEquals(11_030_000_000L - insuranceBefore, bad.socializedE6());
        assertEquals(0, e.account(0).quoteE6());
        assertEquals(0, e.protocolState().insuranceFundE6());
        var s = e.solvency(0);
        assertTrue(s.held().compareTo(s.owed()) >= 0, "held " + s.held() + " owed " + s.owed());
    }
}
