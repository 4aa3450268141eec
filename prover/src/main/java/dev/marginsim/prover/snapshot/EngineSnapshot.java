package dev.marginsim.prover.snapshot;

import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.simulator.engine.AccountState;
import dev.marginsim.simulator.engine.MarginEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a {@link Round} from a {@link MarginEngine} deployed from a {@link ProtocolSetup}: every
 * existing account's {@link AccountReading} through the engine's views, the reserves the engine holds
 * per token, each asset's guarded price. Engine account {@code i} is {@link Address#ofIndex(long) i}.
 * The chain counterpart (in the CLI) reads the same views from a deployed protocol.
 */
public final class EngineSnapshot {
    private EngineSnapshot() {
    }

    /**
     * @param prices the feed rounds the engine holds now, named by the setup's feed names (see
     *               {@link PriceRecorder}); checked against the engine's prices
     */
    public static Round take(MarginEngine engine, ProtocolSetup setup, PriceSnapshot prices, long chainId,
            Address protocol, long roundId) {
        if (engine.assetCount() != setup.collaterals().size() + 1) {
            throw new SnapshotException(SnapshotException.Reason.INCONSISTENT_STATE, "the engine lists "
                    + engine.assetCount() + " assets, the setup " + (setup.collaterals().size() + 1));
        }
        if (engine.time() != prices.timestamp()) {
            throw new SnapshotException(SnapshotException.Reason.INCONSISTENT_STATE, "the snapshot is at "
                    + prices.timestamp() + " but the engine at " + engine.time());
        }
        List<RoundAsset> assets = new ArrayList<>();
        assets.add(RoundAsset.settlement(engine.solvency(0).held()));
        for (int id = 1; id < engine.assetCount(); id++) {
            ProtocolSetup.Collateral c = setup.collaterals().get(id - 1);
            String feed = setup.feeds().get(c.guard().feed()).name();
            int asset = id;
            long price = guarded(() -> engine.assetPriceE8(asset), "asset " + id);
            assets.add(new RoundAsset(id, feed, price, c.tokenDecimals(), engine.solvency(id).held()));
        }
        RoundInfo info = new RoundInfo(chainId, protocol, roundId, prices, assets);
        info.priceProblem().ifPresent(p -> {
            throw new SnapshotException(SnapshotException.Reason.PRICE_MISMATCH, p);
        });
        List<Liabilities> accounts = new ArrayList<>();
        for (int a = 0; a <= engine.maxAccountId(); a++) {
            AccountState s = engine.account(a);
            if (!s.exists()) {
                continue;
            }
            int account = a;
            long crossEquity = guarded(() -> engine.accountHealth(account).equityE6(), "account " + a);
            long[] isolated = new long[engine.marketCount()];
            for (int m = 0; m < isolated.length; m++) {
                int market = m;
                isolated[m] = guarded(() -> engine.isolatedHealth(account, market).equityE6(), "account " + a);
            }
            accounts.add(LiabilityRule.apply(info, new AccountReading(Address.ofIndex(a), s.quoteE6(), s.collateralE9(),
                    crossEquity, isolated)));
        }
        return new Round(info, accounts);
    }

    private interface LongRead {
        long read();
    }

    private static long guarded(LongRead read, String what) {
        try {
            return read.read();
        } catch (ProtocolRevert r) {
            throw new SnapshotException(SnapshotException.Reason.PRICE_UNAVAILABLE,
                    "valuing " + what + " reverts " + r.solidityForm());
        }
    }
}
