package dev.marginsim.cli.proof;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.core.MarketParams;
import dev.marginsim.prover.margin.AssetTerm;
import dev.marginsim.prover.margin.EnginePool;
import dev.marginsim.prover.margin.MarginLevel;
import dev.marginsim.prover.margin.MarginStatement;
import dev.marginsim.prover.margin.MarketTerm;
import dev.marginsim.prover.margin.PoolOpening;
import dev.marginsim.prover.margin.PositionOpening;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.simulator.engine.MarketState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * What a margin proof of a chain round needs beyond the round: the public terms at the round's block
 * (each asset's guarded price and weight, each market's price, ratio and funding index as
 * {@code accountHealth} would compute it at that block's time) and an account's cross pool opening.
 * The chain counterpart of {@link EnginePool}: weights and market parameters are the latest
 * {@code AssetRiskUpdated} / {@code MarketParamsUpdated} events up to the block (the protocol keeps them
 * private; every change emits one), the rest are the protocol's views pinned to the block.
 */
final class ChainMargin implements MarginSource {
    private static final String ASSET_RISK_UPDATED =
            EventEncoder.buildEventSignature("AssetRiskUpdated(uint8,uint16,uint16,uint16,int64)");
    private static final String MARKET_PARAMS_UPDATED =
            EventEncoder.buildEventSignature("MarketParamsUpdated(uint8,uint16,uint16,uint16,uint16,uint16,int64,int64)");
    private static final BigInteger WORD = BigInteger.ONE.shiftLeft(256);

    private final Chain chain;
    private final ProtocolClient client;
    private final long block;
    private final long timestamp;
    /** asset id → {initial, maintenance} weight (bps). */
    private final Map<Integer, int[]> weights = new HashMap<>();
    private final Map<Integer, MarketParams> markets = new HashMap<>();

    /** Opens the protocol of {@code round} at the round's block. */
    ChainMargin(String url, RoundInfo round) {
        this.chain = Chain.connect(url);
        String protocol = Keys.toChecksumAddress(round.protocol().toString());
        this.client = new ProtocolClient(chain, protocol).atBlock(round.blockNumber());
        this.block = round.blockNumber();
        this.timestamp = round.timestamp();
        for (Log log : chain.logs(protocol, round.blockNumber(), List.of(ASSET_RISK_UPDATED, MARKET_PARAMS_UPDATED))) {
            int id = Numeric.toBigInt(log.getTopics().get(1)).intValueExact();
            long[] w = words(log.getData());
            if (log.getTopics().get(0).equals(ASSET_RISK_UPDATED)) {
                weights.put(id, new int[] {(int) w[0], (int) w[1]}); // later events replace earlier ones
            } else {
                markets.put(id, new MarketParams((int) w[0], (int) w[1], (int) w[2], (int) w[3], (int) w[4], w[5], w[6]));
            }
        }
    }

    /** Every listed collateral asset and market, as {@code EnginePool.statement} takes them from the engine. */
    @Override
    public MarginStatement statement(MarginLevel level) {
        boolean maintenance = level == MarginLevel.MAINTENANCE;
        List<AssetTerm> assets = new ArrayList<>();
        for (int id = 1; id < client.assetCount(); id++) {
            int[] w = require(weights.get(id), "asset " + id);
            assets.add(new AssetTerm(id, client.assetPriceE8(id), maintenance ? w[1] : w[0]));
        }
        List<MarketTerm> terms = new ArrayList<>();
        for (int m = 0; m < client.marketCount(); m++) {
            MarketParams params = require(markets.get(m), "market " + m);
            long price = client.marketPriceE8(m);
            ProtocolClient.MarketState s = client.getMarketState(m);
            MarketState state = new MarketState(s.longOpenInterestE9(), s.shortOpenInterestE9(), s.cumulativeFundingE12(),
                    s.lastFundingTime());
            terms.add(new MarketTerm(m, price, maintenance ? params.mmrBps() : params.imrBps(),
                    EnginePool.fundingIndexNow(state, params, price, timestamp)));
        }
        return new MarginStatement(level, assets, terms);
    }

    /** The account's quote, collateral per statement asset and cross position per statement market. */
    @Override
    public PoolOpening opening(Address account, MarginStatement statement) {
        String a = account.toString();
        ProtocolClient.Account state = client.getAccount(a);
        if (!state.exists()) {
            throw new IllegalArgumentException("account " + a + " does not exist at block " + block);
        }
        long[] collateral = new long[statement.assets().size()];
        for (int i = 0; i < collateral.length; i++) {
            collateral[i] = state.collateralE9()[statement.assets().get(i).assetId()];
        }
        List<PositionOpening> positions = new ArrayList<>();
        for (MarketTerm m : statement.markets()) {
            ProtocolClient.Position p = client.getPosition(a, m.marketId(), false);
            positions.add(new PositionOpening(p.sizeE9(), p.openNotionalE6(), p.fundingSnapshotE12()));
        }
        return new PoolOpening(state.quoteE6(), collateral, positions);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("the protocol emitted no risk parameters for " + what);
        }
        return value;
    }

    /** ABI words as signed 64-bit values (every field here is a uint16 or an int64). */
    private static long[] words(String data) {
        String hex = Numeric.cleanHexPrefix(data);
        long[] out = new long[hex.length() / 64];
        for (int i = 0; i < out.length; i++) {
            BigInteger v = new BigInteger(hex.substring(64 * i, 64 * i + 64), 16);
            out[i] = (v.testBit(255) ? v.subtract(WORD) : v).longValueExact();
        }
        return out;
    }

    @Override
    public void close() {
        chain.close();
    }
}
