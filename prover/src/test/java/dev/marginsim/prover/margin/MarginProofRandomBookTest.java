package dev.marginsim.prover.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.prover.privatetree.Golden;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.privatetree.PrivateTree;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.simulator.engine.Health;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * On the standard setup (two collateral assets, two markets: 32 slots) with a seeded random book:
 * healthy accounts with positions on both sides prove and verify at both levels, unhealthy ones are
 * refused. The seed is printed; override with -Dmarginsim.margin.seed.
 */
class MarginProofRandomBookTest {
    private static final long SEED = Long.getLong("marginsim.margin.seed", 777L);

    @Test
    void healthyAccountsProve_unhealthyOnesAreRefused() throws Exception {
        System.out.println("MarginProofRandomBookTest seed " + SEED);
        RandomBook book = new RandomBook(SEED, 40);
        PrivateTree tree = MarginProofTest.BUILDER.build(book.round(1), MarginProofTest.MASTER);
        PrivateRound round = PrivateRound.of(tree);
        SecureRandom rng = Golden.seeded(SEED);
        int proved = 0;
        int refused = 0;
        for (int a = 0; a < book.accounts && (proved < 2 || refused < 3); a++) {
            Address account = Address.ofIndex(a);
            Health h = book.engine.accountHealth(a);
            boolean twoPositions = book.engine.position(a, 0, false).sizeE9() != 0 && book.engine.position(a, 1, false).sizeE9() != 0;
            for (MarginLevel level : MarginLevel.values()) {
                MarginStatement statement = EnginePool.statement(book.engine, book.setup, level);
                PoolOpening pool = EnginePool.opening(book.engine, a, statement);
                long slack = level == MarginLevel.MAINTENANCE ? h.weightedEquityMaintE6() - h.maintenanceRequirementE6()
                        : h.weightedEquityInitialE6() - h.initialRequirementE6();
                if (slack < 0 && refused < 3) {
                    MarginRefusedException e = assertThrows(MarginRefusedException.class,
                            () -> MarginProver.prove(round, tree.accountLeaf(account), statement, pool, rng), "seed " + SEED + " account " + a);
                    assertEquals(MarginRefusedException.Reason.INSUFFICIENT_MARGIN, e.reason());
                    refused++;
                } else if (slack >= 0 && twoPositions && proved < 2) {
                    MarginProof proof = MarginProver.prove(round, tree.accountLeaf(account), statement, pool, rng);
                    MarginVerifier.verify(proof, round, statement, account, tree.accountLeaf(account).leafHash());
                    proved++;
                }
            }
        }
        assertTrue(proved == 2 && refused == 3, "seed " + SEED + ": the book must offer healthy two-position accounts and unhealthy"
                + " ones (proved " + proved + ", refused " + refused + ")");
    }
}
