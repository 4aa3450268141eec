package dev.marginsim.prover.margin;

import dev.marginsim.core.ProtocolRevert;
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
    final ProtocolSetup setup = ProtocolSetup.standard();
    final EngineDeployment deployment;
    final MarginEngine engine;
    final int accounts;

    RandomBook(long seed, int accounts) {
        this.accounts = accounts;
        this.deployment = EngineDeployer.deploy(setup, START);
        this.engine = deployment.engine();
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

    void open(int a, SplittableRandom rnd) {
        engine.deposit(a, 0, 1_000_000L + rnd.nextLong(50_000_000_000L));
        if (rnd.nextInt(3) > 0) {
            engine.deposit(a, 1, BigInteger.valueOf(rnd.nextLong(1, 1_000_000_000_000L)).multiply(BigInteger.valueOf(1_000_000)));
        }
        if (rnd.nextInt(3) == 0) {
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
        long ethAnswer = Math.max(100_000_000L, (long) (setup.feeds().get(0).initialAnswer() * eth));
        long btcAnswer = Math.max(100_000_000L, (long) (setup.feeds().get(1).initialAnswer() * btc));
        setFeed(0, ethAnswer, time);
        setFeed(1, btcAnswer, time);
    }

    private long round = 1;

    void setFeed(int feed, long answer, long time) {
        round++;
        engine.setRound(deployment.feeds().get(feed), round, answer, time, time, round);
    }
}
