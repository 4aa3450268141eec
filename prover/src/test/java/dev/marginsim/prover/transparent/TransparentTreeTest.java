package dev.marginsim.prover.transparent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.SnapshotException;
import dev.marginsim.prover.verify.TransparentVerifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransparentTreeTest {

    @Test
    void everyAccountsProofVerifiesAndTheRootSumsAreTheTotals() throws Exception {
        Round round = Fixtures.crashRound(60, 30, 7);
        TransparentTree tree = TransparentTree.build(round, Fixtures.MASTER);
        assertArrayEquals(round.totals(), tree.published().totals());
        assertEquals(6, tree.depth()); // 60 accounts + the liquidator: 61 ≤ 64
        for (Liabilities l : round.accounts()) {
            InclusionProof proof = tree.proof(l.account());
            assertArrayEquals(l.columns(), proof.balances());
            TransparentVerifier.verifyInclusion(proof, tree.published(), l.account(),
                    Arrays.copyOf(l.columns(), round.info().assets().size()));
        }
    }

    @Test
    void theTreeIsTheSameBytesForAnyThreadCount() {
        Round round = Fixtures.syntheticRound(20_000, 11, 1);
        TransparentTree one = TransparentTree.build(round, Fixtures.MASTER, 1, 1);
        TransparentTree four = TransparentTree.build(round, Fixtures.MASTER, 1, 4);
        assertArrayEquals(one.published().roundHash(), four.published().roundHash());
        Address a = round.accounts().get(12_345).account();
        assertEquals(one.proof(a).index(), four.proof(a).index());
    }

    @Test
    void anotherMasterSecretGivesAnotherOrderAndRootButTheSameTotals() {
        Round round = Fixtures.syntheticRound(100, 5, 1);
        TransparentTree a = TransparentTree.build(round, Fixtures.MASTER);
        byte[] other = Fixtures.MASTER.clone();
        other[0] ^= 1;
        TransparentTree b = TransparentTree.build(round, other);
        assertNotEquals(Arrays.toString(a.published().rootHash()), Arrays.toString(b.published().rootHash()));
        assertArrayEquals(a.published().totals(), b.published().totals());
        long moved = round.accounts().stream().filter(l -> a.proof(l.account()).index() != b.proof(l.account()).index()).count();
        assertEquals(true, moved > 90, "the leaf order depends on the secret: " + moved + " of 100 moved");
    }

    @Test
    void minDepthPadsToAWiderPowerOfTwo() {
        Round round = Fixtures.syntheticRound(3, 5, 1);
        assertEquals(2, TransparentTree.build(round, Fixtures.MASTER).depth());
        assertEquals(10, TransparentTree.build(round, Fixtures.MASTER, 10, 2).depth());
    }

    @Test
    void anEmptyRoundIsOnePairOfPaddingLeavesWithZeroTotals() {
        Round empty = new Round(Fixtures.info(1, BigInteger.ZERO, BigInteger.ZERO), List.of());
        TransparentTree tree = TransparentTree.build(empty, Fixtures.MASTER);
        assertEquals(1, tree.depth());
        assertArrayEquals(new long[3], tree.published().totals());
    }

    @Test
    void totalsAboveInt64AreRefusedBeforeBuilding() {
        List<Liabilities> big = new ArrayList<>();
        big.add(new Liabilities(Address.ofIndex(1), new long[] {Long.MAX_VALUE, 0, Long.MAX_VALUE}));
        big.add(new Liabilities(Address.ofIndex(2), new long[] {1, 0, 1}));
        Round round = new Round(Fixtures.info(1, BigInteger.ZERO, BigInteger.ZERO), big);
        SnapshotException e = assertThrows(SnapshotException.class, () -> TransparentTree.build(round, Fixtures.MASTER));
        assertEquals(SnapshotException.Reason.OVERFLOW, e.reason());
    }

    @Test
    void aShortMasterSecretIsRefused() {
        Round round = Fixtures.syntheticRound(3, 5, 1);
        assertThrows(IllegalArgumentException.class, () -> TransparentTree.build(round, new byte[31]));
    }
}
