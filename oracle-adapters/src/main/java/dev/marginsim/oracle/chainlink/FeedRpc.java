package dev.marginsim.oracle.chainlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.http.HttpService;

/**
 * A JSON-RPC connection for reading feeds. Single calls go through web3j; many calls go out as one
 * raw JSON-RPC batch (one HTTP round trip), which web3j's own batch path makes several times slower
 * for small calls. Unlike {@code dev.marginsim.contracts.chain.Chain.callBatch} (one target, latest
 * block, protocol reverts only), a feed batch mixes targets and methods, pins a block, and hands
 * back every revert with its raw data: a reverting {@code getRoundData} is a gap in history, not an
 * error.
 */
public final class FeedRpc implements AutoCloseable {
    /** Requests per HTTP batch; larger batches are split (nodes cap batch sizes, anvil at none). */
    public static final int MAX_BATCH = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final HttpClient http;
    private final Web3j web3j;

    private FeedRpc(String url, HttpClient http, Web3j web3j) {
        this.url = url;
        this.http = http;
        this.web3j = web3j;
    }

    /** Connects and checks that {@code url} answers JSON-RPC; {@link FeedException.Unreachable} if not. */
    public static FeedRpc connect(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new FeedException.Unreachable(url, "not a URL", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new FeedException.Unreachable(url, "not an http(s) URL", null);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        OkHttpClient ok = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).build();
        FeedRpc rpc = new FeedRpc(url, http, Web3j.build(new HttpService(url, ok)));
        try {
            rpc.batch(List.of(request("eth_chainId")));
        } catch (FeedException e) {
            rpc.close();
            throw e;
        }
        return rpc;
    }

    public String url() {
        return url;
    }

    /** The WebSocket URL of the same node (anvil serves ws on its http port). */
    public String webSocketUrl() {
        return url.replaceFirst("^http", "ws");
    }

    public Web3j web3j() {
        return web3j;
    }

    /** One call through web3j at {@code block}; a revert comes back as {@link CallResult.Reverted}. */
    public CallResult call(EthCall call, DefaultBlockParameter block) {
        try {
            var result = web3j.ethCall(Transaction.createEthCallTransaction(null, call.to(), call.data()), block).send();
            if (result.hasError()) {
                String data = result.getError().getData();
                return new CallResult.Reverted(data == null ? "0x" : data.replace("\"", ""),
                        result.getError().getMessage());
            }
            return new CallResult.Returned(result.getValue() == null ? "0x" : result.getValue());
        } catch (IOException e) {
            throw new FeedException.Unreachable(url, e.toString(), e);
        }
    }

    /** Many calls at one block ("latest" or 0x-hex number), in as few round trips as {@link #MAX_BATCH} allows. */
    public List<CallResult> calls(List<EthCall> calls, String blockTag) {
        List<ObjectNode> requests = new ArrayList<>(calls.size());
        for (EthCall c : calls) {
            requests.add(ethCallRequest(c, blockTag));
        }
        List<JsonNode> responses = batch(requests);
        List<CallResult> out = new ArrayList<>(responses.size());
        for (JsonNode r : responses) {
            out.add(toCallResult(r));
        }
        return out;
    }

    /** Whether {@code address} holds contract code at the latest block. */
    public boolean hasCode(String address) {
        JsonNode r = batch(List.of(request("eth_getCode", address, "latest"))).get(0);
        String code = result(r, "eth_getCode").asText();
        return code.length() > 2;
    }

    /** The latest block's number and timestamp. */
    public BlockRef latestBlock() {
        return block(batch(List.of(request("eth_getBlockByNumber", "latest", false))).get(0));
    }

    static BlockRef block(JsonNode response) {
        JsonNode b = result(response, "eth_getBlockByNumber");
        return new BlockRef(quantity(b.path("number").asText()), quantity(b.path("timestamp").asText()));
    }

    /** A block's number and timestamp (unix seconds). */
    public record BlockRef(long number, long timestamp) {
        /** The block as a JSON-RPC block tag. */
        public String tag() {
            return "0x" + Long.toHexString(number);
        }
    }

    static ObjectNode ethCallRequest(EthCall c, String blockTag) {
        ObjectNode r = request("eth_call");
        ArrayNode params = (ArrayNode) r.get("params");
        ObjectNode tx = params.addObject();
        if (c.to() != null) {
            tx.put("to", c.to());
        }
        tx.put("data", c.data());
        params.add(blockTag);
        return r;
    }

    static ObjectNode request(String method, Object... params) {
        ObjectNode r = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        ArrayNode p = r.putArray("params");
        for (Object o : params) {
            p.add(JSON.valueToTree(o));
        }
        return r;
    }

    static CallResult toCallResult(JsonNode response) {
        JsonNode error = response.get("error");
        if (error != null) {
            String data = error.path("data").isTextual() ? error.path("data").asText() : "0x";
            return new CallResult.Reverted(data, error.path("message").asText());
        }
        return new CallResult.Returned(response.path("result").asText("0x"));
    }

    static JsonNode result(JsonNode response, String method) {
        if (response.has("error")) {
            throw new IllegalStateException(method + " failed: " + response.get("error").path("message").asText());
        }
        return response.path("result");
    }

    static long quantity(String hex) {
        return new BigInteger(hex.substring(2), 16).longValueExact();
    }

    /**
     * Sends {@code requests} as JSON-RPC batches and returns their responses in request order (ids
     * are assigned here). Transport failures throw {@link FeedException.Unreachable}.
     */
    public List<JsonNode> batch(List<ObjectNode> requests) {
        List<JsonNode> out = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += MAX_BATCH) {
            out.addAll(sendBatch(requests.subList(from, Math.min(requests.size(), from + MAX_BATCH))));
        }
        return out;
    }

    private List<JsonNode> sendBatch(List<ObjectNode> requests) {
        ArrayNode array = JSON.createArrayNode();
        for (int i = 0; i < requests.size(); i++) {
            array.add(requests.get(i).deepCopy().put("id", i));
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(array))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FeedException.Unreachable(url, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException.Unreachable(url, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new FeedException.Unreachable(url, "HTTP status " + response.statusCode(), null);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FeedException.Unreachable(url, "the answer is not JSON", e);
        }
        if (!body.isArray() || body.size() != requests.size()) {
            throw new FeedException.Unreachable(url, "the answer is not a JSON-RPC batch response: "
                    + abbreviate(response.body()), null);
        }
        JsonNode[] ordered = new JsonNode[requests.size()];
        for (JsonNode item : body) {
            int id = item.path("id").asInt(-1);
            if (id < 0 || id >= ordered.length || ordered[id] != null) {
                throw new FeedException.Unreachable(url, "a batch response with a bad id: " + abbreviate(item.toString()), null);
            }
            ordered[id] = item;
        }
        return List.of(ordered);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
