package dev.marginsim.differential;

import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.contracts.chain.ProtocolClient.Read;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.simulator.engine.MarginEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything observable about the protocol, as lines of text: every account, position, market, total,
 * and (with {@code views}) every price, valuation view and the solvency invariant. Both sides render the same lines, so the first
 * differing line says exactly what diverged. Views that revert render the revert.
 */
final class StateLines {
    private StateLines() {
    }

    private record Plan(List<String> labels, List<Read<?>> reads) {
    }

    private static final java.util.Map<String, Plan> PLANS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Reads the chain side in one JSON-RPC batch; the calls are encoded once per world and reused. */
    static List<String> chain(World w, boolean views) {
        Plan plan = PLANS.computeIfAbsent(w.deployment.protocol() + views, k -> plan(w, views));
        List<Object> values = w.client.readAll(plan.reads());
        List<String> lines = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            lines.add(plan.labels().get(i) + " = " + render(values.get(i)));
        }
        return lines;
    }

    private static Plan plan(World w, boolean views) {
        int markets = w.setup.markets().size();
        int assets = w.setup.collaterals().size() + 1;
        List<String> labels = new ArrayList<>();
        List<Read<?>> reads = new ArrayList<>();
        for (int a = 0; a < w.accounts.size(); a++) {
            String addr = w.addressOf(a);
            labels.add("account " + a);
            reads.add(ProtocolClient.getAccountRead(addr));
            if (views) {
                labels.add("health " + a);
                reads.add(ProtocolClient.accountHealthRead(addr));
            }
            for (int m = 0; m < markets; m++) {
                for (boolean iso : new boolean[] {false, true}) {
                    labels.add("position " + a + " " + m + " " + iso);
                    reads.add(ProtocolClient.getPositionRead(addr, m, iso));
                    if (views) {
                        labels.add("liquidationPrice " + a + " " + m + " " + iso);
                        reads.add(ProtocolClient.liquidationPriceRead(addr, m, iso));
                    }
                }
                if (views) {
                    labels.add("isolatedHealth " + a + " " + m);
                    reads.add(ProtocolClient.isolatedHealthRead(addr, m));
                }
            }
        }
        for (int m = 0; m < markets; m++) {
            labels.add("market " + m);
            reads.add(ProtocolClient.getMarketStateRead(m));
            if (views) {
                labels.add("marketPrice " + m);
                reads.add(ProtocolClient.marketPriceRead(m));
            }
        }
        for (int asset = 0; asset < assets; asset++) {
            labels.add("deposits " + asset);
            reads.add(ProtocolClient.totalDepositsRead(asset));
            if (views) {
                labels.add("assetPrice " + asset);
                reads.add(ProtocolClient.assetPriceRead(asset));
                labels.add("solvency " + asset);
                reads.add(ProtocolClient.solvencyRead(asset));
            }
        }
        labels.add("protocol");
        reads.add(ProtocolClient.protocolStateRead());
        return new Plan(labels, reads);
    }

    /** Renders the engine side in the same order. */
    static List<String> engine(World w, boolean views) {
        MarginEngine e = w.engine();
        int markets = w.setup.markets().size();
        int assets = w.setup.collaterals().size() + 1;
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < w.accounts.size(); a++) {
            final int acct = a;
            var s = e.account(a);
            lines.add("account " + a + " = " + render(new ProtocolClient.Account(s.exists(), s.quoteE6(), s.collateralE9())));
            if (views) {
                lines.add("health " + a + " = " + view(() -> toHealth(e.accountHealth(acct))));
            }
            for (int m = 0; m < markets; m++) {
                final int market = m;
                for (boolean iso : new boolean[] {false, true}) {
                    var p = e.position(a, m, iso);
                    lines.add("position " + a + " " + m + " " + iso + " = " + render(new ProtocolClient.Position(
                            p.sizeE9(), p.openNotionalE6(), p.fundingSnapshotE12(), p.marginE6())));
                    if (views) {
                        lines.add("liquidationPrice " + a + " " + m + " " + iso + " = "
                                + view(() -> e.liquidationPriceE8(acct, market, iso)));
                    }
                }
                if (views) {
                    lines.add("isolatedHealth " + a + " " + m + " = "
                            + view(() -> toHealth(e.isolatedHealth(acct, market))));
                }
            }
        }
        for (int m = 0; m < markets; m++) {
            final int market = m;
            var s = e.marketState(m);
            lines.add("market " + m + " = " + render(new ProtocolClient.MarketState(s.longOpenInterestE9(),
                    s.shortOpenInterestE9(), s.cumulativeFundingE12(), s.lastFundingTime())));
            if (views) {
                lines.add("marketPrice " + m + " = " + view(() -> e.marketPriceE8(market)));
            }
        }
        for (int asset = 0; asset < assets; asset++) {
            final int id = asset;
            lines.add("deposits " + asset + " = " + e.totalDepositsE9(asset));
            if (views) {
                lines.add("assetPrice " + asset + " = " + view(() -> e.assetPriceE8(id)));
                lines.add("solvency " + asset + " = " + view(() -> {
                    var s = e.solvency(id);
                    return new ProtocolClient.Solvency(s.held(), s.owed());
                }));
            }
        }
        var p = e.protocolState();
        lines.add("protocol = " + render(new ProtocolClient.ProtocolState(p.insuranceFundE6(), p.poolE6(), p.totalQuoteE6())));
        return lines;
    }

    private static ProtocolClient.Health toHealth(dev.marginsim.simulator.engine.Health h) {
        return new ProtocolClient.Health(h.equityE6(), h.weightedEquityInitialE6(), h.initialRequirementE6(),
                h.weightedEquityMaintE6(), h.maintenanceRequirementE6(), h.freeCollateralE6(), h.healthBps());
    }

    private static String view(Supplier<Object> read) {
        try {
            return render(read.get());
        } catch (ProtocolRevert r) {
            return render(r);
        }
    }

    static String render(Object value) {
        if (value instanceof ProtocolRevert r) {
            return "revert " + r.solidityForm();
        }
        if (value instanceof ProtocolClient.Account a) {
            return "Account[exists=" + a.exists() + ", quoteE6=" + a.quoteE6() + ", collateralE9="
                    + Arrays.toString(a.collateralE9()) + "]";
        }
        return String.valueOf(value);
    }
}
