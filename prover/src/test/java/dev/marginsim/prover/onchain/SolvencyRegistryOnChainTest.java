package dev.marginsim.prover.onchain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainDeployer;
import dev.marginsim.contracts.chain.RegistryError;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.contracts.chain.SolvencyRegistryClient;
import dev.marginsim.contracts.chain.SolvencyRegistryClient.CallResult;
import dev.marginsim.contracts.chain.SolvencyRegistryClient.ProofArgs;
import dev.marginsim.contracts.chain.SolvencyRegistryClient.PublishArgs;
import dev.marginsim.contracts.chain.SolvencyRegistryClient.RegistryErrorException;
import dev.marginsim.contracts.chain.SolvencyRegistryClient.StoredRound;
import dev.marginsim.contracts.chain.TxResult;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.curve.TestRandom;
import dev.marginsim.prover.format.JsonOut;
import dev.marginsim.prover.format.TransparentJson;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.Fixtures;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.transparent.TransparentTree;
import dev.marginsim.prover.transparent.TreeHashing;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.TransparentVerifier;
import dev.marginsim.prover.verify.VerificationException;
import dev.marginsim.testkit.Anvil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * SolvencyRegistry on a real anvil, fed with rounds and proofs made by the Java prover (a seeded crash
 * scenario, moved onto anvil's chain id and a deployed MarginProtocol's address so the round hash is
 * the one the chain computes). Every proof the Java verifier accepts verifies on chain; every mutant it
 * rejects is rejected on chain with the error of the same check (docs/proofs.md §13, §15).
 */
class SolvencyRegistryOnChainTest {
    /** anvil's second dev account (funded at genesis): anyone who is not the operator. */
    private static final String OTHER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    private static final long U64_2_POW_63 = Long.MIN_VALUE; // 2^63 in a long's bits
    private static final int ACCOUNTS = 40;

    /** The registry error for each failure of the Java verifier (or reader) that has one on chain. */
    private static final Map<Failure, String> ON_CHAIN = new EnumMap<>(Map.of(
            Failure.LENGTH_MISMATCH, "LengthMismatch",
            Failure.INDEX_OUT_OF_RANGE, "IndexOutOfRange",
            Failure.VALUE_OUT_OF_RANGE, "ValueOutOfRange",
            Failure.SUM_OVERFLOW, "SumOverflow",
            Failure.USD_VALUE_MISMATCH, "UsdValueMismatch",
            Failure.ROOT_MISMATCH, "RootMismatch",
            Failure.TOTALS_MISMATCH, "TotalsMismatch"));

    private static long seed;
    private static Anvil anvil;
    private static Chain chain;
    private static Signer operator;
    private static String protocol;
    private static Round crash;

    @BeforeAll
    static void start() {
        seed = TestRandom.seed("SolvencyRegistryOnChainTest");
        anvil = Anvil.start();
        chain = Chain.connect(anvil.url());
        operator = chain.signer(Anvil.DEV_KEY_0);
        protocol = new ChainDeployer(chain, operator).deploy(ProtocolSetup.standard()).protocol();
        crash = Fixtures.crashRound(ACCOUNTS, 30, seed);
        mineTo(Math.max(crash.info().blockNumber(), Fixtures.info(1, BigInteger.ONE, BigInteger.ONE).blockNumber()));
    }

    @AfterAll
    static void stop() {
        if (chain != null) {
            chain.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    // ---- publishing ------------------------------------------------------------------------------

    @Test
    void publishReturnsAndEmitsTheJavaRoundHashAndStoresTheRound() {
        SolvencyRegistryClient registry = freshRegistry();
        PublishedRound java = tree(7).published();
        PublishArgs args = OnChainForms.publishArgs(java);

        CallResult dryRun = registry.callPublish(operator.address(), args);
        assertTrue(dryRun.ok(), "publish reverted: " + dryRun.error());
        assertEquals(Numeric.toHexString(java.roundHash()), dryRun.returned(), "returned round hash");

        TxResult tx = registry.publish(operator, args);
        assertTrue(tx.success(), "publish reverted: " + SolvencyRegistryClient.errorOf(tx));
        assertArrayEquals(java.roundHash(), registry.publishedRoundHash(tx.receipt()).orElseThrow(), "emitted round hash");

        StoredRound stored = registry.getRound(7);
        RoundInfo info = java.info();
        assertArrayEquals(java.roundHash(), stored.roundHash());
        assertArrayEquals(java.rootHash(), stored.rootHash());
        assertArrayEquals(info.prices().hash(), stored.priceSnapshotHash());
        assertEquals(info.blockNumber(), stored.blockNumber());
        assertEquals(info.timestamp(), stored.timestamp());
        assertEquals(java.depth(), stored.depth());
        assertArrayEquals(java.totals(), stored.totals());
        assertArrayEquals(info.assets().stream().mapToLong(RoundAsset::priceE8).toArray(), stored.pricesE8());
        assertEquals(7, registry.latestRoundId());
        assertEquals(1, registry.roundCount());
        RegistryErrorException unknown = assertThrows(RegistryErrorException.class, () -> registry.getRound(8));
        assertEquals(RegistryError.of("UnknownRound", 8), unknown.error());
    }

    @Test
    void onlyTheOperatorPublishes() {
        SolvencyRegistryClient registry = freshRegistry();
        Signer other = chain.signer(OTHER_KEY);
        assertRefused(registry, other, OnChainForms.publishArgs(tree(1).published()), RegistryError.of("NotOperator"));
        assertEquals(0, registry.roundCount());
    }

    @Test
    void roundZeroIsPublishableFirstAndLaterRoundsMustRiseStrictly() {
        SolvencyRegistryClient registry = freshRegistry();
        PublishedRound zero = tree(0).published();
        publishOk(registry, zero);
        assertEquals(0, registry.latestRoundId());
        assertEquals(1, registry.roundCount());
        assertRefused(registry, operator, OnChainForms.publishArgs(tree(0).published()), RegistryError.of("RoundNotNew", 0, 0));
        publishOk(registry, tree(5).published());
        assertRefused(registry, operator, OnChainForms.publishArgs(tree(3).published()), RegistryError.of("RoundNotNew", 3, 5));
        assertRefused(registry, operator, OnChainForms.publishArgs(tree(5).published()), RegistryError.of("RoundNotNew", 5, 5));
        publishOk(registry, tree(6).published());
        assertEquals(6, registry.latestRoundId());
        assertEquals(3, registry.roundCount());
        assertArrayEquals(zero.roundHash(), registry.getRound(0).roundHash(), "round 0 is never replaced");
    }

    /**
     * For each asset: the fewest token units that cover its total publish, and in Java the round is
     * solvent; one token unit less (for asset 0 and 18-decimal WETH: one internal unit short; for
     * 8-decimal WBTC: under the total by up to 10 internal units) is Insolvent(assetId) on chain and
     * INSOLVENT in Java.
     */
    @Test
    void reservesJustShortInAnyAssetAreInsolvent() throws VerificationException {
        SolvencyRegistryClient registry = freshRegistry();
        TransparentTree tree = tree(1);
        PublishedRound base = tree.published();
        List<RoundAsset> assets = base.info().assets();
        long roundId = 1;
        for (int i = 0; i < assets.size(); i++) {
            RoundAsset a = assets.get(i);
            long total = base.totals()[i];
            assertTrue(total > 0, "the crash round owes something in asset " + a.assetId() + " (seed " + seed + ")");
            BigInteger cover = smallestCover(a, total);
            PublishedRound exact = withReserves(base, i, cover, roundId++);
            BigInteger covered = exact.info().assets().get(i).reservesInternal();
            assertTrue(covered.compareTo(BigInteger.valueOf(total)) >= 0, "asset " + a.assetId() + " covered");
            TransparentVerifier.verifyRound(exact);
            publishOk(registry, exact);

            PublishedRound short1 = withReserves(base, i, cover.subtract(BigInteger.ONE), roundId++);
            BigInteger fallsShort = short1.info().assets().get(i).reservesInternal();
            assertTrue(fallsShort.compareTo(BigInteger.valueOf(total)) < 0, "asset " + a.assetId() + " short");
            if (a.assetId() == 0 || a.tokenDecimals() >= 9) {
                assertEquals(BigInteger.valueOf(total - 1), fallsShort, "one internal unit short");
            }
            assertJavaFails(Failure.INSOLVENT, () -> TransparentVerifier.verifyRound(short1));
            assertRefused(registry, operator, OnChainForms.publishArgs(short1), RegistryError.of("Insolvent", a.assetId()));
        }
    }

    @Test
    void depthMustBeOneToThirtyTwo() {
        SolvencyRegistryClient registry = freshRegistry();
        PublishedRound base = tree(1).published();
        for (int depth : new int[] {0, 33, 255}) {
            PublishEdit e = PublishEdit.of(OnChainForms.publishArgs(base));
            e.depth = depth;
            assertRefused(registry, operator, e.toArgs(), RegistryError.of("DepthOutOfRange", depth));
        }
        long roundId = 1;
        for (int depth : new int[] {1, 32}) { // the bounds: published, with the Java round hash
            publishOk(registry, new PublishedRound(OnChainForms.withRoundId(base, roundId++).info(), depth,
                    base.rootHash(), base.totals()));
        }
    }

    @Test
    void malformedAssetListsAreRefused() {
        SolvencyRegistryClient registry = freshRegistry();
        PublishArgs base = OnChainForms.publishArgs(tree(1).published());
        assertEquals(3, base.assetIds().length, "the standard setup has USDC, WETH and WBTC");
        Map<String, Consumer<PublishEdit>> invalid = new java.util.LinkedHashMap<>();
        invalid.put("no assets", e -> resize(e, 0));
        invalid.put("9 assets", e -> {
            resize(e, 9);
            for (int i = 3; i < 9; i++) {
                e.assetIds[i] = i;
            }
        });
        invalid.put("pricesE8 one short", e -> e.pricesE8 = Arrays.copyOf(e.pricesE8, 2));
        invalid.put("tokenDecimals one short", e -> e.tokenDecimals = Arrays.copyOf(e.tokenDecimals, 2));
        invalid.put("reservesTokens one short", e -> e.reservesTokens = Arrays.copyOf(e.reservesTokens, 2));
        invalid.put("feeds one short", e -> e.feeds.remove(2));
        invalid.put("first asset id 1", e -> e.assetIds = new int[] {1, 2, 3});
        invalid.put("asset 0 price 1e8 + 1", e -> e.pricesE8[0] = 100_000_001L);
        invalid.put("asset 0 with 18 decimals", e -> e.tokenDecimals[0] = 18);
        invalid.put("asset 0 with a feed", e -> e.feeds.set(0, "USDC / USD"));
        invalid.put("ids descending", e -> e.assetIds = new int[] {0, 2, 1});
        invalid.put("an id twice", e -> e.assetIds = new int[] {0, 1, 1});
        invalid.put("id 8", e -> e.assetIds[2] = 8);
        invalid.put("price 0", e -> e.pricesE8[1] = 0);
        invalid.put("price 2^63", e -> e.pricesE8[1] = U64_2_POW_63);
        invalid.put("decimals 37", e -> e.tokenDecimals[2] = 37);
        invalid.put("a feed of 65,536 bytes", e -> e.feeds.set(1, "x".repeat(65_536)));
        for (var c : invalid.entrySet()) {
            PublishEdit e = PublishEdit.of(base);
            c.getValue().accept(e);
            assertRefused(registry, operator, e.toArgs(), RegistryError.of("InvalidAssets"), c.getKey());
        }
        PublishEdit noUsd = PublishEdit.of(base);
        noUsd.totals = Arrays.copyOf(noUsd.totals, 3);
        assertRefused(registry, operator, noUsd.toArgs(), RegistryError.of("LengthMismatch"), "totals without USD");
        PublishEdit extra = PublishEdit.of(base);
        extra.totals = Arrays.copyOf(extra.totals, 5);
        assertRefused(registry, operator, extra.toArgs(), RegistryError.of("LengthMismatch"), "one total too many");
        PublishEdit big = PublishEdit.of(base);
        big.totals[3] = U64_2_POW_63;
        assertRefused(registry, operator, big.toArgs(), RegistryError.of("ValueOutOfRange"), "a total of 2^63");
        assertEquals(0, registry.roundCount());
    }

    @Test
    void aRoundFromAFutureBlockIsRefused() {
        SolvencyRegistryClient registry = freshRegistry();
        PublishedRound base = tree(1).published();
        long next = chain.blockNumber() + 1; // automine: the publish transaction is mined in this block
        PublishedRound future = withBlock(base, next + 1, 1);
        assertRefused(registry, operator, OnChainForms.publishArgs(future), RegistryError.of("FutureBlock", next + 1));
        next = chain.blockNumber() + 1;
        publishOk(registry, withBlock(base, next, 1));
    }

    // ---- inclusion -------------------------------------------------------------------------------

    @Test
    void everyAccountsJavaProofVerifiesOnChain() throws VerificationException {
        SolvencyRegistryClient registry = freshRegistry();
        TransparentTree tree = tree(1);
        publishOk(registry, tree.published());
        int assets = tree.published().info().assets().size();
        int verified = 0;
        for (Liabilities l : crash.accounts()) {
            InclusionProof proof = tree.proof(l.account());
            TransparentVerifier.verifyInclusion(proof, tree.published(), l.account(), Arrays.copyOf(proof.balances(), assets));
            assertEquals(Optional.empty(), registry.verifyInclusion(OnChainForms.proofArgs(proof)), "account " + l.account());
            verified++;
        }
        assertEquals(crash.accounts().size(), verified);
        assertTrue(verified >= ACCOUNTS, verified + " accounts");
        System.out.println(verified + " Java proofs verified on chain (depth " + tree.depth() + ")");
    }

    /**
     * Each field of one account's proof changed in turn: the Java verifier (or, for values no
     * in-memory proof can hold, the JSON reader) names a failure, and the registry reverts with the
     * error of the same check.
     */
    @Test
    void mutantsTheJavaVerifierRejectsFailOnChainWithTheSameCheck() throws Exception {
        SolvencyRegistryClient registry = freshRegistry();
        TransparentTree tree = tree(1);
        PublishedRound round = tree.published();
        publishOk(registry, round);
        SplittableRandom rnd = new SplittableRandom(seed);
        Liabilities holder = crash.accounts().get(rnd.nextInt(crash.accounts().size()));
        InclusionProof proof = tree.proof(holder.account());
        assertEquals(Optional.empty(), registry.verifyInclusion(OnChainForms.proofArgs(proof)));
        List<RoundAsset> assets = round.info().assets();
        int c = round.info().columns();
        int usd = round.info().usdColumn();
        int depth = proof.pathLength();
        Mutants m = new Mutants(registry, proof);

        m.check("salt bit flipped", e -> e.salt[31] ^= 1, Failure.ROOT_MISMATCH);
        for (int k = 0; k < assets.size(); k++) {
            int col = k;
            RoundAsset a = assets.get(k);
            m.check("balance " + k + " + 1, USD column recomputed", e -> {
                e.balances[col] += 1;
                e.balances[usd] = usdValue(assets, e.balances);
            }, Failure.ROOT_MISMATCH);
            long step = a.assetId() == 0 ? 1 : ceilDiv(100_000_000_000L, a.priceE8()); // changes the value by ≥ 1
            m.check("balance " + k + " + " + step + ", USD column kept", e -> e.balances[col] += step,
                    Failure.USD_VALUE_MISMATCH);
            m.checkJson("balance " + k + " = 2^63", json -> ((ArrayNode) json.get("balances")).set(col, TextNode.valueOf("9223372036854775808")),
                    e -> e.balances[col] = U64_2_POW_63, Failure.VALUE_OUT_OF_RANGE);
        }
        m.check("USD column + 1", e -> e.balances[usd] += 1, Failure.USD_VALUE_MISMATCH);
        if (proof.balances()[usd] > 0) {
            m.check("USD column − 1", e -> e.balances[usd] -= 1, Failure.USD_VALUE_MISMATCH);
        }
        m.checkJson("USD column = 2^63", json -> ((ArrayNode) json.get("balances")).set(usd, TextNode.valueOf("9223372036854775808")),
                e -> e.balances[usd] = U64_2_POW_63, Failure.VALUE_OUT_OF_RANGE);
        int dearest = 1;
        for (int k = 2; k < assets.size(); k++) {
            dearest = assets.get(k).priceE8() > assets.get(dearest).priceE8() ? k : dearest;
        }
        int dear = dearest;
        assertTrue(assets.get(dear).priceE8() > 100_000_000_000L, "some collateral is priced above $1,000");
        m.check("balance " + dear + " = 2^63 − 1 (its USD value leaves int64)", e -> e.balances[dear] = TreeHashing.MAX_VALUE,
                Failure.SUM_OVERFLOW);
        m.check("balance 0 = 2^63 − 1 beside a collateral worth ≥ 1 (the USD sum leaves int64)", e -> {
            e.balances[0] = TreeHashing.MAX_VALUE;
            e.balances[1] = ceilDiv(100_000_000_000L, assets.get(1).priceE8());
        }, Failure.SUM_OVERFLOW);
        m.checkJson("an extra column", json -> ((ArrayNode) json.get("balances")).add("0"),
                e -> e.balances = Arrays.copyOf(e.balances, c + 1), Failure.LENGTH_MISMATCH);

        m.check("index bit 0 flipped", e -> e.index ^= 1, Failure.ROOT_MISMATCH);
        m.check("index 2^depth", e -> e.index = 1L << depth, Failure.INDEX_OUT_OF_RANGE);
        m.check("index 2^63", e -> e.index = U64_2_POW_63, Failure.INDEX_OUT_OF_RANGE);
        long[] ownSums = proof.balances();
        int overflowLevel = -1;
        int overflowColumn = -1;
        for (int level = 0; level < depth; level++) {
            int l = level;
            m.check("sibling hash " + level + " bit flipped", e -> e.hashes.get(l)[0] ^= (byte) 0x80, Failure.ROOT_MISMATCH);
            for (int k = 0; k < c; k++) {
                int col = k;
                m.check("sibling sum " + level + "/" + k + " + 1", e -> e.sums.get(l)[col] += 1, Failure.ROOT_MISMATCH);
                if (overflowLevel < 0 && ownSums[k] > 0) {
                    overflowLevel = level;
                    overflowColumn = k;
                }
            }
            long[] sibling = proof.siblingSums(level);
            for (int k = 0; k < c; k++) {
                ownSums[k] += sibling[k];
            }
        }
        assertTrue(overflowLevel >= 0, "the account's subtree owes something below the root");
        int ol = overflowLevel;
        int oc = overflowColumn;
        m.check("sibling sum " + ol + "/" + oc + " = 2^63 − 1 (the node's sum leaves int64)",
                e -> e.sums.get(ol)[oc] = TreeHashing.MAX_VALUE, Failure.SUM_OVERFLOW);
        m.checkJson("sibling sum 0/0 = 2^63", json -> ((ArrayNode) json.get("path").get(0).get("sums")).set(0, TextNode.valueOf("9223372036854775808")),
                e -> e.sums.get(0)[0] = U64_2_POW_63, Failure.VALUE_OUT_OF_RANGE);
        m.checkJson("sibling sums 0 one short", json -> ((ArrayNode) json.get("path").get(0).get("sums")).remove(c - 1),
                e -> e.sums.set(0, Arrays.copyOf(e.sums.get(0), c - 1)), Failure.LENGTH_MISMATCH);

        m.check("path one level short", e -> {
            e.hashes.remove(depth - 1);
            e.sums.remove(depth - 1);
        }, Failure.LENGTH_MISMATCH);
        m.check("path one level long", e -> {
            e.hashes.add(e.hashes.get(depth - 1).clone());
            e.sums.add(e.sums.get(depth - 1).clone());
        }, Failure.LENGTH_MISMATCH);
        m.check("another account", e -> e.account = neighbour(e.account), Failure.ROOT_MISMATCH);

        // Round id: the holder compares the proof's round with the round it asked about (ROUND_MISMATCH);
        // the chain has none under an unpublished id, and another tree under a published one.
        long unpublished = round.info().roundId() + 1;
        m.checkAgainst("round id never published", e -> e.roundIdOnChain = unpublished,
                OnChainForms.withRoundId(round, unpublished), Failure.ROUND_MISMATCH, RegistryError.of("UnknownRound", unpublished));
        TransparentTree other = tree(2);
        publishOk(registry, other.published());
        m.checkAgainst("round id of another published round", e -> e.roundIdOnChain = 2, other.published(),
                Failure.ROUND_MISMATCH, RegistryError.of("RootMismatch"));
        System.out.println(m.count + " mutants rejected alike in Java and on chain: " + m.seen);
        assertTrue(m.count > depth * (c + 1), "every sibling hash and sum was changed, and more");
    }

    /** A round whose published totals are not its root's sums: every proof fails the last check, in both. */
    @Test
    void totalsTheRootDoesNotSumToFailTheTotalsCheck() throws Exception {
        SolvencyRegistryClient registry = freshRegistry();
        TransparentTree tree = tree(1);
        PublishedRound honest = tree.published();
        long[] totals = honest.totals();
        totals[honest.info().usdColumn()] += 1; // the USD total has no reserve to cover: still solvent
        PublishedRound inflated = new PublishedRound(honest.info(), honest.depth(), honest.rootHash(), totals);
        publishOk(registry, inflated);
        InclusionProof proof = tree.proof(crash.accounts().get(0).account());
        ProofEdit e = ProofEdit.of(proof);
        e.round = inflated;
        assertJavaFails(Failure.TOTALS_MISMATCH, () -> TransparentVerifier.verifyInclusion(e.toProof()));
        assertEquals(Optional.of(RegistryError.of("TotalsMismatch")), registry.verifyInclusion(e.toArgs()));
    }

    /**
     * Gas figures are deterministic; only their order is asserted (RegistryGasReport prints them). The
     * exact figure is the receipt's gasUsed of the view sent as a transaction: eth_estimateGas may stop
     * its search above it.
     */
    @Test
    void verifyGasGrowsWithDepth() {
        SolvencyRegistryClient registry = freshRegistry();
        long previous = 0;
        long roundId = 1;
        for (int minDepth : new int[] {1, 2, 4, 8, 12}) {
            Round r = OnChainForms.onChain(Fixtures.syntheticRound(2, seed, roundId), chain.chainId(), protocol, roundId);
            TransparentTree t = TransparentTree.build(r, Fixtures.MASTER, minDepth, 1);
            assertEquals(minDepth, t.depth(), "two accounts fit any depth");
            publishOk(registry, t.published());
            ProofArgs proof = OnChainForms.proofArgs(t.proof(r.accounts().get(0).account()));
            TxResult tx = registry.verifyInclusionInTransaction(operator, proof);
            assertTrue(tx.success(), "verifyInclusion reverted: " + SolvencyRegistryClient.errorOf(tx));
            long gas = tx.receipt().getGasUsed().longValueExact();
            assertTrue(registry.estimateVerifyInclusionGas(proof) >= gas, "an estimate is enough gas to run the call");
            System.out.println("verifyInclusion at depth " + t.depth() + ": " + gas + " gas");
            assertTrue(gas > previous, "depth " + t.depth() + " costs " + gas + ", not more than " + previous);
            previous = gas;
            roundId++;
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Applies mutations to one proof, checking Java and the chain agree on each. */
    private static final class Mutants {
        final SolvencyRegistryClient registry;
        final InclusionProof proof;
        final Map<Failure, Integer> seen = new EnumMap<>(Failure.class);
        int count;

        Mutants(SolvencyRegistryClient registry, InclusionProof proof) {
            this.registry = registry;
            this.proof = proof;
        }

        /** A mutant the Java verifier rejects with {@code expected}; the chain with its counterpart. */
        void check(String label, Consumer<ProofEdit> edit, Failure expected) {
            ProofEdit e = ProofEdit.of(proof);
            edit.accept(e);
            assertJavaFails(expected, () -> TransparentVerifier.verifyInclusion(e.toProof()), label);
            onChain(label, e, RegistryError.of(ON_CHAIN.get(expected)), expected);
        }

        /**
         * A mutant no in-memory proof can hold (a value above int64, a wrong length): the JSON reader
         * rejects the document with {@code expected}; the chain the same arguments with its counterpart.
         */
        void checkJson(String label, Consumer<ObjectNode> jsonEdit, Consumer<ProofEdit> edit, Failure expected) {
            ObjectNode json = TransparentJson.writeProof(proof);
            jsonEdit.accept(json);
            assertJavaFails(expected, () -> TransparentVerifier.verifyInclusion(TransparentJson.readProof(JsonOut.bytes(json))),
                    label);
            ProofEdit e = ProofEdit.of(proof);
            edit.accept(e);
            onChain(label, e, RegistryError.of(ON_CHAIN.get(expected)), expected);
        }

        /** The account holder checks the proof against {@code published}, the round it expects under that id. */
        void checkAgainst(String label, Consumer<ProofEdit> edit, PublishedRound published, Failure expected,
                RegistryError onChain) {
            ProofEdit e = ProofEdit.of(proof);
            edit.accept(e);
            assertEquals(published.info().roundId(), e.roundIdOnChain, label + ": the holder asks about the id the chain is asked");
            assertJavaFails(expected, () -> TransparentVerifier.verifyInclusion(e.toProof(), published, proof.account(), null),
                    label);
            onChain(label, e, onChain, expected);
        }

        private void onChain(String label, ProofEdit e, RegistryError want, Failure java) {
            assertEquals(Optional.of(want), registry.verifyInclusion(e.toArgs()), label + " (Java: " + java + ")");
            seen.merge(java, 1, Integer::sum);
            count++;
        }
    }

    private interface JavaCheck {
        void run() throws VerificationException;
    }

    private static void assertJavaFails(Failure expected, JavaCheck check) {
        assertJavaFails(expected, check, "");
    }

    private static void assertJavaFails(Failure expected, JavaCheck check, String label) {
        try {
            check.run();
            fail(label + ": the Java verifier accepted it");
        } catch (VerificationException e) {
            assertEquals(expected, e.failure(), label + ": " + e.getMessage());
        }
    }

    private static SolvencyRegistryClient freshRegistry() {
        return SolvencyRegistryClient.deploy(chain, operator, operator.address(), protocol);
    }

    /** The crash round as round {@code roundId} of the deployed protocol on anvil, and its tree. */
    private static TransparentTree tree(long roundId) {
        return TransparentTree.build(OnChainForms.onChain(crash, chain.chainId(), protocol, roundId), Fixtures.MASTER);
    }

    /** Publishes and checks the chain's round hash (return value and event) is the Java one. */
    private static void publishOk(SolvencyRegistryClient registry, PublishedRound round) {
        TxResult tx = registry.publish(operator, OnChainForms.publishArgs(round));
        assertTrue(tx.success(), "publish of round " + round.info().roundId() + " reverted: " + SolvencyRegistryClient.errorOf(tx));
        assertArrayEquals(round.roundHash(), registry.publishedRoundHash(tx.receipt()).orElseThrow());
        assertArrayEquals(round.roundHash(), registry.getRound(round.info().roundId()).roundHash());
    }

    private static void assertRefused(SolvencyRegistryClient registry, Signer from, PublishArgs args, RegistryError want) {
        assertRefused(registry, from, args, want, "");
    }

    private static void assertRefused(SolvencyRegistryClient registry, Signer from, PublishArgs args, RegistryError want,
            String label) {
        TxResult tx = registry.publish(from, args);
        assertEquals(Optional.of(want), SolvencyRegistryClient.errorOf(tx), label);
    }

    /** The fewest token units whose internal value (rounded down, docs/proofs.md §2) is at least {@code total}. */
    private static BigInteger smallestCover(RoundAsset a, long total) {
        BigInteger t = BigInteger.valueOf(total);
        if (a.assetId() == 0) {
            return t;
        }
        int d = a.tokenDecimals();
        if (d >= 9) {
            return t.multiply(BigInteger.TEN.pow(d - 9));
        }
        BigInteger[] qr = t.divideAndRemainder(BigInteger.TEN.pow(9 - d));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    private static PublishedRound withReserves(PublishedRound r, int index, BigInteger reserves, long roundId) {
        RoundInfo i = r.info();
        List<RoundAsset> assets = new ArrayList<>(i.assets());
        RoundAsset a = assets.get(index);
        assets.set(index, new RoundAsset(a.assetId(), a.feed(), a.priceE8(), a.tokenDecimals(), reserves));
        return new PublishedRound(new RoundInfo(i.chainId(), i.protocol(), roundId, i.prices(), assets), r.depth(),
                r.rootHash(), r.totals());
    }

    private static PublishedRound withBlock(PublishedRound r, long blockNumber, long roundId) {
        RoundInfo i = r.info();
        PriceSnapshot prices = new PriceSnapshot(blockNumber, i.prices().timestamp(), i.prices().rounds());
        return new PublishedRound(new RoundInfo(i.chainId(), i.protocol(), roundId, prices, i.assets()), r.depth(),
                r.rootHash(), r.totals());
    }

    /** Σ valueE6 of the asset columns, as the Java verifier computes the USD column. */
    private static long usdValue(List<RoundAsset> assets, long[] balances) {
        long usd = 0;
        for (int i = 0; i < assets.size(); i++) {
            usd = Math.addExact(usd, assets.get(i).valueE6(balances[i]));
        }
        return usd;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static Address neighbour(Address a) {
        byte[] b = a.toBytes();
        b[19] ^= 1;
        return Address.of(b);
    }

    private static void resize(PublishEdit e, int n) {
        e.assetIds = Arrays.copyOf(e.assetIds, n);
        e.pricesE8 = Arrays.copyOf(e.pricesE8, n);
        e.tokenDecimals = Arrays.copyOf(e.tokenDecimals, n);
        e.reservesTokens = Arrays.copyOf(e.reservesTokens, n);
        for (int i = 0; i < n; i++) {
            if (e.reservesTokens[i] == null) {
                e.reservesTokens[i] = BigInteger.TEN.pow(40);
                e.pricesE8[i] = 100_000_000L;
                e.tokenDecimals[i] = 18;
            }
        }
        while (e.feeds.size() > n) {
            e.feeds.remove(e.feeds.size() - 1);
        }
        while (e.feeds.size() < n) {
            e.feeds.add("X" + e.feeds.size() + " / USD");
        }
        e.totals = Arrays.copyOf(e.totals, n + 1);
    }

    private static void mineTo(long block) {
        while (chain.blockNumber() < block) {
            chain.mine();
        }
    }
}
