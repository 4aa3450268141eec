package dev.marginsim.prover.privatetree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;

class PrivateTreeBuilderTest {
    private static final long SEED = 5_000_001L;

    @Test
    void everyNode_commitsToTheSumOfItsChildren_andTheRootToTheTotals() {
        Round round = TreeFixtures.round(SEED, 37, 1);
        PrivateTree tree = TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER);
        assertEquals(6, tree.depth()); // 37 accounts → 64 leaves
        for (int level = 0; level <= tree.depth(); level++) {
            for (int node = 0; node < tree.leafCount() >> level; node++) {
                for (int t = 0; t < tree.tokens(); t++) {
                    Commitment expected = Commitment.commit(Scalar.of(tree.value(level, node, t)),
                            Scalar.ofCanonical(tree.blinding(level, node, t)));
                    assertArrayEquals(expected.encode(), tree.commitment(level, node, t), "level " + level + " node " + node);
                    if (level > 0) {
                        assertEquals(tree.value(level - 1, 2 * node, t) + tree.value(level - 1, 2 * node + 1, t),
                                tree.value(level, node, t));
                    }
                }
            }
        }
        long[] totals = round.totals();
        for (int t = 0; t < tree.tokens(); t++) {
            assertEquals(totals[t], tree.total(t), "token " + t);
        }
    }

    @Test
    void leaves_holdTheAccountsLiabilities_inASecretOrder_andPaddingCommitsToZero() {
        Round round = TreeFixtures.round(SEED, 200, 1);
        PrivateTree tree = TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER);
        Set<Integer> used = new HashSet<>();
        int outOfOrder = 0;
        int previous = -1;
        for (Liabilities l : round.accounts()) {
            int slot = tree.slotOf(l.account());
            assertTrue(used.add(slot), "two accounts share slot " + slot);
            for (int t = 0; t < tree.tokens(); t++) {
                assertEquals(l.column(t), tree.value(0, slot, t));
            }
            if (slot < previous) {
                outOfOrder++;
            }
            previous = slot;
        }
        assertTrue(outOfOrder > 50, "leaf order follows the address order: " + outOfOrder + " inversions");
        for (int slot = 0; slot < tree.leafCount(); slot++) {
            if (!used.contains(slot)) {
                for (int t = 0; t < tree.tokens(); t++) {
                    assertEquals(0, tree.value(0, slot, t));
                    assertNotEquals(BigInteger.ZERO, tree.blinding(0, slot, t), "a padding commitment must hide too");
                }
            }
        }
    }

    @Test
    void build_isReproducible_andEveryRoundAndSecretGivesAnotherTree() {
        Round round = TreeFixtures.round(SEED, 300, 1);
        PrivateTree a = TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER);
        PrivateTree b = TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER);
        assertEquals(a.root(), b.root());
        byte[] otherMaster = TreeFixtures.MASTER.clone();
        otherMaster[0] ^= 1;
        PrivateTree c = TreeFixtures.BUILDER.build(round, otherMaster);
        assertFalse(Arrays.equals(a.root().hash(), c.root().hash()));
        PrivateTree d = TreeFixtures.BUILDER.build(TreeFixtures.round(SEED, 300, 2), TreeFixtures.MASTER);
        int slot = a.slotOf(round.accounts().get(0).account());
        assertFalse(Arrays.equals(a.salt(slot), d.salt(d.slotOf(round.accounts().get(0).account()))),
                "a salt must not carry over to the next round");
    }

    @Test
    void oneThreadAndManyThreads_buildTheSameBytes() throws Exception {
        Round round = TreeFixtures.round(SEED, 3000, 1); // 4096 leaves: four subtrees built in parallel
        PrivateTree parallel = TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER);
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            PrivateTree single = one.submit(() -> TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER)).get();
            assertEquals(parallel.root(), single.root());
            for (int slot = 0; slot < parallel.leafCount(); slot += 97) {
                assertArrayEquals(parallel.hash(0, slot), single.hash(0, slot));
            }
        } finally {
            one.shutdown();
        }
    }

    @Test
    void secrets_areRfc5869Hkdf() {
        TreeSecrets secrets = TreeSecrets.forRound(TreeFixtures.MASTER, TreeFixtures.info(1));
        byte[] info = "some info".getBytes();
        byte[] ours = secrets.expand(info, 100);
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(HKDFParameters.skipExtractParameters(secrets.roundKey(), info));
        byte[] theirs = new byte[100];
        hkdf.generateBytes(theirs, 0, 100);
        assertArrayEquals(theirs, ours);
    }
}
