package dev.marginsim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Drives an anvil node as fast as it goes: transactions signed ahead are sent back to back as raw
 * JSON-RPC batches over a few kept-alive HTTP connections at once, then mined on demand, and receipts are polled
 * in batches without delay. A segment is the transactions of one block time: they go into the pool
 * together and are mined (into as many blocks as their gas needs) before the clock moves. Mining on
 * demand, not on arrival, is what keeps the order: a JSON-RPC batch is not handled in order, but the
 * pool orders by gas price, and {@link #gasPrice} gives each transaction of a run a lower price than
 * the one before it. The driver checks from the receipts that they were mined in the order sent,
 * since the engine replays them in that order.
 */
final class AnvilDriver implements AutoCloseable {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bounds every wait: a segment whose receipts are not all in within this fails the run. */
    private static final long RECEIPT_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Sends per HTTP request (-Dmarginsim.bench.sendBatch): large batches keep anvil busy without one huge body. */
    private static final int SEND_BATCH = Integer.getInteger("marginsim.bench.sendBatch", 256);

    /**
     * Concurrent send requests per segment (-Dmarginsim.bench.sendStreams): anvil handles the elements
     * of one batch one after another with waits between them, so it goes faster with several requests
     * in flight; measured here, sending took 1.35 s with 1 stream, 0.45 s with 2, 0.39 s with 4, no
     * less with 8 or 16.
     */
    private final int streams = Integer.getInteger("marginsim.bench.sendStreams", 4);
    private final java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(
            streams, r -> {
                Thread t = new Thread(r, "anvil-sender");
                t.setDaemon(true);
                return t;
            });
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(120, TimeUnit.SECONDS).build();
    private final String url;
    private int nextId;
    final java.util.concurrent.atomic.AtomicLong requestCount = new java.util.concurrent.atomic.AtomicLong();
    long receiptPolls;
    long mines;
    long sendNanos;
    long mineNanos;
    long reverted;

    /** Takes over a node that was automining (deployment): from now on blocks are mined on demand. */
    AnvilDriver(String url) {
        this.url = url;
        call("evm_setAutomine", JSON.createArrayNode().add(false));
    }

    /** Forgets the counters of a previous run (a warm-up). */
    void reset() {
        requestCount.set(0);
        receiptPolls = 0;
        reverted = 0;
        mines = 0;
        sendNanos = 0;
        mineNanos = 0;
    }

    /** Gas price of the {@code rank}-th transaction of a run of {@code count}: strictly falling, above the base fee. */
    static java.math.BigInteger gasPrice(int rank, int count) {
        return java.math.BigInteger.valueOf(100_000_000_000L + (count - rank));
    }

    /** What one run of the driver saw. */
    record Result(long nanos, int transactions, long reverted, long requests, long receiptPolls, long blocks, List<String> hashes) {
    }

    /**
     * Runs the plan: each element is a signed transaction (hex String) or a block time (Long) at
     * which the following transactions are mined. Returns when every transaction is mined.
     */
    Result run(List<Object> plan) {
        List<String> all = new ArrayList<>();
        List<String> segment = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Object step : plan) {
            if (step instanceof Long timestamp) {
                all.addAll(mineSegment(segment));
                segment.clear();
                call("evm_setNextBlockTimestamp", JSON.createArrayNode().add(timestamp));
            } else {
                segment.add((String) step);
            }
        }
        all.addAll(mineSegment(segment));
        return new Result(System.nanoTime() - t0, all.size(), reverted, requestCount.get(), receiptPolls, mines, all);
    }

    /** Sends a segment's transactions back to back, then polls until every one has a receipt. */
    private List<String> mineSegment(List<String> signed) {
        // The segment in up to `streams` contiguous batches sent at once on as many connections: the
        // pool orders by gas price, so arrival order does not matter (and the receipts check it).
        List<ArrayNode> batches = new ArrayList<>();
        int per = Math.max(1, Math.min(SEND_BATCH, (signed.size() + streams - 1) / streams));
        for (int from = 0; from < signed.size(); from += per) {
            ArrayNode batch = JSON.createArrayNode();
            for (String tx : signed.subList(from, Math.min(signed.size(), from + per))) {
                batch.add(request("eth_sendRawTransaction", JSON.createArrayNode().add(tx)));
            }
            batches.add(batch);
        }
        long t = System.nanoTime();
        List<java.util.concurrent.Future<JsonNode>> answers = new ArrayList<>();
        for (ArrayNode batch : batches) {
            answers.add(senders.submit(() -> post(batch)));
        }
        List<String> hashes = new ArrayList<>(signed.size());
        try {
            for (java.util.concurrent.Future<JsonNode> answer : answers) {
                for (JsonNode r : answer.get(120, TimeUnit.SECONDS)) {
                    hashes.add(result(r).asText());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("sending to anvil failed: " + e.getMessage(), e);
        }
        sendNanos += System.nanoTime() - t;
        if (!hashes.isEmpty()) {
            awaitReceipts(hashes);
        }
        return hashes;
    }

    private void awaitReceipts(List<String> hashes) {
        long deadline = System.nanoTime() + RECEIPT_DEADLINE_NANOS;
        JsonNode[] receipts = new JsonNode[hashes.size()];
        int missing = hashes.size();
        while (missing > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(missing + " transactions not mined within 60 s");
            }
            long t = System.nanoTime();
            call("evm_mine", JSON.createArrayNode()); // a block holds what its gas limit allows; mine until all are in
            mineNanos += System.nanoTime() - t;
            mines++;
            ArrayNode batch = JSON.createArrayNode();
            List<Integer> asked = new ArrayList<>();
            for (int i = 0; i < receipts.length; i++) {
                if (receipts[i] == null) {
                    batch.add(request("eth_getTransactionReceipt", JSON.createArrayNode().add(hashes.get(i))));
                    asked.add(i);
                }
            }
            receiptPolls++;
            JsonNode answers = post(batch);
            for (int k = 0; k < answers.size(); k++) {
                JsonNode receipt = result(answers.get(k));
                if (!receipt.isNull()) {
                    receipts[asked.get(k)] = receipt;
                    missing--;
                }
            }
        }
        long lastBlock = -1;
        long lastIndex = -1;
        for (int i = 0; i < receipts.length; i++) {
            JsonNode r = receipts[i];
            long block = Long.decode(r.get("blockNumber").asText());
            long index = Long.decode(r.get("transactionIndex").asText());
            if (block < lastBlock || (block == lastBlock && index <= lastIndex)) {
                throw new IllegalStateException("transaction " + hashes.get(i) + " was mined out of the order sent"
                        + " (block " + block + ", index " + index + ")");
            }
            lastBlock = block;
            lastIndex = index;
            if (!"0x1".equals(r.get("status").asText())) {
                reverted++;
            }
        }
    }

    private JsonNode call(String method, ArrayNode params) {
        return result(post(request(method, params)));
    }

    private ObjectNode request(String method, ArrayNode params) {
        ObjectNode r = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", nextId++).put("method", method);
        r.set("params", params);
        return r;
    }

    private static JsonNode result(JsonNode response) {
        JsonNode error = response.get("error");
        if (error != null) {
            throw new IllegalStateException("anvil refused a request: " + error);
        }
        return response.get("result");
    }

    /** One HTTP round trip; a batch's answers are put back in request order (JSON-RPC allows any order). */
    private JsonNode post(JsonNode body) {
        requestCount.incrementAndGet();
        try {
            Request request = new Request.Builder().url(url)
                    .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();
            try (Response response = http.newCall(request).execute()) {
                JsonNode answer = JSON.readTree(response.body().byteStream());
                if (!body.isArray()) {
                    return answer;
                }
                ArrayNode ordered = JSON.createArrayNode();
                int first = body.get(0).get("id").asInt();
                JsonNode[] byId = new JsonNode[body.size()];
                for (JsonNode a : answer) {
                    byId[a.get("id").asInt() - first] = a;
                }
                for (JsonNode a : byId) {
                    ordered.add(a);
                }
                return ordered;
            }
        } catch (IOException e) {
            throw new IllegalStateException("anvil request failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
