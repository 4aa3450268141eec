package dev.marginsim.prover.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.simulator.engine.Health;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The witness reproduces the engine's valuation exactly: its slack is the engine's, to the unit. */
class MarginWitnessTest {
    private static final long SEED = Long.getLong("marginsim.margin.seed", 20261125L);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void slack_equalsEngineHealth_onSeededRandomBook() throws Exception {
        System.out.println("MarginWitnessTest seed " + SEED);
        RandomBook book = new RandomBook(SEED, 120);
        int positive = 0;
        int negative = 0;
        int withFunding = 0;
        for (MarginLevel level : MarginLevel.values()) {
            MarginStatement statement = EnginePool.statement(book.engine, book.setup, level);
            MarginCircuit circuit = MarginCircuit.of(statement);
            for (int a = 0; a < book.accounts; a++) {
                Health h = book.engine.accountHealth(a);
                long expected = level == MarginLevel.MAINTENANCE
                        ? h.weightedEquityMaintE6() - h.maintenanceRequirementE6()
                        : h.weightedEquityInitialE6() - h.initialRequirementE6();
                PoolOpening pool = EnginePool.opening(book.engine, a, statement);
                MarginWitness w = MarginWitness.compute(statement, pool);
                assertEquals(BigInteger.valueOf(expected), w.slack(), "seed " + SEED + " account " + a + " " + level);
                BigInteger[] base = w.baseValues();
                List<LinearForm> slots = circuit.slots();
                // the slack slot is the circuit's definition of D; it must agree with the engine too
                int slackSlot = circuit.slotNames().indexOf("slack");
                assertEquals(w.slack(), slots.get(slackSlot).evaluate(base), "seed " + SEED + " account " + a);
                if (expected >= 0) {
                    positive++;
                    for (int s = 0; s < slots.size(); s++) {
                        BigInteger v = slots.get(s).evaluate(base);
                        assertTrue(v.signum() >= 0 && v.compareTo(TWO_64) < 0,
                                "seed " + SEED + " account " + a + " slot " + circuit.slotNames().get(s) + " = " + v);
                    }
                } else {
                    negative++;
                    assertThrows(MarginRefusedException.class, w::requireSufficient);
                }
                for (PositionOpening p : pool.positions()) {
                    if (p.sizeE9() != 0 && p.fundingSnapshotE12() != statement.markets().get(0).fundingIndexE12()) {
                        withFunding++;
                    }
                }
            }
        }
        // the book must exercise both outcomes and funding, or the comparison proves little
        assertTrue(positive > 20 && negative > 5 && withFunding > 20,
                "seed " + SEED + ": " + positive + " healthy, " + negative + " not, " + withFunding + " with funding");
    }

    @Test
    void remainders_areTheTrueOnes() throws Exception {
        MarginStatement statement = new MarginStatement(MarginLevel.MAINTENANCE,
                List.of(new AssetTerm(1, 300_000_000_000L, 8_500)),
                List.of(new MarketTerm(0, 5_300_000_000_000L, 500, 7_777_777L)));
        // worked example 3 of docs/protocol.md §12 plus 1 WETH and some funding
        PoolOpening pool = new PoolOpening(9_970_000_000L, new long[] {1_000_000_001L},
                List.of(new PositionOpening(-1_000_000_000L, 60_000_000_000L, 1_234_567L)));
        MarginWitness w = MarginWitness.compute(statement, pool);
        MarginCircuit c = MarginCircuit.of(statement);
        BigInteger[] b = w.baseValues();
        // value = floor(1,000,000,001 · 3e11 / 1e11) = 3,000,000,003; remainder 0
        assertEquals(BigInteger.valueOf(3_000_000_003L), b[c.asset(0, MarginCircuit.A_VALUE)]);
        // weighted = floor(3,000,000,003 · 8500 / 1e4) = 2,550,000,002 (remainder 5500)
        assertEquals(BigInteger.valueOf(2_550_000_002L), b[c.asset(0, MarginCircuit.A_WEIGHTED)]);
        assertEquals(BigInteger.valueOf(5_500), c.slots().get(4).evaluate(b));
        // requirement = ceil(1e9 · 5.3e12 · 500 / 1e15) = 2,650,000,000 → Qr = −2,650,000,000
        assertEquals(BigInteger.valueOf(-2_650_000_000L), b[c.market(0, MarginCircuit.M_NEG_REQUIREMENT)]);
        // funding = floor(−(−1e9)·(7,777,777 − 1,234,567) / 1e15) = floor(6,543,210e9 / 1e15) = 6
        assertEquals(BigInteger.valueOf(6), b[c.market(0, MarginCircuit.M_FUNDING)]);
        assertEquals(BigInteger.valueOf(-1_000_000_000L), b[c.market(0, MarginCircuit.M_SIZE)]);
        assertEquals(BigInteger.valueOf(1_000_000_000L), b[c.market(0, MarginCircuit.M_ABS_SIZE)]);
    }

    @Test
    void overflowingValue_isRefusedAsTheProtocolReverts() {
        MarginStatement statement = new MarginStatement(MarginLevel.MAINTENANCE,
                List.of(new AssetTerm(1, Long.MAX_VALUE, 8_500)), List.of());
        PoolOpening pool = new PoolOpening(0, new long[] {Long.MAX_VALUE}, List.of());
        MarginRefusedException e = assertThrows(MarginRefusedException.class, () -> MarginWitness.compute(statement, pool));
        assertEquals(MarginRefusedException.Reason.OVERFLOW, e.reason());
    }
}
