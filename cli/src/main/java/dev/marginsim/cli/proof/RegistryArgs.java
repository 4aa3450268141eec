package dev.marginsim.cli.proof;

import dev.marginsim.contracts.chain.SolvencyRegistryClient.ProofArgs;
import dev.marginsim.contracts.chain.SolvencyRegistryClient.PublishArgs;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The Java prover's round and proof as SolvencyRegistry call arguments (docs/proofs.md §15). */
public final class RegistryArgs {
    private RegistryArgs() {
    }

    public static PublishArgs publish(PublishedRound r) {
        RoundInfo info = r.info();
        int n = info.assets().size();
        int[] ids = new int[n];
        long[] prices = new long[n];
        int[] decimals = new int[n];
        BigInteger[] reserves = new BigInteger[n];
        List<String> feeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RoundAsset a = info.assets().get(i);
            ids[i] = a.assetId();
            prices[i] = a.priceE8();
            decimals[i] = a.tokenDecimals();
            reserves[i] = a.reservesTokens();
            feeds.add(a.feed());
        }
        return new PublishArgs(info.roundId(), info.blockNumber(), info.timestamp(), info.prices().hash(), ids, prices,
                decimals, reserves, feeds, r.depth(), r.rootHash(), r.totals());
    }

    public static ProofArgs proof(InclusionProof p) {
        int c = p.round().info().columns();
        List<byte[]> hashes = new ArrayList<>();
        long[] sums = new long[p.pathLength() * c];
        for (int level = 0; level < p.pathLength(); level++) {
            hashes.add(p.siblingHash(level));
            System.arraycopy(p.siblingSums(level), 0, sums, level * c, c);
        }
        return new ProofArgs(p.round().info().roundId(), p.account().toString(), p.salt(), p.balances(), p.index(),
                hashes, sums);
    }
}
