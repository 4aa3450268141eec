package dev.marginsim.oracle.chainlink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marginsim.contracts.chain.Artifacts;
import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * Reads many rounds of many feeds with the deployless {@code RoundBatchReader} contract: each
 * {@code eth_call} (no {@code to}, the reader's creation code as data) runs up to
 * {@link #PER_CALL} {@code getRoundData}/{@code latestRoundData} calls inside the EVM, and all those
 * {@code eth_call}s go out as one JSON-RPC batch. Nothing is deployed, so it works on any node.
 *
 * <p>Against a JSON-RPC batch of one {@code eth_call} per round, it saves the node the per-call
 * set-up (a fresh EVM, state lookups, JSON encoding) for every round but one in 128. Its one
 * limit: a round whose call reverts and one that returns something other than five words both read
 * as "no such round"; {@link ChainlinkFeed#rounds} tells them apart.
 */
public final class RoundBatchReader {
    /** Entries per eth_call: 128 × 192 bytes is exactly the EIP-170 code size limit. */
    public static final int PER_CALL = 128;
    private static final int ENTRY = 192;
    private static final BigInteger LATEST = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final String CODE = Artifacts.bytecode("RoundBatchReader");

    private RoundBatchReader() {
    }

    /** One read: a feed and a round id, or the feed's latest round if {@code roundId} is empty. */
    public record Request(ChainlinkFeed feed, Optional<BigInteger> roundId) {
        public static Request round(ChainlinkFeed feed, BigInteger roundId) {
            return new Request(feed, Optional.of(roundId));
        }

        public static Request latest(ChainlinkFeed feed) {
            return new Request(feed, Optional.empty());
        }
    }

    /** Rounds of one feed, in order; empty where the feed has no such round. */
    public static List<Optional<PriceRound>> rounds(ChainlinkFeed feed, List<BigInteger> roundIds) {
        List<Request> requests = new ArrayList<>(roundIds.size());
        for (BigInteger id : roundIds) {
            requests.add(Request.round(feed, id));
        }
        return read(feed.rpc(), requests, "latest");
    }

    /** Every request, at one block, in one JSON-RPC batch of ⌈n / 128⌉ calls. */
    public static List<Optional<PriceRound>> read(FeedRpc rpc, List<Request> requests, String blockTag) {
        List<ObjectNode> calls = new ArrayList<>();
        for (int from = 0; from < requests.size(); from += PER_CALL) {
            List<Request> chunk = requests.subList(from, Math.min(requests.size(), from + PER_CALL));
            List<Address> feeds = new ArrayList<>(chunk.size());
            List<Uint256> ids = new ArrayList<>(chunk.size());
            for (Request r : chunk) {
                feeds.add(new Address(r.feed().address()));
                ids.add(new Uint256(r.roundId().orElse(LATEST)));
            }
            String data = CODE + FunctionEncoder.encodeConstructor(List.of(
                    new DynamicArray<>(Address.class, feeds), new DynamicArray<>(Uint256.class, ids)));
            calls.add(FeedRpc.ethCallRequest(new EthCall(null, data), blockTag));
        }
        List<Optional<PriceRound>> out = new ArrayList<>(requests.size());
        var responses = rpc.batch(calls);
        for (int c = 0; c < responses.size(); c++) {
            CallResult result = FeedRpc.toCallResult(responses.get(c));
            if (result instanceof CallResult.Reverted r) {
                throw new FeedException.Unreachable(rpc.url(), "the node refused a deployless read: " + r.message(), null);
            }
            byte[] bytes = Numeric.hexStringToByteArray(((CallResult.Returned) result).hex());
            int count = Math.min(PER_CALL, requests.size() - c * PER_CALL);
            if (bytes.length != count * ENTRY) {
                throw new FeedException.Unreachable(rpc.url(), "a deployless read returned " + bytes.length
                        + " bytes for " + count + " rounds", null);
            }
            for (int i = 0; i < count; i++) {
                ChainlinkFeed feed = requests.get(c * PER_CALL + i).feed();
                byte[] entry = Arrays.copyOfRange(bytes, i * ENTRY, (i + 1) * ENTRY);
                if (entry[31] != 1) {
                    out.add(Optional.empty());
                } else {
                    out.add(feed.roundResult(new CallResult.Returned(
                            Numeric.toHexString(Arrays.copyOfRange(entry, 32, ENTRY)))));
                }
            }
        }
        return out;
    }
}
