package dev.marginsim.oracle.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.core.OracleConfig;
import dev.marginsim.core.OracleFailureCode;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.RevertReason;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The guards without a chain: composition order, the Java-only deviation guard, normalisation. */
class GuardsTest {

    @Test
    void wrappingOrderIsCheckingOrderAndTheFirstFailureWins() {
        MutableFeed feed = new MutableFeed("f", 8);
        feed.set(new PriceRound("f", BigInteger.TWO, BigInteger.valueOf(-1), 8, 10, 0, BigInteger.ONE));
        GuardedFeed positiveFirst = GuardedFeed.of(feed, () -> 1_000, Guards.positiveAnswer()).then(Guards.completeRound());
        GuardedFeed completeFirst = GuardedFeed.of(feed, () -> 1_000, Guards.completeRound()).then(Guards.positiveAnswer());
        assertInstanceOf(GuardFailure.NonPositive.class, ((GuardOutcome.Rejected) positiveFirst.read()).failure());
        assertInstanceOf(GuardFailure.IncompleteRound.class, ((GuardOutcome.Rejected) completeFirst.read()).failure());
        var e = assertThrows(GuardRejectedException.class, positiveFirst::latestRound);
        assertEquals(new GuardFailure.NonPositive(BigInteger.valueOf(-1)), e.failure());
        assertEquals(Optional.of(feed.latestRound()), positiveFirst.round(BigInteger.TWO), "history passes unchecked");
    }

    @Test
    void contractGuardsRunInTheContractOrder() {
        // A round failing every feed check at once, behind a down sequencer: the sequencer is reported.
        MutableFeed feed = new MutableFeed("f", 8);
        feed.set(new PriceRound("f", BigInteger.TWO, BigInteger.ZERO, 8, 0, 0, BigInteger.ONE));
        MutableFeed seq = new MutableFeed("seq", 0);
        seq.set(new PriceRound("seq", BigInteger.ONE, BigInteger.ONE, 0, 50, 50, BigInteger.ONE));
        OracleConfig c = new OracleConfig("f", 60, 100, 1_000);
        var withSeq = ContractGuards.wrap(feed, c, Optional.of(new ContractGuards.Sequencer(seq, 3_600)), () -> 10_000);
        List<OracleFailureCode> order = new java.util.ArrayList<>();
        order.add(code(withSeq.read()));
        seq.set(new PriceRound("seq", BigInteger.TWO, BigInteger.ZERO, 0, 9_000, 9_000, BigInteger.TWO));
        order.add(code(withSeq.read()));
        seq.set(new PriceRound("seq", BigInteger.valueOf(3), BigInteger.ZERO, 0, 1, 1, BigInteger.valueOf(3)));
        order.add(code(withSeq.read()));
        feed.set(new PriceRound("f", BigInteger.TWO, BigInteger.valueOf(5_000), 8, 0, 0, BigInteger.ONE));
        order.add(code(withSeq.read()));
        feed.set(new PriceRound("f", BigInteger.TWO, BigInteger.valueOf(5_000), 8, 1, 1, BigInteger.TWO));
        order.add(code(withSeq.read()));
        feed.set(new PriceRound("f", BigInteger.TWO, BigInteger.valueOf(5_000), 8, 9_990, 9_990, BigInteger.TWO));
        order.add(code(withSeq.read()));
        assertEquals(List.of(OracleFailureCode.SEQUENCER_DOWN, OracleFailureCode.GRACE_PERIOD,
                OracleFailureCode.NON_POSITIVE, OracleFailureCode.INCOMPLETE_ROUND, OracleFailureCode.STALE,
                OracleFailureCode.OUT_OF_BOUNDS), order);
        feed.set(new PriceRound("f", BigInteger.TWO, BigInteger.valueOf(999), 8, 9_990, 9_990, BigInteger.TWO));
        assertEquals(new GuardOutcome.Accepted(feed.latestRound(), BigInteger.valueOf(999)), withSeq.read());
    }

    @Test
    void theSequencerIsCheckedBeforeThePriceFeedIsRead() {
        MutableFeed feed = new MutableFeed("f", 8);
        feed.failWith(new IllegalStateException("a price feed that cannot be read"));
        MutableFeed seq = new MutableFeed("seq", 0);
        PriceRound down = seq.set(new PriceRound("seq", BigInteger.ONE, BigInteger.ONE, 0, 50, 50, BigInteger.ONE));
        var guarded = ContractGuards.wrap(feed, new OracleConfig("f", 60, 100, 1_000),
                Optional.of(new ContractGuards.Sequencer(seq, 3_600)), () -> 10_000);
        assertEquals(new GuardOutcome.Rejected(down, new GuardFailure.SequencerDown(BigInteger.ONE)), guarded.read());
        seq.set(new PriceRound("seq", BigInteger.TWO, BigInteger.ZERO, 0, 1, 1, BigInteger.TWO));
        assertThrows(IllegalStateException.class, guarded::read, "sequencer up: now the feed is read");
    }

    private static OracleFailureCode code(GuardOutcome o) {
        return ((GuardOutcome.Rejected) o).failure().contractCode().orElseThrow();
    }

    @Test
    void listingValidationRevertsAsTheContract() {
        assertEquals(new ProtocolRevert(RevertReason.InvalidFeedDecimals),
                assertThrows(ProtocolRevert.class, () -> ContractGuards.validate(19, new OracleConfig("f", 1, 1, 2))));
        assertEquals(new ProtocolRevert(RevertReason.InvalidOracleConfig),
                assertThrows(ProtocolRevert.class, () -> ContractGuards.validate(8, new OracleConfig("f", 1, 2, 2))));
        // 18 decimals: a min below 1e10 normalises to 0.
        assertThrows(ProtocolRevert.class, () -> ContractGuards.validate(18, new OracleConfig("f", 1, 9_999_999_999L, 1L << 40)));
        ContractGuards.validate(18, new OracleConfig("f", 1, 10_000_000_000L, 1L << 40));
        // 6 decimals: max × 100 must fit int64.
        assertThrows(ProtocolRevert.class, () -> ContractGuards.validate(6, new OracleConfig("f", 1, 1, Long.MAX_VALUE / 100 + 1)));
        ContractGuards.validate(6, new OracleConfig("f", 1, 1, Long.MAX_VALUE / 100));
    }

    @Test
    void deviationIsComparedExactlyAgainstThePreviousRound() {
        MutableFeed feed = new MutableFeed("f", 8);
        feed.push(10_000, 1);
        RoundGuard max5pct = Guards.maxDeviation(feed, 500);
        assertEquals(Optional.empty(), max5pct.check(feed.latestRound(), 2), "round 1 has no previous round");
        assertEquals(Optional.empty(), max5pct.check(feed.push(10_500, 2), 3), "exactly 5 % passes");
        Optional<GuardFailure> f = max5pct.check(feed.push(9_974, 3), 4); // 500.0 bps + a bit: (10500-9974)/10500 = 5.0095 %
        assertEquals(Optional.of(new GuardFailure.ExcessiveDeviation(BigInteger.valueOf(10_500), BigInteger.valueOf(9_974),
                BigInteger.valueOf(501), 500)), f);
        assertTrue(f.get().contractCode().isEmpty(), "a Java-only guard has no contract code");
    }

    @Test
    void normalisationFloorsLikeTheContract() {
        SplittableRandom rnd = new SplittableRandom(42);
        System.out.println("normalisationFloorsLikeTheContract seed 42");
        for (int i = 0; i < 10_000; i++) {
            int d = rnd.nextInt(0, 19);
            BigInteger answer = BigInteger.valueOf(rnd.nextLong()).shiftLeft(rnd.nextInt(64));
            BigInteger expected = new java.math.BigDecimal(answer).movePointLeft(d - 8)
                    .setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            assertEquals(expected, Guards.toE8(answer, d), "answer " + answer + ", decimals " + d);
        }
        assertEquals(BigInteger.valueOf(-1), Guards.toE8(BigInteger.valueOf(-1), 18), "toward −∞, not zero");
        assertEquals(BigInteger.ZERO, Guards.toE8(BigInteger.valueOf(9_999_999_999L), 18));
    }
}
