package dev.marginsim.contracts.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Publishes rounds to, and checks inclusion proofs against, one deployed {@code SolvencyRegistry}
 * (docs/proofs.md §15). Arguments are plain values as the contract takes them; uint64 quantities are
 * carried in a {@code long}'s bits (read unsigned), so a test can pass values above 2^63 − 1 too.
 * Failures come back as the registry's named {@link RegistryError}, never as a boolean.
 */
public final class SolvencyRegistryClient {
    private static final String ROUND_PUBLISHED_TOPIC =
            Hash.sha3String("RoundPublished(uint64,bytes32,bytes32,bytes32,uint64)");

    private final Chain chain;
    private final String address;

    public SolvencyRegistryClient(Chain chain, String address) {
        this.chain = chain;
        this.address = address;
    }

    /** Deploys a registry for {@code protocol} whose rounds only {@code operator} may publish. */
    public static SolvencyRegistryClient deploy(Chain chain, Signer from, String operator, String protocol) {
        String registry = chain.deploy(from, Artifacts.bytecode("SolvencyRegistry")
                + FunctionEncoder.encodeConstructor(List.of(new Address(operator), new Address(protocol))));
        return new SolvencyRegistryClient(chain, registry);
    }

    public String address() {
        return address;
    }

    /** The arguments of {@code publish}, one entry per asset in the per-asset arrays. */
    public record PublishArgs(long roundId, long blockNumber, long timestamp, byte[] priceSnapshotHash, int[] assetIds,
            long[] pricesE8, int[] tokenDecimals, BigInteger[] reservesTokens, List<String> feeds, int depth,
            byte[] rootHash, long[] totals) {
    }

    /** The arguments of {@code verifyInclusion}; {@code siblingSums} is flattened, entry {@code level·c + k}. */
    public record ProofArgs(long roundId, String account, byte[] salt, long[] balances, long index,
            List<byte[]> siblingHashes, long[] siblingSums) {
    }

    /** What {@code getRound} returns. */
    public record StoredRound(byte[] roundHash, byte[] rootHash, byte[] priceSnapshotHash, long blockNumber,
            long timestamp, int depth, long[] totals, long[] pricesE8) {
    }

    /** The outcome of an {@code eth_call}: the returned data, or the registry error it reverted with. */
    public record CallResult(String returned, Optional<RegistryError> error) {
        public boolean ok() {
            return returned != null;
        }
    }

    // ---- encoders --------------------------------------------------------------------------------

    public static String encodePublish(PublishArgs a) {
        List<Uint8> ids = new ArrayList<>();
        List<Uint64> prices = new ArrayList<>();
        List<Uint8> decimals = new ArrayList<>();
        List<Uint256> reserves = new ArrayList<>();
        List<Utf8String> feeds = new ArrayList<>();
        Arrays.stream(a.assetIds()).forEach(v -> ids.add(new Uint8(v)));
        Arrays.stream(a.pricesE8()).forEach(v -> prices.add(uint64(v)));
        Arrays.stream(a.tokenDecimals()).forEach(v -> decimals.add(new Uint8(v)));
        Arrays.stream(a.reservesTokens()).forEach(v -> reserves.add(new Uint256(v)));
        a.feeds().forEach(f -> feeds.add(new Utf8String(f)));
        return encode("publish", uint64(a.roundId()), uint64(a.blockNumber()), uint64(a.timestamp()),
                new Bytes32(a.priceSnapshotHash()), new DynamicArray<>(Uint8.class, ids),
                new DynamicArray<>(Uint64.class, prices), new DynamicArray<>(Uint8.class, decimals),
                new DynamicArray<>(Uint256.class, reserves), new DynamicArray<>(Utf8String.class, feeds),
                new Uint8(a.depth()), new Bytes32(a.rootHash()), uint64s(a.totals()));
    }

    public static String encodeVerifyInclusion(ProofArgs p) {
        List<Bytes32> hashes = p.siblingHashes().stream().map(Bytes32::new).toList();
        return encode("verifyInclusion", uint64(p.roundId()), new Address(p.account()), new Bytes32(p.salt()),
                uint64s(p.balances()), uint64(p.index()), new DynamicArray<>(Bytes32.class, hashes),
                uint64s(p.siblingSums()));
    }

    // ---- writes ----------------------------------------------------------------------------------

    /** Sends {@code publish}; a revert is in the result (decode it with {@link #errorOf}). */
    public TxResult publish(Signer from, PublishArgs args) {
        return chain.send(from, address, encodePublish(args));
    }

    /**
     * Sends {@code verifyInclusion} as a transaction (it changes nothing): its receipt's {@code gasUsed}
     * is the exact cost, where {@code eth_estimateGas} may stop its search a little above it.
     */
    public TxResult verifyInclusionInTransaction(Signer from, ProofArgs proof) {
        return chain.send(from, address, encodeVerifyInclusion(proof));
    }

    /** The registry error a mined transaction reverted with, if it is one. */
    public static Optional<RegistryError> errorOf(TxResult r) {
        return r.success() ? Optional.empty() : RegistryError.decode(r.revertData());
    }

    /** The round hash of the {@code RoundPublished} event in {@code receipt}, if there is one. */
    public Optional<byte[]> publishedRoundHash(TransactionReceipt receipt) {
        for (Log log : receipt.getLogs()) {
            if (log.getAddress().equalsIgnoreCase(address) && !log.getTopics().isEmpty()
                    && log.getTopics().get(0).equalsIgnoreCase(ROUND_PUBLISHED_TOPIC)) {
                byte[] data = Numeric.hexStringToByteArray(log.getData());
                return Optional.of(Arrays.copyOfRange(data, 0, 32)); // the first non-indexed field
            }
        }
        return Optional.empty();
    }

    // ---- reads -----------------------------------------------------------------------------------

    /** {@code publish} as an {@code eth_call} from {@code from}: the round hash it would return, or its error. */
    public CallResult callPublish(String from, PublishArgs args) {
        return call(from, encodePublish(args));
    }

    /** Empty when the proof holds on chain; else the error {@code verifyInclusion} reverted with. */
    public Optional<RegistryError> verifyInclusion(ProofArgs proof) {
        CallResult r = call(null, encodeVerifyInclusion(proof));
        if (r.ok()) {
            return Optional.empty();
        }
        return Optional.of(r.error().orElseThrow(() -> new ChainException("verifyInclusion failed without a registry error")));
    }

    /** {@code eth_estimateGas} of {@code verifyInclusion} sent as a transaction (intrinsic and calldata gas included). */
    public long estimateVerifyInclusionGas(ProofArgs proof) {
        try {
            EthEstimateGas g = chain.web3j().ethEstimateGas(Transaction.createEthCallTransaction(null, address,
                    encodeVerifyInclusion(proof))).send();
            if (g.hasError()) {
                throw new ChainException("eth_estimateGas of verifyInclusion failed: " + g.getError().getMessage()
                        + RegistryError.decode(g.getError().getData()).map(e -> " " + e).orElse(""));
            }
            return g.getAmountUsed().longValueExact();
        } catch (IOException e) {
            throw new ChainException("eth_estimateGas failed: " + e.getMessage(), e);
        }
    }

    /** A published round; the registry's {@code UnknownRound} error as a {@link RegistryErrorException}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public StoredRound getRound(long roundId) {
        CallResult r = call(null, encode("getRound", uint64(roundId)));
        if (!r.ok()) {
            throw new RegistryErrorException(r.error().orElseThrow(() -> new ChainException("getRound failed")));
        }
        List<TypeReference<Type>> outputs = (List) List.of(new TypeReference<Bytes32>() { }, new TypeReference<Bytes32>() { },
                new TypeReference<Bytes32>() { }, new TypeReference<Uint64>() { }, new TypeReference<Uint64>() { },
                new TypeReference<Uint8>() { }, new TypeReference<DynamicArray<Uint64>>() { },
                new TypeReference<DynamicArray<Uint64>>() { });
        List<Type> out = FunctionReturnDecoder.decode(r.returned(), outputs);
        return new StoredRound((byte[]) out.get(0).getValue(), (byte[]) out.get(1).getValue(),
                (byte[]) out.get(2).getValue(), longOf(out.get(3)), longOf(out.get(4)),
                ((BigInteger) out.get(5).getValue()).intValueExact(), longsOf(out.get(6)), longsOf(out.get(7)));
    }

    public long latestRoundId() {
        return readUint64("latestRoundId");
    }

    public long roundCount() {
        return readUint64("roundCount");
    }

    /** A registry error thrown by a read that has no value to return instead. */
    public static final class RegistryErrorException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RegistryError error;

        public RegistryErrorException(RegistryError error) {
            super("SolvencyRegistry reverted: " + error);
            this.error = error;
        }

        public RegistryError error() {
            return error;
        }
    }

    // ---- plumbing --------------------------------------------------------------------------------

    private long readUint64(String view) {
        CallResult r = call(null, encode(view));
        if (!r.ok()) {
            throw new ChainException(view + "() reverted");
        }
        return new BigInteger(Numeric.cleanHexPrefix(r.returned()), 16).longValue();
    }

    /**
     * One {@code eth_call} at the latest block. {@link Chain#call} decodes only the margin protocol's
     * errors, so the revert data is read here.
     */
    private CallResult call(String from, String data) {
        try {
            EthCall result = chain.web3j().ethCall(Transaction.createEthCallTransaction(from, address, data),
                    DefaultBlockParameterName.LATEST).send();
            if (!result.hasError() && !result.isReverted()) {
                return new CallResult(result.getValue(), Optional.empty());
            }
            String revertData = result.getError() != null && result.getError().getData() != null
                    ? result.getError().getData() : result.getValue();
            Optional<RegistryError> error = RegistryError.decode(revertData);
            if (error.isEmpty()) {
                throw new ChainException("call to the registry failed: "
                        + (result.getError() != null ? result.getError().getMessage() : revertData));
            }
            return new CallResult(null, error);
        } catch (IOException e) {
            throw new ChainException("cannot call the registry at " + address + ": " + e.getMessage(), e);
        }
    }

    private static String encode(String name, Type... args) {
        return FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
    }

    private static Uint64 uint64(long v) {
        return new Uint64(new BigInteger(Long.toUnsignedString(v)));
    }

    private static DynamicArray<Uint64> uint64s(long[] values) {
        return new DynamicArray<>(Uint64.class, Arrays.stream(values).mapToObj(SolvencyRegistryClient::uint64).toList());
    }

    private static long longOf(Type<?> t) {
        return ((BigInteger) t.getValue()).longValue(); // uint64 into a long's bits
    }

    private static long[] longsOf(Type<?> array) {
        return ((DynamicArray<?>) array).getValue().stream().mapToLong(SolvencyRegistryClient::longOf).toArray();
    }
}
