package dev.marginsim.prover.privatetree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.PedersenGenerators;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each attack of DESIGN.md on the private tree is a test that the verifier rejects it, for the named reason. */
class PrivateTreeAttackTest {
    private static final Address ALICE = Address.ofIndex(0xA11CE);
    private static final Address BOB = Address.ofIndex(0xB0B);
    private static final Address CAROL = Address.ofIndex(0xCA201);
    private static final RoundInfo INFO = TreeFixtures.info(9);
    private static final SecureRandom RNG = Golden.seeded(99);
    private static int salts;

    private static EvilPrivateTree.Leaf leaf(Address a, long... v) {
        BigInteger[] values = new BigInteger[v.length];
        for (int i = 0; i < v.length; i++) {
            values[i] = BigInteger.valueOf(v[i]);
        }
        return leaf(a, values);
    }

    private static EvilPrivateTree.Leaf leaf(Address a, BigInteger... values) {
        byte[] salt = new byte[32];
        salt[0] = (byte) ++salts;
        Scalar[] r = new Scalar[values.length];
        for (int t = 0; t < r.length; t++) {
            r[t] = Scalar.random(RNG);
        }
        return new EvilPrivateTree.Leaf(a, salt, values, r);
    }

    private static Failure failure(Executable check) {
        return assertThrows(VerificationException.class, check).failure();
    }

    private static void verify(PrivateInclusionProof p, PrivateRound published, Address a) throws VerificationException {
        PrivateInclusionVerifier.verify(p, published, a, null, 64);
    }

    private static List<EvilPrivateTree.Leaf> honest() {
        return List.of(leaf(ALICE, 500, 7, 0), leaf(BOB, 300, 0, 2), leaf(CAROL, 100, 1, 1), leaf(null, 0, 0, 0));
    }

    @Test
    void anHonestEvilTreeVerifies_soEveryAttackFailsForItsOwnReason() throws Exception {
        EvilPrivateTree t = new EvilPrivateTree(INFO, honest(), false);
        verify(t.proof(0, RNG), t.round, ALICE);
        verify(t.proof(1, RNG), t.round, BOB);
    }

    @Test
    void aNegativeBalanceThatCancelsAClaim_isRejected() {
        // padding at −400 hides most of Alice's 500 from the total; Alice sees it as her sibling
        EvilPrivateTree t = new EvilPrivateTree(INFO, List.of(leaf(ALICE, 500, 0, 0), leaf(null, -400, 0, 0),
                leaf(BOB, 10, 0, 0), leaf(CAROL, 10, 0, 0)), false);
        assertEquals(Failure.RANGE_PROOF_INVALID, failure(() -> verify(t.proof(0, RNG), t.round, ALICE)));
        // one level up: Bob's sibling is the subtree {Alice, −400 − 500}
        EvilPrivateTree u = new EvilPrivateTree(INFO, List.of(leaf(ALICE, 500, 0, 0), leaf(null, -900, 0, 0),
                leaf(BOB, 10, 0, 0), leaf(CAROL, 10, 0, 0)), false);
        assertEquals(Failure.RANGE_PROOF_INVALID, failure(() -> verify(u.proof(2, RNG), u.round, BOB)));
    }

    @Test
    void aBalanceThatWrapsSixtyFourBits_isRejected() {
        BigInteger wrapped = BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(5));
        EvilPrivateTree t = new EvilPrivateTree(INFO, List.of(leaf(ALICE, 500, 0, 0),
                leaf(BOB, wrapped, BigInteger.ZERO, BigInteger.ZERO), leaf(CAROL, 10, 0, 0), leaf(null, 0, 0, 0)), false);
        assertEquals(Failure.RANGE_PROOF_INVALID, failure(() -> verify(t.proof(0, RNG), t.round, ALICE)));
    }

    /**
     * The holder's own leaf is not in the range proofs (its values are opened and checked in the clear):
     * a leaf committing to a negative or wrapped balance cannot be opened to the in-range value the
     * holder is shown. Opened as its low 64 bits, −100 is 2⁶⁴ − 100, outside the range; 2⁶⁴ + 500 opened
     * as 500 recomputes another leaf, which misses the root.
     */
    @Test
    void theHoldersOwnLeafCommittingToANegativeOrWrappedBalance_isRejected() {
        BigInteger[] hidden = {BigInteger.valueOf(-100), BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(500))};
        Failure[] expected = {Failure.VALUE_OUT_OF_RANGE, Failure.ROOT_MISMATCH};
        for (int i = 0; i < hidden.length; i++) {
            EvilPrivateTree t = new EvilPrivateTree(INFO, List.of(leaf(ALICE, hidden[i], BigInteger.ZERO, BigInteger.ZERO),
                    leaf(BOB, 10, 0, 0), leaf(CAROL, 10, 0, 0), leaf(null, 0, 0, 0)), false);
            assertEquals(expected[i], failure(() -> verify(t.proof(0, RNG), t.round, ALICE)), "leaf value " + hidden[i]);
        }
    }

    @Test
    void aNodeKeepingTheMaximumInsteadOfTheSum_isRejected() {
        EvilPrivateTree t = new EvilPrivateTree(INFO, honest(), true);
        assertEquals(Failure.ROOT_MISMATCH, failure(() -> verify(t.proof(0, RNG), t.round, ALICE)));
    }

    @Test
    void twoAccountsShownOneLeaf_areRejected() throws Exception {
        EvilPrivateTree t = new EvilPrivateTree(INFO, honest(), false);
        PrivateInclusionProof alices = t.proof(0, RNG);
        assertEquals(Failure.ACCOUNT_MISMATCH, failure(() -> verify(alices, t.round, BOB)));
        // the same leaf relabelled for Bob: its salted account hash no longer matches
        PrivateInclusionProof relabelled = new PrivateInclusionProof(t.round, BOB, alices.salt(), alices.slot(), alices.values(),
                alices.blindings(), path(alices), commitments(alices), 64, alices.rangeProofs());
        assertEquals(Failure.ROOT_MISMATCH, failure(() -> verify(relabelled, t.round, BOB)));
        // a tree with two leaves for one account shows each holder a valid path; the auditor sees the shared slot
        List<PrivateInclusionProof> collected = List.of(alices, alices, t.proof(1, RNG));
        PrivateInclusionVerifier.requireDistinctLeaves(collected);
        PrivateInclusionProof forged = new PrivateInclusionProof(t.round, BOB, alices.salt(), alices.slot(), alices.values(),
                alices.blindings(), path(alices), commitments(alices), 64, alices.rangeProofs());
        assertEquals(Failure.LEAF_SHARED, failure(() -> PrivateInclusionVerifier.requireDistinctLeaves(List.of(alices, forged))));
    }

    @Test
    void differentRootsShownToDifferentUsers_areRejected() throws Exception {
        EvilPrivateTree published = new EvilPrivateTree(INFO, honest(), false);
        List<EvilPrivateTree.Leaf> other = new ArrayList<>(honest());
        other.set(3, leaf(null, 0, 0, 0)); // another padding salt: another root
        EvilPrivateTree shownToAlice = new EvilPrivateTree(INFO, other, false);
        verify(shownToAlice.proof(0, RNG), shownToAlice.round, ALICE);
        assertEquals(Failure.ROUND_MISMATCH, failure(() -> verify(shownToAlice.proof(0, RNG), published.round, ALICE)));
    }

    @Test
    void aDroppedAccount_cannotBeShownAValidProof() throws Exception {
        Round round = TreeFixtures.round(5, 9, 1);
        Liabilities dropped = round.accounts().get(4);
        List<Liabilities> rest = new ArrayList<>(round.accounts());
        rest.remove(4);
        PrivateTree published = TreeFixtures.BUILDER.build(new Round(round.info(), rest), TreeFixtures.MASTER);
        assertThrows(IllegalArgumentException.class, () -> PrivateInclusionProver.prove(published, dropped.account(), 64, RNG));
        PrivateTree full = TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER);
        PrivateInclusionProof fromAnotherTree = PrivateInclusionProver.prove(full, dropped.account(), 64, RNG);
        assertEquals(Failure.ROUND_MISMATCH, failure(() -> verify(fromAnotherTree, PrivateRound.of(published), dropped.account())));
    }

    @Test
    void aGeneratorWithAKnownLog_letsTheOperatorEquivocate_andIsRejected() throws Exception {
        // With H = k·G the opening (v, r) also opens as (v + k, r − 1): a balance can be rewritten.
        BigInteger k = BigInteger.valueOf(1234567);
        ECPoint weak = TreeGenerators.STANDARD.g().multiply(k);
        Commitment c = Commitment.ofPoint(PedersenGenerators.STANDARD.g().multiply(Scalar.of(10)).add(
                PedersenGenerators.STANDARD.g().multiply(Scalar.ofCanonical(k.multiply(BigInteger.valueOf(3))))));
        Commitment c2 = Commitment.ofPoint(PedersenGenerators.STANDARD.g().multiply(Scalar.ofCanonical(k.add(BigInteger.TEN)))
                .add(PedersenGenerators.STANDARD.g().multiply(Scalar.ofCanonical(k.multiply(BigInteger.TWO)))));
        assertEquals(c, c2, "(10, 3) and (10 + k, 2) open the same commitment under H = k·G");
        // a tree built with that H: its holder's proof fails under the standard generators
        Round round = TreeFixtures.round(6, 5, 1);
        PrivateTree weakTree = new PrivateTreeBuilder(new TreeGenerators(TreeGenerators.STANDARD.g(), weak)).build(round, TreeFixtures.MASTER);
        Address a = round.accounts().get(0).account();
        AccountLeaf leaf = weakTree.accountLeaf(a);
        assertEquals(Failure.ROOT_MISMATCH, failure(() -> verify(new PrivateInclusionProof(PrivateRound.of(weakTree), a, leaf.salt(),
                weakTree.slotOf(a), leaf.values(), leaf.blindings(), siblings(weakTree, a), siblingCommitments(weakTree, a), 64,
                PrivateInclusionProver.prove(TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER), a, 64, RNG).rangeProofs()),
                PrivateRound.of(weakTree), a)));
        // and the standard H is the hash-to-curve point, not a multiple the code chose
        assertEquals(TreeGenerators.STANDARD.h(), TreeGenerators.STANDARD.g().getCurve().decodePoint(
                dev.marginsim.prover.curve.Point.hashToCurve(PedersenGenerators.H_DOMAIN, PedersenGenerators.STANDARD.g().encode()).encode()));
    }

    @Test
    void aTranscriptMissingAnInput_isRejected() {
        EvilPrivateTree t = new EvilPrivateTree(INFO, honest(), false);
        String[] dropped = {"round", "price-snapshot", "root", "account", "account-hash", "slot", "depth", "sibling"};
        for (String skip : dropped) {
            PrivateInclusionProof p = t.proof(0, RNG, (round, account, accountHash, slot, siblings) -> {
                Transcript tr = Transcript.start(InclusionTranscript.PROTOCOL);
                if (!skip.equals("round")) tr.append("round", round.roundHash());
                if (!skip.equals("price-snapshot")) tr.append("price-snapshot", round.info().prices().hash());
                if (!skip.equals("root")) tr.append("root", round.root().hash());
                if (!skip.equals("account")) tr.append("account", account.toBytes());
                if (!skip.equals("account-hash")) tr.append("account-hash", accountHash);
                if (!skip.equals("slot")) tr.append("slot", slot);
                if (!skip.equals("depth")) tr.append("depth", siblings.length);
                for (byte[] h : siblings) {
                    if (!skip.equals("sibling")) tr.append("sibling", h);
                }
                return tr;
            });
            assertEquals(Failure.RANGE_PROOF_INVALID, failure(() -> verify(p, t.round, ALICE)), "without " + skip);
        }
    }

    @Test
    void aReorderedPathOrANodePassedOffAsALeaf_isRejected() throws Exception {
        EvilPrivateTree t = new EvilPrivateTree(INFO, honest(), false);
        PrivateInclusionProof p = t.proof(0, RNG);
        byte[][] hashes = path(p);
        byte[][][] cs = commitments(p);
        byte[][] rh = {hashes[1], hashes[0]};
        byte[][][] rc = {cs[1], cs[0]};
        assertEquals(Failure.ROOT_MISMATCH, failure(() -> verify(new PrivateInclusionProof(t.round, ALICE, p.salt(), p.slot(),
                p.values(), p.blindings(), rh, rc, 64, p.rangeProofs()), t.round, ALICE)));
        // the level-1 node {Alice, Bob} as a "leaf" one level short of the root
        assertEquals(Failure.LENGTH_MISMATCH, failure(() -> verify(new PrivateInclusionProof(t.round, ALICE, p.salt(), 0,
                p.values(), p.blindings(), new byte[][] {hashes[1]}, new byte[][][] {cs[1]}, 64, p.rangeProofs()), t.round, ALICE)));
    }

    @Test
    void aSolvencyClaimAboveReservesOrWithANegativeTotal_isRejected() throws Exception {
        Round round = TreeFixtures.round(8, 6, 1);
        PrivateTree tree = TreeFixtures.BUILDER.build(round, TreeFixtures.MASTER);
        PrivateRound published = PrivateRound.of(tree);
        SolvencyProof revealed = SolvencyProver.revealed(tree);
        SolvencyVerifier.verify(revealed, published, 64);
        long[] lower = revealed.totals();
        lower[0] -= 1; // claim one unit less liability
        assertEquals(Failure.COMMITMENT_MISMATCH, failure(() -> SolvencyVerifier.verify(
                SolvencyProof.revealed(published, lower, revealed.blindings()), published, 64)));
        SolvencyProof bounded = SolvencyProver.bounded(tree, 64, RNG);
        SolvencyVerifier.verify(bounded, published, 64);
        // the same proof against a round whose reserves are one below the total
        var assets = new ArrayList<>(round.info().assets());
        var a0 = assets.get(0);
        assets.set(0, dev.marginsim.prover.snapshot.RoundAsset.settlement(BigInteger.valueOf(tree.total(0) - 1)));
        RoundInfo poorer = new RoundInfo(round.info().chainId(), round.info().protocol(), round.info().roundId(), round.info().prices(), assets);
        PrivateRound poor = new PrivateRound(poorer, published.root());
        assertEquals(Failure.ROUND_MISMATCH, failure(() -> SolvencyVerifier.verify(bounded, poor, 64)));
        assertThrows(IllegalStateException.class, () -> SolvencyProver.bounded(
                TreeFixtures.BUILDER.build(new Round(poorer, round.accounts()), TreeFixtures.MASTER), 64, RNG));
        assertEquals(a0.assetId(), 0);
    }

    static byte[][] path(PrivateInclusionProof p) {
        byte[][] h = new byte[p.pathLength()][];
        for (int l = 0; l < h.length; l++) {
            h[l] = p.siblingHash(l);
        }
        return h;
    }

    static byte[][][] commitments(PrivateInclusionProof p) {
        byte[][][] c = new byte[p.pathLength()][][];
        for (int l = 0; l < c.length; l++) {
            c[l] = p.siblingCommitments(l);
        }
        return c;
    }

    private static byte[][] siblings(PrivateTree tree, Address a) {
        byte[][] h = new byte[tree.depth()][];
        int node = tree.slotOf(a);
        for (int l = 0; l < h.length; l++) {
            h[l] = tree.hash(l, node ^ 1);
            node >>= 1;
        }
        return h;
    }

    private static byte[][][] siblingCommitments(PrivateTree tree, Address a) {
        byte[][][] c = new byte[tree.depth()][tree.tokens()][];
        int node = tree.slotOf(a);
        for (int l = 0; l < c.length; l++) {
            for (int t = 0; t < tree.tokens(); t++) {
                c[l][t] = tree.commitment(l, node ^ 1, t);
            }
            node >>= 1;
        }
        return c;
    }
}
