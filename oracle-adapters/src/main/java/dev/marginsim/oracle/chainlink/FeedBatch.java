package dev.marginsim.oracle.chainlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads many feeds at once: one JSON-RPC batch holds the block header and every feed's
 * {@code latestRoundData}, all pinned to the same block number, so the rounds form a consistent
 * {@link PriceSnapshot} (no feed read a block later than another).
 */
public final class FeedBatch {
    private FeedBatch() {
    }

    /** The latest round of every feed at the current head block (resolved first, then pinned). */
    public static PriceSnapshot snapshot(FeedRpc rpc, List<ChainlinkFeed> feeds) {
        return snapshotAt(rpc, feeds, rpc.latestBlock().number());
    }

    /** The latest round of every feed as of {@code blockNumber}, in one batch. */
    public static PriceSnapshot snapshotAt(FeedRpc rpc, List<ChainlinkFeed> feeds, long blockNumber) {
        if (blockNumber < 0) {
            throw new IllegalArgumentException("block number is unsigned: " + blockNumber);
        }
        String tag = "0x" + Long.toHexString(blockNumber);
        List<ObjectNode> requests = new ArrayList<>(feeds.size() + 1);
        requests.add(FeedRpc.request("eth_getBlockByNumber", tag, false));
        for (ChainlinkFeed f : feeds) {
            requests.add(FeedRpc.ethCallRequest(f.latestCall(), tag));
        }
        List<JsonNode> responses = rpc.batch(requests);
        if (responses.get(0).path("result").isNull()) {
            throw new IllegalArgumentException("the node has no block " + blockNumber);
        }
        FeedRpc.BlockRef block = FeedRpc.block(responses.get(0));
        List<PriceRound> rounds = new ArrayList<>(feeds.size());
        for (int i = 0; i < feeds.size(); i++) {
            rounds.add(feeds.get(i).latestRoundResult(FeedRpc.toCallResult(responses.get(i + 1))));
        }
        return new PriceSnapshot(block.number(), block.timestamp(), rounds);
    }
}
