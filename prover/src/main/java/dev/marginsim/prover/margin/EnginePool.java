package dev.marginsim.prover.margin;

import dev.marginsim.core.AssetRisk;
import dev.marginsim.core.MarketParams;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.engine.AccountState;
import dev.marginsim.simulator.engine.FixedPoint;
import dev.marginsim.simulator.engine.MarginEngine;
import dev.marginsim.simulator.engine.MarketState;
import dev.marginsim.simulator.engine.PositionState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a margin statement and an account's cross pool from a {@link MarginEngine} deployed from a
 * {@link ProtocolSetup}. The engine keeps risk parameters private (as the contract's storage does,
 * behind its events), so weights and ratios come from the setup: valid for a run that never calls
 * {@code setAssetRisk}/{@code setMarketParams}. Prices come from the engine's guarded views (a failing
 * guard reverts, as {@code accountHealth} does); the funding index is the view's index at the engine's
 * time (docs/protocol.md §7: stored index + pending delta).
 */
public final class EnginePool {
    private static final BigInteger PRICE_SCALE = BigInteger.valueOf(100_000_000L);

    private EnginePool() {
    }

    /** Every listed collateral asset and market, at the engine's current prices and time. */
    public static MarginStatement statement(MarginEngine engine, ProtocolSetup setup, MarginLevel level) {
        List<AssetTerm> assets = new ArrayList<>();
        for (int id = 1; id < engine.assetCount(); id++) {
            AssetRisk risk = setup.collaterals().get(id - 1).risk();
            int weight = level == MarginLevel.MAINTENANCE ? risk.maintenanceWeightBps() : risk.initialWeightBps();
            assets.add(new AssetTerm(id, engine.assetPriceE8(id), weight));
        }
        List<MarketTerm> markets = new ArrayList<>();
        for (int m = 0; m < engine.marketCount(); m++) {
            MarketParams params = setup.markets().get(m).params();
            int ratio = level == MarginLevel.MAINTENANCE ? params.mmrBps() : params.imrBps();
            long price = engine.marketPriceE8(m);
            markets.add(new MarketTerm(m, price, ratio, fundingIndexNow(engine.marketState(m), params, price, engine.time())));
        }
        return new MarginStatement(level, assets, markets);
    }

    /** The account's quote, collateral per statement asset and cross position per statement market. */
    public static PoolOpening opening(MarginEngine engine, int account, MarginStatement statement) {
        AccountState state = engine.account(account);
        if (!state.exists()) {
            throw new IllegalArgumentException("account " + account + " does not exist");
        }
        long[] collateral = new long[statement.assets().size()];
        for (int i = 0; i < collateral.length; i++) {
            collateral[i] = state.collateralE9()[statement.assets().get(i).assetId()];
        }
        List<PositionOpening> positions = new ArrayList<>();
        for (MarketTerm m : statement.markets()) {
            PositionState p = engine.position(account, m.marketId(), false);
            positions.add(new PositionOpening(p.sizeE9(), p.openNotionalE6(), p.fundingSnapshotE12()));
        }
        return new PoolOpening(state.quoteE6(), collateral, positions);
    }

    /**
     * {@code cumulative + truncDiv(p · R · dt · (L − S), 1e8 · (L + S))} (0 when dt or L + S is 0),
     * narrowed to int64 and added checked, as {@code accrue} computes it.
     */
    public static long fundingIndexNow(MarketState state, MarketParams params, long priceE8, long now) {
        long dt = now - state.lastFundingTime();
        long longOi = state.longOpenInterestE9();
        long shortOi = state.shortOpenInterestE9();
        if (dt == 0 || longOi + shortOi == 0) {
            return state.cumulativeFundingE12();
        }
        BigInteger n = BigInteger.valueOf(priceE8).multiply(BigInteger.valueOf(params.fundingRateE12PerSec()))
                .multiply(BigInteger.valueOf(dt)).multiply(BigInteger.valueOf(longOi - shortOi));
        long delta = FixedPoint.truncDiv(n, PRICE_SCALE.multiply(BigInteger.valueOf(longOi + shortOi)));
        return FixedPoint.add(state.cumulativeFundingE12(), delta);
    }
}
