package dev.marginsim.prover.onchain;

import dev.marginsim.contracts.chain.SolvencyRegistryClient.ProofArgs;
import dev.marginsim.contracts.chain.SolvencyRegistryClient.PublishArgs;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The Java prover's round and proof as the registry's call arguments, and rounds moved onto a chain. */
final class OnChainForms {
    private OnChainForms() {
    }

    /** {@code publish} for a round the Java prover published. */
    static PublishArgs publishArgs(PublishedRound r) {
        RoundInfo info = r.info();
        List<RoundAsset> assets = info.assets();
        int n = assets.size();
        int[] ids = new int[n];
        long[] prices = new long[n];
        int[] decimals = new int[n];
        BigInteger[] reserves = new BigInteger[n];
        List<String> feeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RoundAsset a = assets.get(i);
            ids[i] = a.assetId();
            prices[i] = a.priceE8();
            decimals[i] = a.tokenDecimals();
            reserves[i] = a.reservesTokens();
            feeds.add(a.feed());
        }
        return new PublishArgs(info.roundId(), info.blockNumber(), info.timestamp(), info.prices().hash(), ids, prices,
                decimals, reserves, feeds, r.depth(), r.rootHash(), r.totals());
    }

    /** {@code verifyInclusion} for a proof, against the round id its round carries. */
    static ProofArgs proofArgs(InclusionProof p) {
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

    /** {@code round} as the round {@code roundId} of the protocol at {@code protocol} on chain {@code chainId}. */
    static Round onChain(Round round, long chainId, String protocol, long roundId) {
        RoundInfo i = round.info();
        RoundInfo moved = new RoundInfo(chainId, dev.marginsim.prover.snapshot.Address.parse(protocol), roundId,
                i.prices(), i.assets());
        return new Round(moved, round.accounts());
    }

    /** The same round under another id (its hash changes; its tree does not need to). */
    static PublishedRound withRoundId(PublishedRound r, long roundId) {
        RoundInfo i = r.info();
        return new PublishedRound(new RoundInfo(i.chainId(), i.protocol(), roundId, i.prices(), i.assets()), r.depth(),
                r.rootHash(), r.totals());
    }
}
