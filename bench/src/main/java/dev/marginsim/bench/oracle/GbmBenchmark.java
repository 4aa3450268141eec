package dev.marginsim.bench.oracle;

import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.synthetic.Gbm;
import dev.marginsim.oracle.synthetic.PathGrid;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * 10 million GBM steps (goal: at most 1 s on 2 cores): ten seeded one-minute paths of 1,000,000
 * steps each, every price rounded to an 8-decimal feed integer, as {@code marginsim prices generate}
 * makes them. Measured on one thread and on two (five paths each, streams by path index), against a
 * peer in the same run: the textbook loop with {@code java.util.Random.nextGaussian} (polar method).
 *
 * <p>Run: {@code bench/run jmh GbmBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GbmBenchmark {
    static final int PATHS = 10;
    static final int STEPS = 1_000_000;
    static final long SEED = 42;

    private final Gbm gbm = new Gbm(0.1, 0.8);
    private final PathGrid grid = new PathGrid("ETH/USD", 8, 1_700_000_000L, 60, STEPS, new BigDecimal("2000"));
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void start() {
        pool = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.shutdownNow();
    }

    /** 10 M steps on one thread. */
    @Benchmark
    public long oneThread() {
        long sum = 0;
        for (int p = 0; p < PATHS; p++) {
            sum += last(gbm.generate(grid, SEED, p));
        }
        return sum;
    }

    /** 10 M steps on two threads (paths 0-4 and 5-9); identical paths to {@link #oneThread}. */
    @Benchmark
    public long twoThreads() throws Exception {
        List<Future<Long>> halves = new ArrayList<>();
        for (int h = 0; h < 2; h++) {
            int from = h * PATHS / 2;
            halves.add(pool.submit(() -> {
                long sum = 0;
                for (int p = from; p < from + PATHS / 2; p++) {
                    sum += last(gbm.generate(grid, SEED, p));
                }
                return sum;
            }));
        }
        return halves.get(0).get() + halves.get(1).get();
    }

    /** The peer: the same 10 M steps with java.util.Random's polar Gaussian, same exp and rounding. */
    @Benchmark
    public long jdkRandomPeer() {
        double dt = grid.dtYears();
        double drift = (0.1 - 0.32) * dt;
        double vol = 0.8 * Math.sqrt(dt);
        long sum = 0;
        for (int p = 0; p < PATHS; p++) {
            Random rnd = new Random(SEED + p);
            long[] prices = new long[STEPS + 1];
            double start = 2000e8;
            double log = 0;
            prices[0] = (long) start;
            for (int k = 1; k <= STEPS; k++) {
                log += drift + vol * rnd.nextGaussian();
                prices[k] = (long) Math.rint(start * Math.exp(log));
            }
            sum += prices[STEPS];
        }
        return sum;
    }

    private static long last(PricePath p) {
        return p.price(p.size() - 1);
    }
}
