package dev.marginsim.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.marginsim.contracts.chain.TxResult;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.testkit.Anvil;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sequences of every operation, price move, time jump, oracle fault and liquidation,
 * run on anvil and on the Java engine. After every step the outcome (revert reason or events) and the
 * whole stored state must be identical, and every valuation view (health, liquidation price, prices,
 * solvency) every fifth step and at the end of each sequence. A mismatch names the seed, the step and the first line
 * that differs; rerun one sequence with {@code -Dmarginsim.diff.seed=<seed> -Dmarginsim.diff.sequences=1}.
 *
 * <p>Size: {@code marginsim.diff.sequences} × {@code marginsim.diff.steps} (200 × 50 in {@code mvn verify};
 * the {@code differential-long} profile runs 10,000 sequences).
 */
class DifferentialTest {
    private static final int VIEW_EVERY = 5;
    private static Anvil anvil;
    private static World world;
    private static EventLines eventLines;

    private final Map<String, Integer> tally = new TreeMap<>();
    private long chainNanos;
    private long readNanos;

    @BeforeAll
    static void start() {
        anvil = Anvil.start();
        world = new World(anvil, Boolean.getBoolean("marginsim.diff.standard") ? dev.marginsim.core.ProtocolSetup.standard() : DiffSetup.setup());
        eventLines = new EventLines();
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    @Test
    void randomSequencesGiveIdenticalStateRevertsAndEvents() {
        int sequences = Integer.getInteger("marginsim.diff.sequences", 200);
        int steps = Integer.getInteger("marginsim.diff.steps", 50);
        long masterSeed = Long.getLong("marginsim.diff.seed", System.nanoTime());
        System.out.printf("differential: %d sequences x %d steps, master seed %d%n", sequences, steps, masterSeed);
        long started = System.nanoTime();
        for (int s = 0; s < sequences; s++) {
            long seed = masterSeed + s;
            if (s > 0) {
                world.reset();
            }
            runSequence(seed, steps);
        }
        System.out.printf("differential: %d steps in %.1f s, zero mismatches%n", sequences * steps,
                (System.nanoTime() - started) / 1e9);
        System.out.printf("  time in chain operations %.1f s, in state reads %.1f s%n", chainNanos / 1e9, readNanos / 1e9);
        tally.forEach((k, v) -> System.out.printf("  %-40s %d%n", k, v));
        if (sequences * steps >= 5_000) {
            // The suite proves something only if it reached the hard parts.
            for (String must : List.of("event PositionLiquidated", "event CollateralLiquidated", "event BadDebtSettled",
                    "revert InsufficientMargin()", "revert OracleFailure(3)", "revert OracleFailure(5)",
                    "event FundingAccrued")) {
                assertTrue(tally.getOrDefault(must, 0) > 0, "the random sequences never reached: " + must);
            }
        }
    }

    private void runSequence(long seed, int steps) {
        World w = world;
        OpGenerator gen = new OpGenerator(seed, w);
        for (int i = 0; i < steps; i++) {
            Op op = gen.next();
            long t0 = System.nanoTime();
            Outcome onChain = chainOutcome(op, w);
            chainNanos += System.nanoTime() - t0;
            Outcome onEngine = engineOutcome(op, w);
            if (op instanceof Op.AdvanceTime t) {
                w.now += t.seconds();
            }
            String where = "seed " + seed + " step " + i + " " + op;
            if (!onChain.equals(onEngine)) {
                fail(where + "\n  chain:  " + onChain + "\n  engine: " + onEngine);
            }
            count(onChain);
            long t1 = System.nanoTime();
            // Stored state after every step; the valuation views (one eth_call each, the slow part)
            // every few steps and at the end of the sequence.
            boolean views = i % VIEW_EVERY == VIEW_EVERY - 1 || i == steps - 1;
            List<String> chainState = StateLines.chain(w, views);
            readNanos += System.nanoTime() - t1;
            List<String> engineState = StateLines.engine(w, views);
            for (int k = 0; k < Math.max(chainState.size(), engineState.size()); k++) {
                String c = k < chainState.size() ? chainState.get(k) : "(missing)";
                String e = k < engineState.size() ? engineState.get(k) : "(missing)";
                if (!c.equals(e)) {
                    fail(where + " -> " + onChain + "\n  first differing state line:\n  chain:  " + c + "\n  engine: " + e);
                }
            }
            assertSolvent(w, where);
        }
    }

    private static Outcome chainOutcome(Op op, World w) {
        TxResult r = op.onChain(w);
        if (r == null) {
            return Outcome.success(List.of());
        }
        if (r.success()) {
            return Outcome.success(eventLines.chain(r.receipt(), w.deployment.protocol()));
        }
        return r.revert().map(Outcome::reverted).orElseGet(() -> Outcome.revertedUnknown(r.revertData()));
    }

    private static Outcome engineOutcome(Op op, World w) {
        w.engineEvents.clear();
        try {
            op.onEngine(w);
        } catch (ProtocolRevert r) {
            return Outcome.reverted(r);
        }
        if (op instanceof Op.SetRound || op instanceof Op.AdvanceTime) {
            return Outcome.success(List.of());
        }
        return Outcome.success(eventLines.engine(w.engineEvents, w));
    }

    private void assertSolvent(World w, String where) {
        for (int asset = 0; asset <= w.setup.collaterals().size(); asset++) {
            var s = w.engine().solvency(asset);
            if (s.held().compareTo(s.owed()) < 0 && s.owed().compareTo(BigInteger.ZERO) > 0) {
                fail(where + ": insolvent in asset " + asset + ": held " + s.held() + " < owed " + s.owed());
            }
        }
    }

    private void count(Outcome o) {
        if (o.revert() != null) {
            tally.merge("revert " + o.revert(), 1, Integer::sum);
        }
        for (String e : o.events()) {
            tally.merge("event " + e.substring(0, e.indexOf('(')), 1, Integer::sum);
        }
    }
}
