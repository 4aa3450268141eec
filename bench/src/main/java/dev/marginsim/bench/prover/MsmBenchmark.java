package dev.marginsim.bench.prover;

import dev.marginsim.prover.bulletproofs.BulletproofGenerators;
import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
 * Multi-scalar multiplication Σ kᵢ·Pᵢ over the range proofs' generators with random scalars: the
 * peer is Bouncy Castle's own sum of products ({@code ECAlgorithms.sumOfMultiplies}, interleaved wNAF
 * with GLV), measured in the same run. {@code pippengerAffine} is the batch-affine bucket method,
 * {@code pippengerJacobian} the same with Bouncy Castle's Jacobian additions, {@code sum} what the
 * prover uses (picks the method by size; single-threaded here, see the fork's system property).
 *
 * <p>Run: {@code bench/run jmh Msm}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dmarginsim.msm.parallelThreshold=1000000000")
public class MsmBenchmark {
    @Param({"64", "256", "1024", "2048"})
    int terms;

    private Scalar[] scalars;
    private Point[] points;

    @Setup(Level.Trial)
    public void setUp() throws NoSuchAlgorithmException {
        SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(9L);
        scalars = new Scalar[terms];
        for (int i = 0; i < terms; i++) {
            scalars[i] = Scalar.random(rng);
        }
        points = BulletproofGenerators.g(terms);
    }

    @Benchmark
    public Point bouncyCastle() {
        return Msm.sumBouncyCastle(scalars, points);
    }

    @Benchmark
    public Point pippengerAffine() {
        return Msm.sumPippenger(scalars, points);
    }

    @Benchmark
    public Point pippengerJacobian() {
        return Msm.sumPippengerJacobian(scalars, points);
    }

    @Benchmark
    public Point sum() {
        return Msm.sum(scalars, points);
    }
}
