package dev.marginsim.simulator.scenario;

import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.engine.Health;
import dev.marginsim.simulator.engine.MarginEngine;
import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * The built-in crash: a seeded book of accounts holding USDC, WETH and WBTC with cross and isolated
 * positions on ETH-PERP and BTC-PERP, then ETH falls {@code ethDrop} (35 %) and BTC {@code btcDrop}
 * over {@code minutes} one-minute oracle updates. Every minute some traders top up margin, then a
 * liquidation bot liquidates every position and collateral balance it may. Decisions read the engine;
 * every change goes through an {@link ActionSink}, so the same run can be mirrored on a chain.
 */
public final class CrashScenario {

    /** What to run. */
    public record Config(int accounts, long seed, int minutes, double ethDrop, double btcDrop) {
        public static Config standard() {
            return new Config(10_000, 42, 360, 0.35, 0.15);
        }

        public Config withAccounts(int n) {
            return new Config(n, seed, minutes, ethDrop, btcDrop);
        }

        public Config withSeed(long s) {
            return new Config(accounts, s, minutes, ethDrop, btcDrop);
        }
    }

    private static final int ETH_FEED = 0;
    private static final int BTC_FEED = 1;
    private static final int ETH_PERP = 0;
    private static final int BTC_PERP = 1;
    private static final long MINUTE = 60;

    private final Config config;
    private final ProtocolSetup setup;
    private final MarginEngine engine;
    private final ActionSink sink;
    private final CrashMetrics metrics;
    private final SplittableRandom rnd;
    private final long[] reserveE6;
    private final boolean[] active;
    private long now;
    private final long[] roundIds = {1, 1};

    public CrashScenario(Config config, ProtocolSetup setup, MarginEngine engine, ActionSink sink, CrashMetrics metrics) {
        this.config = config;
        this.setup = setup;
        this.engine = engine;
        this.sink = sink;
        this.metrics = metrics;
        this.rnd = new SplittableRandom(config.seed());
        this.reserveE6 = new long[config.accounts()];
        this.active = new boolean[config.accounts()];
        this.now = engine.time();
    }

    public int liquidator() {
        return config.accounts();
    }

    public int treasury() {
        return config.accounts() + 1;
    }

    /** Builds the book; {@code progress} is told after each account. */
    public void buildBook(IntConsumer progress) {
        apply(new Action.FundPool(treasury(), usd(20_000_000)));
        apply(new Action.FundInsurance(treasury(), usd(250_000)));
        for (int a = 0; a < config.accounts(); a++) {
            openAccount(a);
            progress.accept(a + 1);
        }
        metrics.insuranceBeforeE6 = engine.protocolState().insuranceFundE6();
    }

    /** Runs the crash minute by minute; {@code progress} is told after each minute. */
    public void crash(IntConsumer progress) {
        double eth0 = setup.feeds().get(ETH_FEED).initialAnswer();
        double btc0 = setup.feeds().get(BTC_FEED).initialAnswer();
        double ethNoise = 0;
        double btcNoise = 0;
        for (int minute = 1; minute <= config.minutes(); minute++) {
            double f = (double) minute / config.minutes();
            // A steady slide with small mean-reverting noise, landing exactly on the drop at the end.
            ethNoise = 0.8 * ethNoise + rnd.nextDouble(-0.003, 0.003);
            btcNoise = 0.8 * btcNoise + rnd.nextDouble(-0.002, 0.002);
            boolean last = minute == config.minutes();
            long eth = Math.round(eth0 * (1 - config.ethDrop() * f) * (1 + (last ? 0 : ethNoise)));
            long btc = Math.round(btc0 * (1 - config.btcDrop() * f) * (1 + (last ? 0 : btcNoise)));
            now += MINUTE;
            apply(new Action.SetTime(now));
            publish(ETH_FEED, eth);
            publish(BTC_FEED, btc);
            topUps();
            liquidateAll();
            progress.accept(minute);
        }
        metrics.insuranceAfterE6 = engine.protocolState().insuranceFundE6();
        metrics.poolAfterE6 = engine.protocolState().poolE6();
    }

    private void publish(int feed, long answer) {
        long round = ++roundIds[feed];
        apply(new Action.SetRound(feed, round, answer, now, now, round));
    }

    private void openAccount(int a) {
        double budgetUsd = Math.min(2_000_000, Math.max(500, Math.exp(Math.log(20_000) + rnd.nextGaussian())));
        double[] w = {rnd.nextDouble(), rnd.nextDouble() < 0.6 ? rnd.nextDouble() : 0, rnd.nextDouble() < 0.35 ? rnd.nextDouble() : 0};
        double sum = w[0] + w[1] + w[2];
        long usdcE6 = (long) (budgetUsd * w[0] / sum * 1e6);
        if (usdcE6 > 0) {
            tryApply(new Action.Deposit(a, 0, BigInteger.valueOf(usdcE6)));
        }
        double ethPrice = setup.feeds().get(ETH_FEED).initialAnswer() / 1e8;
        double btcPrice = setup.feeds().get(BTC_FEED).initialAnswer() / 1e8;
        long wethGwei = (long) (budgetUsd * w[1] / sum / ethPrice * 1e9);
        if (wethGwei > 0) {
            tryApply(new Action.Deposit(a, 1, BigInteger.valueOf(wethGwei).multiply(BigInteger.valueOf(1_000_000_000L))));
        }
        long wbtcSats = (long) (budgetUsd * w[2] / sum / btcPrice * 1e8);
        if (wbtcSats > 0) {
            tryApply(new Action.Deposit(a, 2, BigInteger.valueOf(wbtcSats)));
        }
        active[a] = rnd.nextDouble() < 0.3;
        reserveE6[a] = active[a] ? (long) (budgetUsd * rnd.nextDouble(0.2, 1.0) * 1e6) : 0;

        boolean isolated = rnd.nextDouble() < 0.15 && usdcE6 > 1_000_000;
        if (isolated) {
            long margin = usdcE6 / 2;
            if (tryApply(new Action.AddMargin(a, ETH_PERP, margin))) {
                long notionalE6 = (long) (margin * 10 * rnd.nextDouble(0.2, 0.9));
                tryApply(new Action.Trade(a, ETH_PERP, true, sized(notionalE6, ETH_PERP, rnd.nextDouble() < 0.75)));
            }
        }
        int positions = 1 + (rnd.nextDouble() < 0.5 ? 1 : 0);
        for (int p = 0; p < positions; p++) {
            int market = p == 0 ? (rnd.nextDouble() < 0.7 ? ETH_PERP : BTC_PERP) : 1 - ETH_PERP;
            long free = freeCollateral(a);
            if (free <= 0) {
                break;
            }
            double use = rnd.nextDouble(0.1, 0.95) / positions;
            long notionalE6 = (long) (free * 10 * use);
            boolean isLong = rnd.nextDouble() < (market == ETH_PERP ? 0.7 : 0.6);
            tryApply(new Action.Trade(a, market, false, sized(notionalE6, market, isLong)));
        }
    }

    private long sized(long notionalE6, int market, boolean isLong) {
        long priceE8 = engine.marketPriceE8(market);
        long size = Math.max(1, (long) (notionalE6 * 1e11 / priceE8));
        return isLong ? size : -size;
    }

    private long freeCollateral(int a) {
        try {
            return engine.accountHealth(a).freeCollateralE6();
        } catch (ProtocolRevert r) {
            return 0;
        }
    }

    /** Active traders with a reserve top up with USDC when their cross health nears maintenance. */
    private void topUps() {
        for (int a = 0; a < config.accounts(); a++) {
            if (!active[a] || reserveE6[a] <= 0 || !engine.account(a).exists()) {
                continue;
            }
            Health h = health(a);
            if (h == null || h.maintenanceRequirementE6() == 0 || h.healthBps() >= 11_500) {
                continue;
            }
            long want = Math.max(1_000_000, h.maintenanceRequirementE6() * 3 / 10);
            long amount = Math.min(want, reserveE6[a]);
            if (tryApply(new Action.Deposit(a, 0, BigInteger.valueOf(amount)))) {
                reserveE6[a] -= amount;
                metrics.topUps++;
            }
        }
    }

    private void liquidateAll() {
        for (int a = 0; a < config.accounts(); a++) {
            if (!engine.account(a).exists()) {
                continue;
            }
            for (int m = 0; m < setup.markets().size(); m++) {
                if (engine.position(a, m, true).sizeE9() != 0) {
                    for (int k = 0; k < 8 && isolatedLiquidatable(a, m); k++) {
                        liquidatePosition(a, m, true);
                    }
                }
            }
            for (int k = 0; k < 16 && crossLiquidatable(a); k++) {
                int market = largestCrossPosition(a);
                if (market >= 0) {
                    liquidatePosition(a, market, false);
                    continue;
                }
                long quote = engine.account(a).quoteE6();
                long[] c = engine.account(a).collateralE9();
                int asset = c[1] > 0 ? 1 : c[2] > 0 ? 2 : -1;
                if (quote >= 0 || asset < 0) {
                    break;
                }
                if (tryApply(new Action.LiquidateCollateral(liquidator(), a, asset, -quote))) {
                    metrics.collateralLiquidations++;
                } else {
                    break;
                }
            }
        }
    }

    private void liquidatePosition(int a, int m, boolean isolated) {
        long before = engine.position(a, m, isolated).sizeE9();
        long price = engine.marketPriceE8(m);
        if (tryApply(new Action.LiquidatePosition(liquidator(), a, m, isolated))) {
            long closed = Math.abs(before - engine.position(a, m, isolated).sizeE9());
            metrics.positionLiquidations++;
            metrics.liquidatedNotionalE6 += (long) (closed * (double) price / 1e11);
        }
    }

    private int largestCrossPosition(int a) {
        int best = -1;
        double bestNotional = 0;
        for (int m = 0; m < setup.markets().size(); m++) {
            long s = engine.position(a, m, false).sizeE9();
            double notional = Math.abs((double) s) * engine.marketPriceE8(m);
            if (s != 0 && notional > bestNotional) {
                best = m;
                bestNotional = notional;
            }
        }
        return best;
    }

    private boolean crossLiquidatable(int a) {
        Health h = health(a);
        return h != null && h.weightedEquityMaintE6() < h.maintenanceRequirementE6();
    }

    private boolean isolatedLiquidatable(int a, int m) {
        try {
            Health h = engine.isolatedHealth(a, m);
            return h.weightedEquityMaintE6() < h.maintenanceRequirementE6();
        } catch (ProtocolRevert r) {
            return false;
        }
    }

    private Health health(int a) {
        try {
            return engine.accountHealth(a);
        } catch (ProtocolRevert r) {
            return null;
        }
    }

    private void apply(Action action) {
        sink.apply(action);
    }

    private boolean tryApply(Action action) {
        try {
            sink.apply(action);
            return true;
        } catch (ProtocolRevert r) {
            metrics.refused++;
            return false;
        }
    }

    private static BigInteger usd(long dollars) {
        return BigInteger.valueOf(dollars).multiply(BigInteger.valueOf(1_000_000));
    }
}
