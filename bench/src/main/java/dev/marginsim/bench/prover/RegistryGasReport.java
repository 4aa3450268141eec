package dev.marginsim.bench.prover;

import dev.marginsim.cli.proof.RegistryArgs;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.contracts.chain.SolvencyRegistryClient;
import dev.marginsim.contracts.chain.SolvencyRegistryClient.ProofArgs;
import dev.marginsim.contracts.chain.TxResult;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.verify.TransparentVerifier;
import dev.marginsim.prover.verify.VerificationException;
import dev.marginsim.testkit.Anvil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.web3j.utils.Numeric;

/**
 * Gas of SolvencyRegistry on a fresh anvil, printed as markdown: {@code publish} for 1, 3 and 8 assets
 * (the receipt's gasUsed, for a registry's first round and for a later one), and {@code verifyInclusion}
 * by depth and asset count, for proofs the Java verifier accepts ({@link SyntheticPath}). For the view
 * both {@code eth_estimateGas} and the exact gasUsed of the same call sent as a transaction are shown;
 * both include the 21,000 intrinsic gas and the calldata. Gas is deterministic: the same seed gives
 * the same table.
 *
 * <p>Run: {@code bench/run registry-gas [seed]}.
 */
public final class RegistryGasReport {
    private static final long DEFAULT_SEED = 20261125L;
    private static final int[] ASSET_COUNTS = {1, 3, 8};
    private static final int[] DEPTHS = {1, 4, 10, 20, 32};
    private static final int PUBLISH_DEPTH = 20; // publish costs the same at any depth
    private static final long START = 1_767_225_600L;
    /** The margin protocol the registry serves: any fixed address (gas does not depend on it). */
    private static final String PROTOCOL = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    private static final String[] FEEDS = {"ETH / USD", "BTC / USD", "SOL / USD", "LINK / USD", "ARB / USD", "OP / USD",
        "AVAX / USD"};
    private static final long[] PRICES_E8 = {3_000_00000000L, 60_000_00000000L, 150_00000000L, 15_00000000L, 80000000L,
        2_00000000L, 30_00000000L};
    private static final int[] DECIMALS = {18, 8, 9, 18, 18, 18, 18};

    private RegistryGasReport() {
    }

    public static void main(String[] args) throws VerificationException {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_SEED;
        System.out.println("SolvencyRegistry gas on anvil (seed " + seed + ")");
        try (Anvil anvil = Anvil.start(); Chain chain = Chain.connect(anvil.url())) {
            Signer operator = chain.signer(Anvil.DEV_KEY_0);
            SplittableRandom rnd = new SplittableRandom(seed);
            List<String> publishRows = new ArrayList<>();
            for (int n : ASSET_COUNTS) {
                SolvencyRegistryClient registry = deploy(chain, operator);
                long first = publish(registry, operator, SyntheticPath.proof(info(chain, n, 1), PUBLISH_DEPTH, rnd).round());
                long later = publish(registry, operator, SyntheticPath.proof(info(chain, n, 2), PUBLISH_DEPTH, rnd).round());
                publishRows.add("| " + n + " | " + fmt(first) + " | " + fmt(later) + " |");
            }
            long[][] used = new long[DEPTHS.length][ASSET_COUNTS.length];
            long[][] estimated = new long[DEPTHS.length][ASSET_COUNTS.length];
            int[][] calldata = new int[DEPTHS.length][ASSET_COUNTS.length];
            for (int a = 0; a < ASSET_COUNTS.length; a++) {
                SolvencyRegistryClient registry = deploy(chain, operator);
                for (int d = 0; d < DEPTHS.length; d++) {
                    InclusionProof proof = SyntheticPath.proof(info(chain, ASSET_COUNTS[a], d), DEPTHS[d], rnd);
                    TransparentVerifier.verifyInclusion(proof); // the Java verifier accepts it first
                    publish(registry, operator, proof.round());
                    ProofArgs call = RegistryArgs.proof(proof);
                    TxResult tx = registry.verifyInclusionInTransaction(operator, call);
                    if (!tx.success()) {
                        throw new IllegalStateException("verifyInclusion reverted: " + SolvencyRegistryClient.errorOf(tx));
                    }
                    used[d][a] = tx.receipt().getGasUsed().longValueExact();
                    estimated[d][a] = registry.estimateVerifyInclusionGas(call);
                    calldata[d][a] = Numeric.hexStringToByteArray(SolvencyRegistryClient.encodeVerifyInclusion(call)).length;
                }
            }
            print(publishRows, used, estimated, calldata);
        }
    }

    private static void print(List<String> publishRows, long[][] used, long[][] estimated, int[][] calldata) {
        System.out.println();
        System.out.println("`publish` (receipt gasUsed; the first round of a registry also sets its round counter from zero):");
        System.out.println();
        System.out.println("| assets | first round | later round |");
        System.out.println("|---:|---:|---:|");
        publishRows.forEach(System.out::println);
        System.out.println();
        System.out.println("`verifyInclusion` (gasUsed of the call sent as a transaction / eth_estimateGas; calldata bytes):");
        System.out.println();
        StringBuilder head = new StringBuilder("| depth |");
        StringBuilder rule = new StringBuilder("|---:|");
        for (int n : ASSET_COUNTS) {
            head.append(' ').append(n).append(n == 1 ? " asset" : " assets").append(" |");
            rule.append("---:|");
        }
        System.out.println(head);
        System.out.println(rule);
        for (int d = 0; d < DEPTHS.length; d++) {
            StringBuilder row = new StringBuilder("| " + DEPTHS[d] + " |");
            for (int a = 0; a < ASSET_COUNTS.length; a++) {
                row.append(' ').append(fmt(used[d][a])).append(" / ").append(fmt(estimated[d][a]))
                        .append(" (").append(fmt(calldata[d][a])).append(" B) |");
            }
            System.out.println(row);
        }
    }

    private static SolvencyRegistryClient deploy(Chain chain, Signer operator) {
        return SolvencyRegistryClient.deploy(chain, operator, operator.address(), PROTOCOL);
    }

    /** Publishes and checks the chain's round hash is the Java one; returns the receipt's gasUsed. */
    private static long publish(SolvencyRegistryClient registry, Signer operator, PublishedRound round) {
        TxResult tx = registry.publish(operator, RegistryArgs.publish(round));
        if (!tx.success()) {
            throw new IllegalStateException("publish reverted: " + SolvencyRegistryClient.errorOf(tx));
        }
        byte[] onChain = registry.publishedRoundHash(tx.receipt()).orElseThrow();
        if (!Arrays.equals(onChain, round.roundHash())) {
            throw new IllegalStateException("the chain's round hash is not the Java one");
        }
        return tx.receipt().getGasUsed().longValueExact();
    }

    /** A round of {@code n} assets (USDC, then the first n − 1 of FEEDS) with ample reserves, at block 1. */
    private static RoundInfo info(Chain chain, int n, long roundId) {
        List<RoundAsset> assets = new ArrayList<>(List.of(RoundAsset.settlement(BigInteger.TEN.pow(30))));
        List<PriceRound> rounds = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            assets.add(new RoundAsset(i, FEEDS[i - 1], PRICES_E8[i - 1], DECIMALS[i - 1], BigInteger.TEN.pow(30)));
            rounds.add(PriceRound.complete(FEEDS[i - 1], 1, PRICES_E8[i - 1], 8, START));
        }
        return new RoundInfo(chain.chainId(), Address.parse(PROTOCOL), roundId, new PriceSnapshot(1, START, rounds), assets);
    }

    private static String fmt(long v) {
        return String.format("%,d", v);
    }
}
