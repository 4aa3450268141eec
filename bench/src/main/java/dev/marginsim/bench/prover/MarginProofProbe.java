package dev.marginsim.bench.prover;

import dev.marginsim.prover.margin.MarginProver;
import dev.marginsim.prover.margin.MarginStatement;
import dev.marginsim.prover.margin.PoolOpening;
import dev.marginsim.prover.privatetree.AccountLeaf;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.privatetree.PrivateTree;
import dev.marginsim.prover.privatetree.PrivateTreeBuilder;
import dev.marginsim.prover.privatetree.TreeGenerators;
import dev.marginsim.prover.snapshot.Address;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * One margin-proof shape behind two static methods, for {@link BuildComparison}, which loads this class
 * from each build's jar in a class loader of its own: the fixtures are {@link MarginProofBench}'s (same
 * seeds), so every build proves the same statement.
 */
public final class MarginProofProbe {
    private static MarginStatement statement;
    private static PoolOpening pool;
    private static PrivateRound published;
    private static AccountLeaf leaf;
    private static SecureRandom rng;

    private MarginProofProbe() {
    }

    /** Builds the seeded pool of {@code assets} × {@code markets} and its leaf in a small private tree. */
    public static void setup(int assets, int markets) throws Exception {
        rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(5L);
        SplittableRandom rnd = new SplittableRandom(assets * 31L + markets);
        statement = MarginProofBench.statement(assets, markets, rnd);
        pool = MarginProofBench.pool(statement, rnd);
        PrivateTree tree = new PrivateTreeBuilder(TreeGenerators.STANDARD)
                .build(MarginProofBench.round(statement, pool), new byte[32]);
        published = PrivateRound.of(tree);
        leaf = tree.accountLeaf(Address.ofIndex(1));
    }

    /** Proves once; the wall time in ns. */
    public static long prove() throws Exception {
        long t0 = System.nanoTime();
        MarginProver.prove(published, leaf, statement, pool, rng);
        return System.nanoTime() - t0;
    }
}
