package dev.marginsim.contracts.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.marginsim.core.ProtocolRevert;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * A connection to an Ethereum JSON-RPC node, tuned for driving a protocol as fast as the node goes:
 * transactions are signed locally with tracked nonces, sent raw, and their receipts fetched without
 * delay. The anvil-only methods (time, snapshots, balances, traces) are here too.
 */
public final class Chain implements AutoCloseable {
    /** Enough for any protocol operation; a fixed limit saves an estimateGas round trip per transaction. */
    public static final BigInteger GAS_LIMIT = BigInteger.valueOf(8_000_000);
    private static final long RECEIPT_WAIT_MS = 60_000;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final java.net.http.HttpClient rawHttp = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    private final String url;
    private final Web3j web3j;
    private final HttpService service;
    private final long chainId;
    private final BigInteger gasPrice;

    private Chain(String url, Web3j web3j, HttpService service, long chainId, BigInteger gasPrice) {
        this.url = url;
        this.web3j = web3j;
        this.service = service;
        this.chainId = chainId;
        this.gasPrice = gasPrice;
    }

    /** Connects and checks the node answers; a clear {@link ChainException} if it does not. */
    public static Chain connect(String url) {
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(120, TimeUnit.SECONDS).build();
        HttpService service = new HttpService(url, http);
        Web3j web3j = Web3j.build(service);
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO).max(BigInteger.ONE);
            return new Chain(url, web3j, service, chainId, gasPrice);
        } catch (IOException | RuntimeException e) {
            web3j.shutdown();
            throw new ChainException("cannot reach an Ethereum JSON-RPC node at " + url + ": " + e.getMessage(), e);
        }
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return chainId;
    }

    /** A signer for {@code privateKeyHex} starting at the key's current nonce on this chain. */
    public Signer signer(String privateKeyHex) {
        var credentials = org.web3j.crypto.Credentials.create(privateKeyHex);
        return new Signer(credentials, nonceOf(credentials.getAddress()));
    }

    public long nonceOf(String address) {
        try {
            return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount().longValueExact();
        } catch (IOException e) {
            throw new ChainException("cannot read the nonce of " + address, e);
        }
    }

    /** Signs and sends one transaction, then waits for its receipt; a revert is decoded, not thrown. */
    public TxResult send(Signer from, String to, String data) {
        return awaitResult(sendRaw(from.sign(chainId, to, data, BigInteger.ZERO, gasPrice, GAS_LIMIT)));
    }

    /** Sends plain ether (e.g. gas money for a fresh account); throws if it fails. */
    public void sendValue(Signer from, String to, BigInteger wei) {
        TxResult r = awaitResult(sendRaw(from.sign(chainId, to, "0x", wei, gasPrice, BigInteger.valueOf(21_000))));
        if (!r.success()) {
            throw new ChainException("sending ether to " + to + " failed");
        }
    }

    /** Signs a transaction now for sending later (pre-signed batches in benchmarks). */
    public String presign(Signer from, String to, String data) {
        return from.sign(chainId, to, data, BigInteger.ZERO, gasPrice, GAS_LIMIT);
    }

    /** Sends a signed transaction and returns its hash. */
    public String sendRaw(String signedHex) {
        try {
            EthSendTransaction sent = web3j.ethSendRawTransaction(signedHex).send();
            if (sent.hasError()) {
                throw new ChainException("transaction refused by the node: " + sent.getError().getMessage());
            }
            return sent.getTransactionHash();
        } catch (IOException e) {
            throw new ChainException("cannot send a transaction: " + e.getMessage(), e);
        }
    }

    /** Waits (bounded) for a receipt; on anvil with automine it is there at once. */
    public TxResult awaitResult(String txHash) {
        TransactionReceipt receipt = receipt(txHash);
        if (receipt.isStatusOK()) {
            return new TxResult(receipt, true, Optional.empty(), null);
        }
        String data = revertData(txHash);
        return new TxResult(receipt, false, RevertDecoder.decode(data), data);
    }

    public TransactionReceipt receipt(String txHash) {
        long deadline = System.currentTimeMillis() + RECEIPT_WAIT_MS;
        try {
            for (int attempt = 0; ; attempt++) {
                Optional<TransactionReceipt> r = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
                if (r.isPresent()) {
                    return r.get();
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new ChainException("no receipt for " + txHash + " within " + RECEIPT_WAIT_MS + " ms");
                }
                Thread.sleep(Math.min(50, attempt));
            }
        } catch (IOException e) {
            throw new ChainException("cannot read the receipt of " + txHash, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException("interrupted while waiting for " + txHash, e);
        }
    }

    /** Deploys {@code bytecodeHex} (constructor arguments appended) and returns the new address. */
    public String deploy(Signer from, String bytecodeHex) {
        TxResult r = send(from, null, bytecodeHex.startsWith("0x") ? bytecodeHex : "0x" + bytecodeHex);
        if (!r.success()) {
            throw new ChainException("deployment reverted" + r.revert().map(x -> ": " + x.solidityForm()).orElse(""));
        }
        return r.receipt().getContractAddress();
    }

    /** eth_call at the latest block; a protocol revert is thrown as {@link ProtocolRevert}. */
    public String call(String to, String data) {
        return call(to, data, LATEST);
    }

    /** The block tag of the chain's head, for the {@code blockTag} parameters. */
    public static final String LATEST = "latest";

    /** The JSON-RPC block tag of block {@code number} (a quantity, 0x-hex). */
    public static String blockTag(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("block numbers are never negative: " + number);
        }
        return "0x" + Long.toHexString(number);
    }

    private static DefaultBlockParameter blockParameter(String blockTag) {
        return blockTag.equals(LATEST) ? DefaultBlockParameterName.LATEST
                : DefaultBlockParameter.valueOf(org.web3j.utils.Numeric.decodeQuantity(blockTag));
    }

    /**
     * eth_call against the state after block {@code blockTag} ({@link #LATEST} or {@link #blockTag(long)}), so that
     * many reads describe one state even while blocks are being mined.
     */
    public String call(String to, String data, String blockTag) {
        try {
            EthCall result = web3j.ethCall(Transaction.createEthCallTransaction(null, to, data),
                    blockParameter(blockTag)).send();
            if (result.hasError() || result.isReverted()) {
                String revertData = result.getError() != null && result.getError().getData() != null
                        ? result.getError().getData() : result.getValue();
                Optional<ProtocolRevert> revert = RevertDecoder.decode(revertData);
                if (revert.isPresent()) {
                    throw revert.get();
                }
                throw new ChainException("call to " + to + " failed: "
                        + (result.getError() != null ? result.getError().getMessage() : revertData));
            }
            return result.getValue();
        } catch (IOException e) {
            throw new ChainException("cannot call " + to + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code address} holds contract code. */
    public boolean hasCode(String address) {
        try {
            String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
            return code != null && code.length() > 2;
        } catch (IOException e) {
            throw new ChainException("cannot read code at " + address, e);
        }
    }

    /** The number of the chain's head block. */
    public long blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new ChainException("cannot read the block number: " + e.getMessage(), e);
        }
    }

    /** The timestamp of block {@code number}; a block the node does not have is an error. */
    public long timestampOf(long number) {
        try {
            var block = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send().getBlock();
            if (block == null) {
                throw new ChainException("the node has no block " + number);
            }
            return block.getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new ChainException("cannot read block " + number + ": " + e.getMessage(), e);
        }
    }

    /**
     * The logs {@code address} emitted in blocks {@code 0..toBlock} whose first topic is one of
     * {@code topic0s}, in chain order.
     */
    public List<org.web3j.protocol.core.methods.response.Log> logs(String address, long toBlock, List<String> topic0s) {
        org.web3j.protocol.core.methods.request.EthFilter filter = new org.web3j.protocol.core.methods.request.EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.ZERO), DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), address);
        filter.addOptionalTopics(topic0s.toArray(String[]::new));
        try {
            var response = web3j.ethGetLogs(filter).send();
            if (response.hasError()) {
                throw new ChainException("eth_getLogs failed: " + response.getError().getMessage());
            }
            List<org.web3j.protocol.core.methods.response.Log> out = new ArrayList<>();
            for (var result : response.getLogs()) {
                out.add((org.web3j.protocol.core.methods.response.Log) result.get());
            }
            return out;
        } catch (IOException e) {
            throw new ChainException("cannot read logs of " + address + ": " + e.getMessage(), e);
        }
    }

    public long latestTimestamp() {
        try {
            return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                    .getBlock().getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new ChainException("cannot read the latest block", e);
        }
    }

    // ---- anvil test methods -------------------------------------------------------------------

    public void setNextBlockTimestamp(long timestamp) {
        rpc("evm_setNextBlockTimestamp", List.of(timestamp));
    }

    /** With 0, every new block keeps the previous block's time until the next setNextBlockTimestamp. */
    public void setBlockTimestampInterval(long seconds) {
        rpc("anvil_setBlockTimestampInterval", List.of(seconds));
    }

    /**
     * Runs {@code eth_call}s as one JSON-RPC batch (one round trip). Each result is the returned hex
     * or a {@link ProtocolRevert}; any other failure throws.
     */
    public List<Object> callBatch(String to, List<String> datas) {
        return callBatch(to, datas, LATEST);
    }

    /** {@link #callBatch(String, List)} against the state after block {@code blockTag}. */
    public List<Object> callBatch(String to, List<String> datas, String blockTag) {
        if (datas.isEmpty()) {
            return List.of();
        }
        // Raw JSON: web3j's batch path costs more than the node's work for small calls.
        com.fasterxml.jackson.databind.node.ArrayNode batch = JSON.createArrayNode();
        for (int i = 0; i < datas.size(); i++) {
            var call = batch.addObject().put("jsonrpc", "2.0").put("id", i).put("method", "eth_call");
            var params = call.putArray("params");
            params.addObject().put("to", to).put("data", datas.get(i));
            params.add(blockTag);
        }
        try {
            String body = JSON.writeValueAsString(batch);
            java.net.http.HttpResponse<String> response = rawHttp.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(url)).header("content-type", "application/json")
                            .timeout(java.time.Duration.ofSeconds(120))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            JsonNode array = JSON.readTree(response.body());
            Object[] out = new Object[datas.size()];
            for (JsonNode item : array) {
                int id = item.path("id").asInt();
                JsonNode error = item.get("error");
                if (error != null) {
                    String data = error.path("data").asText(null);
                    out[id] = RevertDecoder.decode(data).orElseThrow(() -> new ChainException(
                            "call failed: " + error.path("message").asText()));
                } else {
                    out[id] = item.path("result").asText();
                }
            }
            return java.util.Arrays.asList(out);
        } catch (IOException e) {
            throw new ChainException("batch call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChainException("interrupted during a batch call", e);
        }
    }

    /** Mines one empty block (anvil). */
    public void mine() {
        rpc("evm_mine", List.of());
    }

    public String snapshot() {
        return rpc("evm_snapshot", List.of()).asText();
    }

    public void revertTo(String snapshotId) {
        if (!rpc("evm_revert", List.of(snapshotId)).asBoolean()) {
            throw new ChainException("anvil refused to revert to snapshot " + snapshotId);
        }
    }

    public void setBalance(String address, BigInteger wei) {
        rpc("anvil_setBalance", List.of(address, "0x" + wei.toString(16)));
    }

    /** The return data of a mined failed transaction, from the node's default tracer. */
    public String revertData(String txHash) {
        try {
            JsonNode trace = rpc("debug_traceTransaction", List.of(txHash,
                    Map.of("disableStorage", true, "disableStack", true, "disableMemory", true)));
            JsonNode value = trace.get("returnValue");
            return value == null ? null : value.asText();
        } catch (ChainException e) {
            return null; // a node without debug_traceTransaction: the reason stays unknown
        }
    }

    JsonNode rpc(String method, List<?> params) {
        try {
            RawResponse r = new Request<>(method, params, service, RawResponse.class).send();
            if (r.hasError()) {
                throw new ChainException(method + " failed: " + r.getError().getMessage());
            }
            return r.getResult();
        } catch (IOException e) {
            throw new ChainException(method + " failed: " + e.getMessage(), e);
        }
    }

    /** A JSON-RPC response whose result is kept as a JSON tree. */
    public static final class RawResponse extends Response<JsonNode> {
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
