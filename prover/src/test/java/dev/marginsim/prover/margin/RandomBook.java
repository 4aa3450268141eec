package dev.marginsim.prover.margin;

import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.EngineSnapshot;
import dev.marginsim.prover.snapshot.Round;
import java.util.ArrayList;
import java.util.List;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.engine.MarginEngine;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * A seeded book on the standard setup: accounts deposit USDC and collateral, open long and short
 * cross positions, time passes (funding accrues) and prices move. Trades the engine refuses are
 * skipped, so every account ends in a state the protocol can reach.
 */
final class RandomBook {
    static final long START = 1_700_000_000L;
    final ProtocolSetup setup;
    final EngineDeployment deployment;
    final MarginEngine engine;
    final int accounts;
    private final PriceRound[] latest;

    RandomBook(long seed, int accounts) {
        this(seed, accounts, ProtocolSetup.standard());
    }

    RandomBook(long seed, int accounts, ProtocolSetup setup) {
        this.setup = setup;
        this.accounts = accounts;
        this.deployment = EngineDeployer.deploy(setup, START);
        this.engine = deployment.engine();
        this.latest = new PriceRound[setup.feeds().size()];
        for (int f = 0; f < latest.length; f++) {
            ProtocolSetup.Feed feed = setup.feeds().get(f);
            latest[f] = PriceRound.complete(feed.name(), 1, feed.initialAnswer(), feed.decimals(), START);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int a = 0; a < accounts; a++) {
            open(a, rnd);
        }
        long t = START + 600 + rnd.nextInt(86_400);
        move(t, 1 + rnd.nextInt(40) / 100.0 * (rnd.nextBoolean() ? 1 : -1), rnd.nextDouble(0.7, 1.3));
        // A second round of trades after funding accrued: snapshots differ between accounts.
        for (int a = 0; a < accounts; a += 3) {
            tradeSome(a, rnd);
        }
        move(t + 1 + rnd.nextInt(86_400), rnd.nextDouble(0.6, 1.4), rnd.nextDouble(0.6, 1.4));
    }

    /** The standard setup cut to one collateral (WETH) and one market (ETH-PERP): small proofs for exhaustive tests. */
    static ProtocolSetup small() {
        ProtocolSetup s = ProtocolSetup.standard();
        return new ProtocolSetup(List.of(s.feeds().get(0)), List.of(s.collaterals().get(0)), List.of(s.markets().get(0)),
                s.sequencerGraceSeconds(), s.liquidationBufferBps(), s.dustNotionalE6());
    }

    void open(int a, SplittableRandom rnd) {
        engine.deposit(a, 0, 1_000_000L + rnd.nextLong(50_000_000_000L));
        if (rnd.nextInt(3) > 0) {
            engine.deposit(a, 1, BigInteger.valueOf(rnd.nextLong(1, 1_000_000_000_000L)).multiply(BigInteger.valueOf(1_000_000)));
        }
        if (engine.assetCount() > 2 && rnd.nextInt(3) == 0) {
            engine.deposit(a, 2, BigInteger.valueOf(rnd.nextLong(1, 2_000_000_000L)));
        }
        tradeSome(a, rnd);
    }

    void tradeSome(int a, SplittableRandom rnd) {
        for (int m = 0; m < engine.marketCount(); m++) {
            if (rnd.nextInt(4) == 0) {
                continue;
            }
            long size = rnd.nextLong(1, m == 0 ? 20_000_000_000L : 1_000_000_000L);
            try {
                engine.trade(a, m, false, rnd.nextBoolean() ? size : -size);
            } catch (ProtocolRevert refused) {
                // margin or caps: the book simply does not hold this position
            }
        }
    }

    /** Moves time and scales both feeds' answers (ETH by {@code eth}, BTC by {@code btc}). */
    void move(long time, double eth, double btc) {
        engine.setTime(time);
        double[] scale = {eth, btc};
        for (int f = 0; f < setup.feeds().size(); f++) {
            setFeed(f, Math.max(100_000_000L, (long) (setup.feeds().get(f).initialAnswer() * scale[f])), time);
        }
    }

    /** The engine's state now as a private-tier round (chain 0, zero protocol address). */
    Round round(long roundId) {
        PriceSnapshot prices = new PriceSnapshot(round, engine.time(), new ArrayList<>(List.of(latest)));
        return EngineSnapshot.take(engine, setup, prices, 0, Address.ZERO, roundId);
    }

    private long round = 1;

    void setFeed(int feed, long answer, long time) {
        round++;
        engine.setRound(deployment.feeds().get(feed), round, answer, time, time, round);
        latest[feed] = PriceRound.complete(setup.feeds().get(feed).name(), round, answer, setup.feeds().get(feed).decimals(), time);
    }
}
