package dev.marginsim.prover.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.format.TransparentJson;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.Fixtures;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.transparent.TransparentTree;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each attack of DESIGN.md on the transparent tier, as a cheating operator would mount it; the verifier must name it. */
class TransparentAttackTest {
    private static final Address ALICE = Address.ofIndex(0xA11CE);
    private static final Address BOB = Address.ofIndex(0xB0B);
    private static final Address CAROL = Address.ofIndex(0xCA201);

    private static RoundInfo info(long roundId) {
        return Fixtures.info(roundId, BigInteger.TEN.pow(20), BigInteger.TEN.pow(30));
    }

    private static byte[] salt(int k) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) k);
        return s;
    }

    private static EvilTree.Leaf leaf(Address a, int salt, long usdc, long weth) {
        return new EvilTree.Leaf(a, salt(salt), Fixtures.liabilities(a, usdc, weth).columns());
    }

    private static EvilTree.Leaf pad(int salt) {
        return new EvilTree.Leaf(null, salt(salt), null);
    }

    private static Failure failure(Executable check) {
        return assertThrows(VerificationException.class, check).failure();
    }

    @Test
    void anHonestEvilTreeVerifies_soTheAttacksBelowFailForTheirOwnReason() throws Exception {
        EvilTree t = new EvilTree(info(1), List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40, 0), pad(3), leaf(CAROL, 4, 1, 1)), Math::addExact);
        for (int i : new int[] {0, 1, 3}) {
            TransparentVerifier.verifyInclusion(t.proof(i), t.published(), t.leaves.get(i).account(), null);
        }
    }

    @Test
    void aNegativeBalanceIsRejectedWhereverItIsWritten() throws Exception {
        TransparentTree tree = TransparentTree.build(Fixtures.syntheticRound(4, 1, 1), Fixtures.MASTER);
        ObjectNode doc = TransparentJson.writeProof(tree.proof(Fixtures.syntheticRound(4, 1, 1).accounts().get(0).account()));
        doc.withArray("balances").set(1, doc.textNode("-5"));
        assertEquals(Failure.VALUE_OUT_OF_RANGE, failure(() -> TransparentJson.readProof(JsonOut.bytes(doc))));
        ObjectNode doc2 = TransparentJson.writeProof(tree.proof(Fixtures.syntheticRound(4, 1, 1).accounts().get(0).account()));
        ((ObjectNode) doc2.withArray("path").get(0)).withArray("sums").set(0, doc2.textNode("-1"));
        assertEquals(Failure.VALUE_OUT_OF_RANGE, failure(() -> TransparentJson.readProof(JsonOut.bytes(doc2))));
        assertThrows(IllegalArgumentException.class, () -> new Liabilities(ALICE, new long[] {-1, 0, 0}));
    }

    @Test
    void aBalanceThatWrapsTheSumIsRejected() throws Exception {
        // The operator hides a huge liability next to Bob so that, in wrapping arithmetic, the totals look small.
        long huge = Long.MAX_VALUE - 100;
        EvilTree t = new EvilTree(info(1), List.of(leaf(BOB, 1, 500, 0), new EvilTree.Leaf(ALICE, salt(2), new long[] {huge, 0, huge})),
                (a, b) -> a + b);
        assertEquals(Failure.SUM_OVERFLOW, failure(() -> TransparentVerifier.verifyInclusion(t.proof(0))));
        assertEquals(Failure.VALUE_OUT_OF_RANGE, failure(() -> TransparentJson.readProof(JsonOut.bytes(
                withBalance(TransparentJson.writeProof(t.proof(0)), 0, "9223372036854775808")))));
    }

    @Test
    void aNodeSummingMaxInsteadOfSumIsRejected() throws Exception {
        List<EvilTree.Leaf> leaves = List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40, 3), leaf(CAROL, 3, 900, 0), pad(4));
        EvilTree t = new EvilTree(info(1), leaves, Math::max);
        // Alice's path recomputes her level-1 node's sums as Alice + Bob: the root hash bound max(Alice, Bob).
        assertEquals(Failure.ROOT_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(t.proof(0))));
        // Carol's path takes the max-sums as given (they are bound in the root hash) but adds them to hers:
        // the root's sums are not the published totals.
        assertEquals(Failure.TOTALS_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(t.proof(2))));
        EvilTree shallow = new EvilTree(info(1), List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40, 3)), Math::max);
        assertEquals(Failure.TOTALS_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(shallow.proof(0))));
    }

    @Test
    void twoAccountsShownOneLeafAreRejected() throws Exception {
        // Alice and Bob hold the same balances; the tree holds Alice's leaf only, Bob is shown it.
        EvilTree t = new EvilTree(info(1), List.of(leaf(ALICE, 1, 500, 7), leaf(CAROL, 2, 1, 1)), Math::addExact);
        assertEquals(Failure.ACCOUNT_MISMATCH,
                failure(() -> TransparentVerifier.verifyInclusion(t.proof(0), t.published(), BOB, null)));
        // Relabelled as Bob's, the leaf no longer hashes to the root.
        assertEquals(Failure.ROOT_MISMATCH,
                failure(() -> TransparentVerifier.verifyInclusion(t.proof(0, BOB), t.published(), BOB, null)));
        // And when the two holders compare notes, one slot of one round was shown to two accounts.
        assertEquals(Failure.LEAF_SHARED, failure(() -> TransparentVerifier.verifyDistinct(List.of(t.proof(0), t.proof(0, BOB)))));
    }

    @Test
    void differentRootsShownToDifferentUsersAreRejected() throws Exception {
        // The registry holds a tree where Bob owes less; Bob is shown a second tree with his true balance.
        EvilTree published = new EvilTree(info(1), List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 1, 0)), Math::addExact);
        EvilTree forBob = new EvilTree(info(1), List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40_000, 0)), Math::addExact);
        TransparentVerifier.verifyInclusion(forBob.proof(1)); // self-consistent...
        assertEquals(Failure.ROUND_MISMATCH,
                failure(() -> TransparentVerifier.verifyInclusion(forBob.proof(1), published.published(), BOB, null)));
    }

    @Test
    void saltReuseAcrossRoundsOrAccountsIsRejected() throws Exception {
        EvilTree round1 = new EvilTree(info(1), List.of(leaf(ALICE, 9, 500, 7), leaf(BOB, 2, 1, 0)), Math::addExact);
        EvilTree round2 = new EvilTree(info(2), List.of(leaf(ALICE, 9, 500, 8), leaf(BOB, 3, 1, 0)), Math::addExact);
        assertEquals(Failure.SALT_REUSED, failure(() -> TransparentVerifier.verifyDistinct(List.of(round1.proof(0), round2.proof(0)))));
        EvilTree sameRound = new EvilTree(info(1), List.of(leaf(ALICE, 5, 500, 7), leaf(BOB, 5, 1, 0)), Math::addExact);
        assertEquals(Failure.SALT_REUSED, failure(() -> TransparentVerifier.verifyDistinct(List.of(sameRound.proof(0), sameRound.proof(1)))));
        // The honest builder derives a fresh salt per account and round.
        TransparentTree r1 = TransparentTree.build(Fixtures.syntheticRound(4, 1, 1), Fixtures.MASTER);
        TransparentTree r2 = TransparentTree.build(Fixtures.syntheticRound(4, 1, 2), Fixtures.MASTER);
        List<InclusionProof> all = new ArrayList<>();
        for (TransparentTree t : List.of(r1, r2)) {
            for (Liabilities l : t.round().accounts()) {
                all.add(t.proof(l.account()));
            }
        }
        TransparentVerifier.verifyDistinct(all);
    }

    @Test
    void ambiguousOrNonCanonicalEncodingsAreRejected() throws Exception {
        TransparentTree tree = TransparentTree.build(Fixtures.syntheticRound(4, 1, 1), Fixtures.MASTER);
        String json = new String(JsonOut.bytes(TransparentJson.writeProof(tree.proof(tree.round().accounts().get(1).account()))));
        String index = json.replaceAll("(?s).*\"index\" : \"(\\d+)\".*", "$1");
        String[][] cases = {
            {json.replace("\"index\" : \"" + index + "\"", "\"index\" : \"0" + index + "\""), "MALFORMED_FIELD"},
            {json.replace("\"index\" : \"" + index + "\"", "\"index\" : " + index), "MALFORMED_FIELD"},
            {json.replace("\"index\" : \"" + index + "\"", "\"index\" : \"+" + index + "\""), "MALFORMED_FIELD"},
            {json.replace("\"index\" : \"" + index + "\"", "\"index\" : \"" + index + ".0\""), "MALFORMED_FIELD"},
            {json.replace("\"version\" : 1,\n  \"round\"", "\"version\" : 1.0,\n  \"round\""), "UNSUPPORTED_VERSION"},
            {json.replace("\"salt\" : \"0x", "\"salt\" : \"0X"), "MALFORMED_FIELD"},
            {json.replaceFirst("\"salt\" : \"0x([0-9a-f]{2})", "\"salt\" : \"0x$1$1"), "MALFORMED_FIELD"},
            {json.replace("\"index\"", "\"index\" : \"1\",\n  \"index\""), "MALFORMED_JSON"},
            {json.replace("\"balances\" : [", "\"balances\" : [\n    \"0\","), "LENGTH_MISMATCH"},
        };
        for (String[] c : cases) {
            assertTrue(!c[0].equals(json), "case applies: " + c[1]);
            assertEquals(c[1], failure(() -> TransparentVerifier.verifyInclusion(TransparentJson.readProof(c[0].getBytes()))).name(),
                    c[0].substring(0, Math.min(400, c[0].length())));
        }
    }

    @Test
    void aNodePassedOffAsALeafIsRejected() throws Exception {
        EvilTree t = new EvilTree(info(1), List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40, 3), leaf(CAROL, 3, 900, 0), pad(4)),
                Math::addExact);
        InclusionProof p = t.proof(0);
        // Claim the level-1 node as the leaf: one sibling fewer, index halved.
        InclusionProof shorter = new InclusionProof(p.round(), p.account(), p.salt(), p.balances(), p.index() >> 1,
                new byte[][] {p.siblingHash(1)}, new long[][] {p.siblingSums(1)});
        assertEquals(Failure.LENGTH_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(shorter)));
        // Or publish the tree one level shallower, so the path fits: the leaf tag still differs from the node tag.
        PublishedRound shallow = new PublishedRound(p.round().info(), 1, p.round().rootHash(), p.round().totals());
        InclusionProof fitted = new InclusionProof(shallow, p.account(), p.salt(), t.sums[1][0], 0,
                new byte[][] {p.siblingHash(1)}, new long[][] {p.siblingSums(1)});
        Failure f = failure(() -> TransparentVerifier.verifyInclusion(fitted));
        assertTrue(Set.of(Failure.ROOT_MISMATCH, Failure.USD_VALUE_MISMATCH).contains(f), f.name());
    }

    @Test
    void reorderedPathsAndBalancesAreRejected() throws Exception {
        EvilTree t = new EvilTree(info(1), List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40, 3), leaf(CAROL, 3, 900, 0), pad(4)),
                Math::addExact);
        InclusionProof p = t.proof(1);
        InclusionProof swapped = new InclusionProof(p.round(), p.account(), p.salt(), p.balances(), p.index(),
                new byte[][] {p.siblingHash(1), p.siblingHash(0)}, new long[][] {p.siblingSums(1), p.siblingSums(0)});
        assertEquals(Failure.ROOT_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(swapped)));
        long[] b = p.balances();
        InclusionProof reordered = new InclusionProof(p.round(), p.account(), p.salt(), new long[] {b[1], b[0], b[2]}, p.index(),
                new byte[][] {p.siblingHash(0), p.siblingHash(1)}, new long[][] {p.siblingSums(0), p.siblingSums(1)});
        assertEquals(Failure.USD_VALUE_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(reordered)));
        InclusionProof otherSide = new InclusionProof(p.round(), p.account(), p.salt(), p.balances(), p.index() ^ 1,
                new byte[][] {p.siblingHash(0), p.siblingHash(1)}, new long[][] {p.siblingSums(0), p.siblingSums(1)});
        assertEquals(Failure.ROOT_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(otherSide)));
        InclusionProof outside = new InclusionProof(p.round(), p.account(), p.salt(), p.balances(), 4,
                new byte[][] {p.siblingHash(0), p.siblingHash(1)}, new long[][] {p.siblingSums(0), p.siblingSums(1)});
        assertEquals(Failure.INDEX_OUT_OF_RANGE, failure(() -> TransparentVerifier.verifyInclusion(outside)));
    }

    @Test
    void aDroppedAccountCannotBeShownAValidProof() throws Exception {
        // Carol is left out; the slot she is told is hers is a padding leaf.
        EvilTree t = new EvilTree(info(1), List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40, 3), pad(3), pad(4)), Math::addExact);
        long[] carol = Fixtures.liabilities(CAROL, 900, 2).columns();
        InclusionProof p = t.proof(0);
        InclusionProof forged = new InclusionProof(p.round(), CAROL, salt(3), carol, 2,
                new byte[][] {t.hashes[0][3], t.hashes[1][0]}, new long[][] {t.sums[0][3], t.sums[1][0]});
        assertEquals(Failure.ROOT_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(forged, t.published(), CAROL, null)));
        // Or Carol is kept with her claim zeroed: she knows her balances.
        EvilTree zeroed = new EvilTree(info(1), List.of(leaf(ALICE, 1, 500, 7), leaf(CAROL, 2, 0, 0)), Math::addExact);
        assertEquals(Failure.BALANCE_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(zeroed.proof(1), zeroed.published(),
                CAROL, new long[] {900, 2})));
        // The honest builder has no proof for an account it did not include.
        Round round = Fixtures.syntheticRound(4, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> TransparentTree.build(round, Fixtures.MASTER).proof(CAROL));
    }

    @Test
    void aProofForAnotherRoundChainOrProtocolIsRejected() throws Exception {
        Round r1 = Fixtures.syntheticRound(4, 1, 1);
        Round r2 = Fixtures.syntheticRound(4, 1, 2);
        Address a = r1.accounts().get(0).account();
        InclusionProof p1 = TransparentTree.build(r1, Fixtures.MASTER).proof(a);
        PublishedRound published2 = TransparentTree.build(r2, Fixtures.MASTER).published();
        assertEquals(Failure.ROUND_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(p1, published2, a, null)));
        RoundInfo i = r1.info();
        RoundInfo otherChain = new RoundInfo(1, i.protocol(), i.roundId(), i.prices(), i.assets());
        Round onOtherChain = new Round(otherChain, r1.accounts());
        PublishedRound elsewhere = TransparentTree.build(onOtherChain, Fixtures.MASTER).published();
        assertEquals(Failure.ROUND_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(p1, elsewhere, a, null)));
    }

    @Test
    void aUsdColumnRoundedTheOtherWayIsRejected() throws Exception {
        // 3 E9 of WETH at $2,000 is worth floor(3 · 2000e8 / 1e11) = 6 E6; a leaf claiming 7 rounds up.
        EvilTree t = new EvilTree(info(1), List.of(new EvilTree.Leaf(ALICE, salt(1), new long[] {0, 3, 7}), pad(2)), Math::addExact);
        assertEquals(Failure.USD_VALUE_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(t.proof(0))));
        EvilTree honest = new EvilTree(info(1), List.of(new EvilTree.Leaf(ALICE, salt(1), new long[] {0, 3, 6}), pad(2)), Math::addExact);
        TransparentVerifier.verifyInclusion(honest.proof(0));
    }

    @Test
    void anInsolventRoundIsRejected() throws Exception {
        RoundInfo poor = Fixtures.info(1, BigInteger.valueOf(539), BigInteger.TEN.pow(30)); // 1 USDC E6 short
        EvilTree t = new EvilTree(poor, List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40, 3)), Math::addExact);
        VerificationException e = assertThrows(VerificationException.class, () -> TransparentVerifier.verifyInclusion(t.proof(0)));
        assertEquals(Failure.INSOLVENT, e.failure());
        assertTrue(e.getMessage().contains("asset 0"), e.getMessage());
        RoundInfo exact = Fixtures.info(1, BigInteger.valueOf(540), BigInteger.TEN.pow(30));
        TransparentVerifier.verifyInclusion(new EvilTree(exact, List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40, 3)), Math::addExact).proof(0));
        // WETH reserves in 18 decimals round down to E9: 10^10 − 1 wei is 9 E9, short of 10.
        RoundInfo dust = Fixtures.info(1, BigInteger.TEN.pow(20), BigInteger.TEN.pow(10).subtract(BigInteger.ONE));
        EvilTree d = new EvilTree(dust, List.of(leaf(ALICE, 1, 500, 7), leaf(BOB, 2, 40, 3)), Math::addExact);
        assertEquals(Failure.INSOLVENT, failure(() -> TransparentVerifier.verifyInclusion(d.proof(0))));
    }

    @Test
    void aPriceThatIsNotTheSnapshotsIsRejected() throws Exception {
        RoundInfo i = info(1);
        RoundInfo mispriced = new RoundInfo(i.chainId(), i.protocol(), i.roundId(), i.prices(),
                List.of(i.assets().get(0), new dev.marginsim.prover.snapshot.RoundAsset(1, "ETH / USD", 1_999_00000000L, 18,
                        BigInteger.TEN.pow(30))));
        EvilTree t = new EvilTree(mispriced, List.of(leaf(ALICE, 1, 500, 0), pad(2)), Math::addExact);
        assertEquals(Failure.PRICE_MISMATCH, failure(() -> TransparentVerifier.verifyInclusion(t.proof(0))));
    }

    private static ObjectNode withBalance(ObjectNode proof, int i, String value) {
        proof.withArray("balances").set(i, proof.textNode(value));
        return proof;
    }
}
