package dev.marginsim.bench;

import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.engine.MarginEngine;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Revalue every account after one price update: 1,000,000 accounts each holding the three collateral
 * assets (USDC, WETH, WBTC) and two cross positions (ETH-PERP, BTC-PERP). One invocation publishes a
 * new ETH round and computes every account's maintenance margin (equity − requirement), exactly as
 * {@code accountHealth} would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class RevalueBenchmark {
    @Param("1000000")
    int accounts;

    private MarginEngine engine;
    private long[] marginOut;
    private long round = 1;
    private long answer;
    private int ethFeed;

    @Setup(Level.Trial)
    public void build() {
        ProtocolSetup setup = ProtocolSetup.standard();
        long t = 1_767_225_600L;
        EngineDeployment d = EngineDeployer.deploy(setup, t);
        engine = d.engine();
        ethFeed = d.feeds().get(0);
        answer = setup.feeds().get(0).initialAnswer();
        SplittableRandom rnd = new SplittableRandom(1);
        for (int a = 0; a < accounts; a++) {
            engine.deposit(a, 0, BigInteger.valueOf(rnd.nextLong(1_000, 50_000) * 1_000_000L));
            engine.deposit(a, 1, BigInteger.valueOf(rnd.nextLong(1, 1_000) * 1_000_000_000_000_000L)); // ≤ 1 WETH
            engine.deposit(a, 2, BigInteger.valueOf(rnd.nextLong(1, 100) * 100_000L));                 // ≤ 0.01 WBTC
            engine.trade(a, 0, false, (rnd.nextBoolean() ? 1 : -1) * rnd.nextLong(1, 500) * 1_000_000L);  // ≤ 0.5 ETH
            engine.trade(a, 1, false, (rnd.nextBoolean() ? 1 : -1) * rnd.nextLong(1, 50) * 1_000_000L);   // ≤ 0.05 BTC
        }
        marginOut = new long[accounts];
    }

    @Benchmark
    public long priceTickThenRevalueAll() {
        round++;
        answer += (round & 1) == 0 ? 150_000_000L : -150_000_000L; // ±$1.50 per tick
        engine.setRound(ethFeed, round, answer, engine.time(), engine.time(), round);
        engine.revalueAll(marginOut);
        return marginOut[marginOut.length - 1];
    }
}
