package dev.marginsim.oracle.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.core.price.PriceFeed;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.guard.GuardFailure;
import dev.marginsim.oracle.guard.Guards;
import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.path.PriceScript;
import dev.marginsim.oracle.synthetic.Gbm;
import dev.marginsim.oracle.synthetic.PathGrid;
import dev.marginsim.oracle.synthetic.ScriptedCrash;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each failure produces the rounds it describes, and the guards (oracle/guard) catch what they should. */
class FailureInjectionTest {
    private static final long SEED = 4_004L;
    private static final long T0 = 1_700_000_000L;
    private static final PathGrid GRID = new PathGrid("ETH/USD", 8, T0, 60, 24 * 60, new BigDecimal("2000"));
    private static final PricePath ETH = new Gbm(0, 0.8).generate(GRID, SEED, 0);

    private static Optional<GuardFailure> guard(dev.marginsim.oracle.guard.RoundGuard g, OracleView v, long t) {
        return g.check(v.feedAt(t).latestRound(), t);
    }

    @Test
    void aFrozenFeedWritesNothingInItsWindowAndGoesStale() {
        long from = T0 + 3 * 3600;
        long until = from + 4 * 3600;
        OracleView v = OracleScenario.over(ETH).updates(new DeviationHeartbeat(50, 3_600, 0))
                .fail(new Freeze(from, until)).view();
        assertTrue(v.rounds().stream().noneMatch(r -> r.updatedAt() >= from && r.updatedAt() < until));
        assertTrue(v.rounds().stream().anyMatch(r -> r.updatedAt() >= until), "it comes back");
        var heartbeat = Guards.heartbeat(3_600);
        assertEquals(Optional.empty(), guard(heartbeat, v, from - 1));
        long lastBefore = v.latestAt(from - 1).orElseThrow().updatedAt();
        assertInstanceOf(GuardFailure.Stale.class, guard(heartbeat, v, lastBefore + 3_601).orElseThrow());
        OracleView forever = OracleScenario.over(ETH).fail(Freeze.forever(from)).view();
        assertTrue(OracleView.writeTime(forever.rounds().get(forever.rounds().size() - 1)) < from);
    }

    @Test
    void aSpikeIsTheLatestRoundForExactlyOneBlock() {
        long at = T0 + 5 * 3600 + 30;
        OracleView v = OracleScenario.over(ETH).fail(OneBlockRound.spike(at, new BigDecimal("3"), 12)).view();
        PriceRound spike = v.latestAt(at).orElseThrow();
        assertEquals(BigInteger.valueOf(ETH.priceAt(at)).multiply(BigInteger.valueOf(3)), spike.answer());
        assertEquals(spike, v.latestAt(at + 11).orElseThrow());
        PriceRound fixed = v.latestAt(at + 12).orElseThrow();
        assertEquals(BigInteger.valueOf(ETH.priceAt(at + 12)), fixed.answer());
        assertEquals(spike.roundId().add(BigInteger.ONE), fixed.roundId());
        assertEquals(1, v.rounds().stream().filter(r -> r.answer().compareTo(BigInteger.valueOf(ETH.priceAt(at) * 2)) > 0).count());
        var maxMove = Guards.maxDeviation(v.feedAt(at), 1_000);
        assertInstanceOf(GuardFailure.ExcessiveDeviation.class, maxMove.check(spike, at).orElseThrow());
    }

    @Test
    void zeroAndNegativeAnswersFailThePositiveAnswerGuard() {
        long at = T0 + 7_200;
        for (BigInteger bad : List.of(BigInteger.ZERO, BigInteger.valueOf(-1))) {
            OracleView v = OracleScenario.over(ETH).fail(OneBlockRound.answer(at, bad, 2)).view();
            assertEquals(bad, v.latestAt(at).orElseThrow().answer());
            assertInstanceOf(GuardFailure.NonPositive.class, guard(Guards.positiveAnswer(), v, at).orElseThrow());
            assertEquals(Optional.empty(), guard(Guards.positiveAnswer(), v, at + 2));
        }
    }

    @Test
    void incompleteAndCarriedOverRoundsFailTheCompleteRoundGuard() {
        long at = T0 + 600;
        for (boolean carried : List.of(false, true)) {
            OracleView v = OracleScenario.over(ETH).fail(new IncompleteRound(at, carried)).view();
            PriceRound r = v.latestAt(at).orElseThrow();
            assertEquals(carried ? at : 0, r.updatedAt());
            assertEquals(at, r.startedAt());
            assertInstanceOf(GuardFailure.IncompleteRound.class, guard(Guards.completeRound(), v, at).orElseThrow());
            assertEquals(Optional.empty(), guard(Guards.completeRound(), v, at + 60));
        }
    }

    @Test
    void clampingReportsTheFloorWhileTheMarketFallsThroughIt() {
        // LUNA-like: -99.9% over 12 hours; the aggregator's minAnswer is 10% of the start price.
        PathGrid grid = new PathGrid("LUNA/USD", 8, T0, 60, 24 * 60, new BigDecimal("80"));
        PricePath luna = new ScriptedCrash(ScriptedCrash.FLAT, new PriceScript(T0 + 3600,
                List.of(PriceScript.Leg.move(-99.9, 12 * 3600)))).generate(grid, SEED, 0);
        BigInteger min = BigInteger.valueOf(8_00000000L);
        BigInteger max = BigInteger.valueOf(1_000_00000000L);
        OracleView v = OracleScenario.over(luna).updates(new DeviationHeartbeat(50, 3_600, 0)).fail(new Clamp(min, max)).view();
        long end = luna.endTime();
        assertTrue(luna.priceAt(end) * 50 < min.longValueExact(), "the market ends far below the floor");
        assertEquals(min, v.latestAt(end).orElseThrow().answer());
        assertTrue(v.rounds().stream().allMatch(r -> r.answer().compareTo(min) >= 0));
        // A protocol whose bound equals the aggregator's floor accepts the clamped price; one above it does not.
        assertEquals(Optional.empty(), guard(Guards.bounds(min, max), v, end));
        assertInstanceOf(GuardFailure.OutOfBounds.class,
                guard(Guards.bounds(min.add(BigInteger.ONE), max), v, end).orElseThrow());
    }

    @Test
    void aDepegMovesTheObservedMarketAndTheFeedFollowsWithinItsThreshold() {
        PathGrid grid = new PathGrid("USDC/USD", 8, T0, 60, 4 * 24 * 60, BigDecimal.ONE);
        PricePath usdc = ScriptedCrash.FLAT.generate(grid, null);
        Depeg depeg = new Depeg(T0 + 3600, 0.88, 86_400, 3600, 0.99, 2 * 86_400);
        OracleScenario s = OracleScenario.over(usdc).market(depeg).updates(new DeviationHeartbeat(25, 86_400, 0));
        PricePath seen = s.observedMarket();
        long bottom = T0 + 3600 + 86_400;
        assertEquals(88_000_000L, seen.priceAt(bottom), 1);
        assertEquals(99_000_000L, seen.price(seen.size() - 1), 1);
        OracleView v = s.view();
        long shown = v.latestAt(bottom).orElseThrow().answer().longValueExact();
        assertTrue(Math.abs(shown - 88_000_000L) * 10_000 < 25 * shown, "feed within 0.25% at the bottom: " + shown);
        assertEquals(BigInteger.valueOf(100_000_000L), v.latestAt(T0 + 3600).orElseThrow().answer());
    }

    @Test
    void sequencerDowntimeBlocksRoundsAndFlagsTheUptimeFeed() {
        long from = T0 + 2 * 3600;
        long until = from + 3600;
        long grace = 1_800;
        SequencerOutages outages = new SequencerOutages(List.of(new SequencerOutages.Window(from, until)));
        OracleView uptime = outages.uptimeFeed("sequencer", T0 - 86_400);
        assertEquals(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ZERO), uptime.rounds().stream().map(PriceRound::answer).toList());
        assertEquals(List.of(T0 - 86_400, from, until), uptime.rounds().stream().map(PriceRound::startedAt).toList());
        assertEquals(0, uptime.decimals());

        OracleView price = OracleScenario.over(ETH).fail(outages).view();
        assertTrue(price.rounds().stream().noneMatch(r -> r.updatedAt() >= from && r.updatedAt() < until));
        PriceRound catchUp = price.latestAt(until).orElseThrow();
        assertEquals(until, catchUp.updatedAt());
        assertEquals(BigInteger.valueOf(ETH.priceAt(until)), catchUp.answer());

        long[] clock = {0};
        PriceFeed sequencer = uptime.feed(() -> clock[0]);
        var up = Guards.sequencerUptime(sequencer, grace);
        clock[0] = from - 1;
        assertEquals(Optional.empty(), up.beforeRead(clock[0]));
        clock[0] = from + 10;
        assertInstanceOf(GuardFailure.SequencerDown.class, up.beforeRead(clock[0]).orElseThrow().failure());
        clock[0] = until + grace;
        assertInstanceOf(GuardFailure.GracePeriod.class, up.beforeRead(clock[0]).orElseThrow().failure());
        clock[0] = until + grace + 1;
        assertEquals(Optional.empty(), up.beforeRead(clock[0]));
        assertThrows(IllegalArgumentException.class, () -> new SequencerOutages(List.of(
                new SequencerOutages.Window(10, 20), new SequencerOutages.Window(15, 30))));
    }

    @Test
    void failuresComposeInOrderOverOneView() {
        long spikeAt = T0 + 3 * 3600;
        BigInteger min = BigInteger.valueOf(1_900_00000000L);
        BigInteger max = BigInteger.valueOf(2_100_00000000L);
        OracleScenario base = OracleScenario.over(ETH).updates(new DeviationHeartbeat(50, 3_600, 12))
                .fail(OneBlockRound.spike(spikeAt, new BigDecimal("3"), 12));
        OracleView clampedAfter = base.fail(new Clamp(min, max)).view();
        assertEquals(max, clampedAfter.latestAt(spikeAt).orElseThrow().answer(), "the clamp caps the spike");
        OracleView phased = base.phase(2).view();
        assertEquals(2, phased.rounds().get(0).phaseId());
        assertEquals(1, phased.rounds().get(0).aggregatorRoundId());
        assertEquals(base.view().rounds().size(), phased.rounds().size());
    }
}
