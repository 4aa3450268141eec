package dev.marginsim.prover.transparent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.curve.TestRandom;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.SnapshotException;
import dev.marginsim.prover.verify.TransparentVerifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The builder splits every pass into chunks only from 4,096 leaves up (smaller trees are built on the
 * calling thread, which is all {@link ReferenceTreeTest} sees). Here trees on both sides of that
 * threshold, with account counts that are and are not powers of two, are built on one thread and on
 * several, and must agree on every byte a holder can see: the round hash and every account's proof
 * (slot, salt, balances, each sibling's hash and sums), and every proof must verify.
 */
class ParallelBuildTest {

    @Test
    void everyThreadCountBuildsTheSameTreeAsOneThread() throws Exception {
        long seed = TestRandom.seed("ParallelBuildTest");
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] counts = {1, 3, 4096, 4097, 5_000 + rnd.nextInt(3_000), 17_000 + rnd.nextInt(15_000)};
        for (int m : counts) {
            Round round = Fixtures.syntheticRound(m, rnd.nextLong(), 3);
            TransparentTree one = TransparentTree.build(round, Fixtures.MASTER, 1, 1);
            for (int parallelism : new int[] {2, 3, 8}) {
                TransparentTree many = TransparentTree.build(round, Fixtures.MASTER, 1, parallelism);
                assertSameTree(one, many, m + " accounts, parallelism " + parallelism);
            }
        }
    }

    @Test
    void aMostlyPaddedTreeIsTheSameOnEveryThreadCount() throws Exception {
        long seed = TestRandom.seed("ParallelBuildTest padding");
        Round round = Fixtures.syntheticRound(300 + new SplittableRandom(seed).nextInt(300), seed, 5);
        TransparentTree one = TransparentTree.build(round, Fixtures.MASTER, 14, 1);
        TransparentTree many = TransparentTree.build(round, Fixtures.MASTER, 14, 4);
        assertEquals(14, many.depth());
        assertSameTree(one, many, round.accounts().size() + " accounts in 2^14 leaves");
    }

    @Test
    void aTotalAboveInt64IsRefusedOnEveryThreadCount() {
        List<Liabilities> accounts = new ArrayList<>();
        long each = Long.MAX_VALUE / 4_000;
        for (int i = 0; i < 5_000; i++) {
            accounts.add(new Liabilities(Address.ofIndex(10 + i), new long[] {each, 0, each}));
        }
        Round round = new Round(Fixtures.info(1, BigInteger.ZERO, BigInteger.ZERO), accounts);
        for (int parallelism : new int[] {1, 4}) {
            SnapshotException e = assertThrows(SnapshotException.class,
                    () -> TransparentTree.build(round, Fixtures.MASTER, 1, parallelism));
            assertEquals(SnapshotException.Reason.OVERFLOW, e.reason(), "parallelism " + parallelism);
        }
    }

    private static void assertSameTree(TransparentTree expected, TransparentTree actual, String what) throws Exception {
        assertArrayEquals(expected.published().roundHash(), actual.published().roundHash(), "round hash, " + what);
        for (Liabilities l : actual.round().accounts()) {
            InclusionProof e = expected.proof(l.account());
            InclusionProof a = actual.proof(l.account());
            String who = what + ", account " + l.account();
            assertEquals(e.index(), a.index(), "slot, " + who);
            assertArrayEquals(e.salt(), a.salt(), "salt, " + who);
            assertArrayEquals(l.columns(), a.balances(), "balances, " + who);
            assertEquals(e.pathLength(), a.pathLength(), "path length, " + who);
            for (int level = 0; level < a.pathLength(); level++) {
                assertArrayEquals(e.siblingHash(level), a.siblingHash(level), "sibling hash at level " + level + ", " + who);
                assertArrayEquals(e.siblingSums(level), a.siblingSums(level), "sibling sums at level " + level + ", " + who);
            }
            TransparentVerifier.verifyInclusion(a);
        }
    }
}
