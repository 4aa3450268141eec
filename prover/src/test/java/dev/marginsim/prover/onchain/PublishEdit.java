package dev.marginsim.prover.onchain;

import dev.marginsim.contracts.chain.SolvencyRegistryClient.PublishArgs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A mutable copy of {@code publish}'s arguments, for sending ones that no valid Java round produces. */
final class PublishEdit {
    long roundId;
    long blockNumber;
    long timestamp;
    byte[] priceSnapshotHash;
    int[] assetIds;
    long[] pricesE8;
    int[] tokenDecimals;
    BigInteger[] reservesTokens;
    List<String> feeds;
    int depth;
    byte[] rootHash;
    long[] totals;

    static PublishEdit of(PublishArgs a) {
        PublishEdit e = new PublishEdit();
        e.roundId = a.roundId();
        e.blockNumber = a.blockNumber();
        e.timestamp = a.timestamp();
        e.priceSnapshotHash = a.priceSnapshotHash().clone();
        e.assetIds = a.assetIds().clone();
        e.pricesE8 = a.pricesE8().clone();
        e.tokenDecimals = a.tokenDecimals().clone();
        e.reservesTokens = a.reservesTokens().clone();
        e.feeds = new ArrayList<>(a.feeds());
        e.depth = a.depth();
        e.rootHash = a.rootHash().clone();
        e.totals = a.totals().clone();
        return e;
    }

    PublishArgs toArgs() {
        return new PublishArgs(roundId, blockNumber, timestamp, priceSnapshotHash, assetIds, pricesE8, tokenDecimals,
                reservesTokens, List.copyOf(feeds), depth, rootHash, totals);
    }
}
