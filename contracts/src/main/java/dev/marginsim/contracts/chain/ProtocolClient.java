package dev.marginsim.contracts.chain;

import dev.marginsim.core.AssetRisk;
import dev.marginsim.core.MarketParams;
import dev.marginsim.core.OracleConfig;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int64;
import org.web3j.abi.datatypes.generated.StaticArray8;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Reads and writes one deployed {@code MarginProtocol} (docs/protocol.md §11). Every write returns a
 * {@link TxResult}; every read returns plain longs in the protocol's units. The encoders are public so
 * benchmarks can sign whole sequences ahead of time.
 */
public final class ProtocolClient {
    private final Chain chain;
    private final String address;
    private final String blockTag;

    public ProtocolClient(Chain chain, String address) {
        this(chain, address, Chain.LATEST);
    }

    private ProtocolClient(Chain chain, String address, String blockTag) {
        this.chain = chain;
        this.address = address;
        this.blockTag = blockTag;
    }

    /** A client whose reads all see the state after block {@code number} (writes are unaffected). */
    public ProtocolClient atBlock(long number) {
        return new ProtocolClient(chain, address, Chain.blockTag(number));
    }

    public String address() {
        return address;
    }

    public Chain chain() {
        return chain;
    }

    // ---- encoders --------------------------------------------------------------------------------

    public static String encodeListAsset(String token, OracleConfig o, AssetRisk r) {
        return encode("listAsset", new Address(token), new Address(o.feed()), new Uint32(o.heartbeatSeconds()),
                new Int64(o.minAnswer()), new Int64(o.maxAnswer()), new Uint16(r.initialWeightBps()),
                new Uint16(r.maintenanceWeightBps()), new Uint16(r.liquidationBonusBps()), new Int64(r.depositCapE9()));
    }

    public static String encodeSetAssetRisk(int assetId, AssetRisk r) {
        return encode("setAssetRisk", new Uint8(assetId), new Uint16(r.initialWeightBps()),
                new Uint16(r.maintenanceWeightBps()), new Uint16(r.liquidationBonusBps()), new Int64(r.depositCapE9()));
    }

    public static String encodeListMarket(OracleConfig o, MarketParams p) {
        List<Type> args = new ArrayList<>(List.of(new Address(o.feed()), new Uint32(o.heartbeatSeconds()),
                new Int64(o.minAnswer()), new Int64(o.maxAnswer())));
        args.addAll(marketParams(p));
        return encode("listMarket", args.toArray(Type[]::new));
    }

    public static String encodeSetMarketParams(int marketId, MarketParams p) {
        List<Type> args = new ArrayList<>(List.of(new Uint8(marketId)));
        args.addAll(marketParams(p));
        return encode("setMarketParams", args.toArray(Type[]::new));
    }

    private static List<Type> marketParams(MarketParams p) {
        return List.of(new Uint16(p.imrBps()), new Uint16(p.mmrBps()), new Uint16(p.liquidationPenaltyBps()),
                new Uint16(p.liquidatorShareBps()), new Uint16(p.takerFeeBps()), new Int64(p.maxOpenInterestE9()),
                new Int64(p.fundingRateE12PerSec()));
    }

    public static String encodeSetSequencerFeed(String feed, long gracePeriod) {
        return encode("setSequencerFeed", new Address(feed), new Uint32(gracePeriod));
    }

    public static String encodeSetLiquidationConfig(int bufferBps, long dustNotionalE6) {
        return encode("setLiquidationConfig", new Uint16(bufferBps), new Int64(dustNotionalE6));
    }

    public static String encodeDeposit(int assetId, BigInteger tokenAmount) {
        return encode("deposit", new Uint8(assetId), new Uint256(tokenAmount));
    }

    public static String encodeWithdraw(int assetId, BigInteger tokenAmount) {
        return encode("withdraw", new Uint8(assetId), new Uint256(tokenAmount));
    }

    public static String encodeTrade(int marketId, boolean isolated, long sizeDeltaE9) {
        return encode("trade", new Uint8(marketId), new Bool(isolated), new Int64(sizeDeltaE9));
    }

    public static String encodeAddMargin(int marketId, long amountE6) {
        return encode("addMargin", new Uint8(marketId), new Int64(amountE6));
    }

    public static String encodeRemoveMargin(int marketId, long amountE6) {
        return encode("removeMargin", new Uint8(marketId), new Int64(amountE6));
    }

    public static String encodeLiquidatePosition(String account, int marketId, boolean isolated) {
        return encode("liquidatePosition", new Address(account), new Uint8(marketId), new Bool(isolated));
    }

    public static String encodeLiquidateCollateral(String account, int assetId, long repayE6) {
        return encode("liquidateCollateral", new Address(account), new Uint8(assetId), new Int64(repayE6));
    }

    public static String encodeFundInsurance(BigInteger tokenAmount) {
        return encode("fundInsurance", new Uint256(tokenAmount));
    }

    public static String encodeFundPool(BigInteger tokenAmount) {
        return encode("fundPool", new Uint256(tokenAmount));
    }

    static String encode(String name, Type... args) {
        return FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
    }

    // ---- writes ----------------------------------------------------------------------------------

    public TxResult send(Signer from, String data) {
        return chain.send(from, address, data);
    }

    // ---- reads -----------------------------------------------------------------------------------

    public record Account(boolean exists, long quoteE6, long[] collateralE9) {
    }

    public record Position(long sizeE9, long openNotionalE6, long fundingSnapshotE12, long marginE6) {
    }

    public record MarketState(long longOpenInterestE9, long shortOpenInterestE9, long cumulativeFundingE12,
            long lastFundingTime) {
    }

    public record ProtocolState(long insuranceFundE6, long poolE6, long totalQuoteE6) {
    }

    public record Health(long equityE6, long weightedEquityInitialE6, long initialRequirementE6,
            long weightedEquityMaintE6, long maintenanceRequirementE6, long freeCollateralE6, long healthBps) {
    }

    public record Solvency(BigInteger held, BigInteger owed) {
    }

    /** One view call: its calldata and how to decode what it returns. */
    public record Read<T>(String data, java.util.function.Function<String, T> decoder) {
        public T decode(String returned) {
            return decoder.apply(returned);
        }
    }

    /** Runs one read; a protocol revert is thrown as {@link dev.marginsim.core.ProtocolRevert}. */
    public <T> T read(Read<T> read) {
        return read.decode(chain.call(address, read.data(), blockTag));
    }

    /**
     * Runs many reads in one round trip; each element is the decoded value or the
     * {@link dev.marginsim.core.ProtocolRevert} the view reverted with.
     */
    public List<Object> readAll(List<Read<?>> reads) {
        List<Object> raw = chain.callBatch(address, reads.stream().map(Read::data).toList(), blockTag);
        List<Object> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Object r = raw.get(i);
            out.add(r instanceof String hex ? reads.get(i).decode(hex) : r);
        }
        return out;
    }

    public static Read<Account> getAccountRead(String account) {
        return read("getAccount", List.of(new Address(account)),
                List.of(new TypeReference<Bool>() { }, new TypeReference<Int64>() { },
                        new TypeReference<StaticArray8<Int64>>() { }), out -> {
                    @SuppressWarnings("unchecked")
                    List<Int64> collateral = ((StaticArray8<Int64>) out.get(2)).getValue();
                    long[] c = collateral.stream().mapToLong(v -> v.getValue().longValueExact()).toArray();
                    return new Account(((Bool) out.get(0)).getValue(), asLong(out.get(1)), c);
                });
    }

    public static Read<Position> getPositionRead(String account, int marketId, boolean isolated) {
        return read("getPosition", List.of(new Address(account), new Uint8(marketId), new Bool(isolated)), int64s(4),
                out -> {
                    long[] v = longs(out);
                    return new Position(v[0], v[1], v[2], v[3]);
                });
    }

    public static Read<MarketState> getMarketStateRead(int marketId) {
        return read("getMarketState", List.of(new Uint8(marketId)), List.of(new TypeReference<Int64>() { },
                new TypeReference<Int64>() { }, new TypeReference<Int64>() { }, new TypeReference<Uint64>() { }),
                out -> {
                    long[] v = longs(out);
                    return new MarketState(v[0], v[1], v[2], v[3]);
                });
    }

    public static Read<Long> totalDepositsRead(int assetId) {
        return read("getAssetState", List.of(new Uint8(assetId)), int64s(1), out -> longs(out)[0]);
    }

    public static Read<ProtocolState> protocolStateRead() {
        return read("getProtocolState", List.of(), int64s(3), out -> {
            long[] v = longs(out);
            return new ProtocolState(v[0], v[1], v[2]);
        });
    }

    public static Read<Health> accountHealthRead(String account) {
        return read("accountHealth", List.of(new Address(account)), int64s(7), ProtocolClient::health);
    }

    public static Read<Health> isolatedHealthRead(String account, int marketId) {
        return read("isolatedHealth", List.of(new Address(account), new Uint8(marketId)), int64s(7),
                ProtocolClient::health);
    }

    public static Read<Long> liquidationPriceRead(String account, int marketId, boolean isolated) {
        return read("liquidationPrice", List.of(new Address(account), new Uint8(marketId), new Bool(isolated)),
                int64s(1), out -> longs(out)[0]);
    }

    public static Read<Long> assetPriceRead(int assetId) {
        return read("assetPrice", List.of(new Uint8(assetId)), int64s(1), out -> longs(out)[0]);
    }

    public static Read<Long> marketPriceRead(int marketId) {
        return read("marketPrice", List.of(new Uint8(marketId)), int64s(1), out -> longs(out)[0]);
    }

    public static Read<Solvency> solvencyRead(int assetId) {
        return read("solvency", List.of(new Uint8(assetId)),
                List.of(new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }),
                out -> new Solvency(((Uint256) out.get(0)).getValue(), ((Uint256) out.get(1)).getValue()));
    }

    public static Read<Integer> assetCountRead() {
        return read("assetCount", List.of(), List.of(new TypeReference<Uint8>() { }), out -> (int) longs(out)[0]);
    }

    public static Read<Integer> marketCountRead() {
        return read("marketCount", List.of(), List.of(new TypeReference<Uint8>() { }), out -> (int) longs(out)[0]);
    }

    public Account getAccount(String account) {
        return read(getAccountRead(account));
    }

    public Position getPosition(String account, int marketId, boolean isolated) {
        return read(getPositionRead(account, marketId, isolated));
    }

    public MarketState getMarketState(int marketId) {
        return read(getMarketStateRead(marketId));
    }

    public long getAssetTotalDepositsE9(int assetId) {
        return read(totalDepositsRead(assetId));
    }

    public ProtocolState getProtocolState() {
        return read(protocolStateRead());
    }

    public int assetCount() {
        return read(assetCountRead());
    }

    public int marketCount() {
        return read(marketCountRead());
    }

    public Health accountHealth(String account) {
        return read(accountHealthRead(account));
    }

    public Health isolatedHealth(String account, int marketId) {
        return read(isolatedHealthRead(account, marketId));
    }

    public long liquidationPriceE8(String account, int marketId, boolean isolated) {
        return read(liquidationPriceRead(account, marketId, isolated));
    }

    public long assetPriceE8(int assetId) {
        return read(assetPriceRead(assetId));
    }

    public long marketPriceE8(int marketId) {
        return read(marketPriceRead(marketId));
    }

    public Solvency solvency(int assetId) {
        return read(solvencyRead(assetId));
    }

    @SuppressWarnings("rawtypes")
    private static <T> Read<T> read(String name, List<Type> inputs, List<TypeReference<?>> outputs,
            java.util.function.Function<List<Type>, T> convert) {
        @SuppressWarnings("unchecked")
        Function f = new Function(name, inputs, (List) outputs);
        String data = FunctionEncoder.encode(f);
        return new Read<>(data, hex -> convert.apply(FunctionReturnDecoder.decode(hex, f.getOutputParameters())));
    }

    private static Health health(List<Type> out) {
        long[] v = longs(out);
        return new Health(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    private static List<TypeReference<?>> int64s(int n) {
        List<TypeReference<?>> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            refs.add(new TypeReference<Int64>() { });
        }
        return refs;
    }

    @SuppressWarnings("rawtypes")
    private static long[] longs(List<Type> values) {
        return values.stream().mapToLong(ProtocolClient::asLong).toArray();
    }

    @SuppressWarnings("rawtypes")
    private static long asLong(Type t) {
        return ((BigInteger) t.getValue()).longValueExact();
    }
}
