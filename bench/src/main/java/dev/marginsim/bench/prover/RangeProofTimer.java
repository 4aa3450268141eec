package dev.marginsim.bench.prover;

import dev.marginsim.prover.bulletproofs.RangeClaim;
import dev.marginsim.prover.bulletproofs.RangeProof;
import dev.marginsim.prover.bulletproofs.RangeProver;
import dev.marginsim.prover.bulletproofs.RangeVerifier;
import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.bulletproofs.BulletproofGenerators;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A timed harness for the range proofs that also reports CPU time, because the shared 2-core machines
 * this project is measured on are often loaded and wall time then says more about the neighbours than
 * about the code. For each case it prints the median wall time, the process CPU time per operation
 * (all threads, JIT included) and the benchmark thread's own CPU time, after a warm-up. With
 * {@code -Dmarginsim.msm.parallelThreshold=1000000000} everything runs on the benchmark thread and its
 * CPU time is the most load-independent figure. The peer ratio: the same
 * sum of 2·64·16 + 2 terms by Bouncy Castle's {@code sumOfMultiplies} and by {@code Msm.sum}.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.marginsim.bench.prover.RangeProofTimer [seconds per case]}.
 */
public final class RangeProofTimer {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RangeProofTimer() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 4;
        SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(3L);
        System.out.printf("%-34s %12s %12s %14s%n", "case", "wall ms/op", "cpu ms/op", "main cpu ms/op");
        for (int m : new int[] {1, 16}) {
            List<Opening> os = new ArrayList<>();
            List<Commitment> cs = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                Opening o = Opening.random(rng.nextLong() & Long.MAX_VALUE, rng);
                os.add(o);
                cs.add(o.commit());
            }
            RangeProof[] proof = {RangeProver.prove(ctx(0), 64, os, rng)};
            time("prove " + m + " x 64 bit", seconds, () -> proof[0] = RangeProver.prove(ctx(0), 64, os, rng));
            time("verify " + m + " x 64 bit (" + proof[0].encode().length + " B)", seconds,
                    () -> RangeVerifier.verify(ctx(0), 64, cs, proof[0]));
        }
        int batch = 16;
        List<List<Commitment>> bc = new ArrayList<>();
        List<RangeProof> bp = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            Opening o = Opening.random(i, rng);
            bc.add(List.of(o.commit()));
            bp.add(RangeProver.prove(ctx(i), 64, o, rng));
        }
        time("verify 16 proofs one by one", seconds, () -> {
            for (int i = 0; i < batch; i++) {
                RangeVerifier.verify(ctx(i), 64, bc.get(i), bp.get(i));
            }
        });
        time("verify 16 proofs as a batch", seconds, () -> {
            List<RangeClaim> claims = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                claims.add(new RangeClaim(ctx(i), 64, bc.get(i), bp.get(i)));
            }
            RangeVerifier.verifyBatch(claims);
        });
        int terms = SpeedGauge.TERMS; // the peer below is the speed gauge other harnesses print
        Scalar[] k = new Scalar[terms];
        Point[] p = BulletproofGenerators.g(terms);
        for (int i = 0; i < terms; i++) {
            k[i] = Scalar.random(rng);
        }
        double ours = time("msm " + terms + " terms, Msm.sum", seconds, () -> Msm.sum(k, p));
        double peer = time("msm " + terms + " terms, BC sumOfMultiplies", seconds, () -> Msm.sumBouncyCastle(k, p));
        System.out.printf("msm ratio (BC / ours, wall): %.2f%n", peer / ours);
    }

    private static Transcript ctx(int i) {
        return Transcript.start("marginsim/bench/v1").append("round", 1L).append("account", i);
    }

    interface Op {
        void run() throws Exception;
    }

    /**
     * Median wall time per op over at least {@code seconds} and 10 runs, after a warm-up of at least
     * half that time and 20 runs (so the JIT has compiled the hot paths); prints CPU too.
     */
    private static double time(String name, double seconds, Op op) throws Exception {
        long until = System.nanoTime() + (long) (seconds * 1e9 / 2);
        for (int i = 0; i < 20 || System.nanoTime() < until; i++) {
            op.run();
        }
        List<Long> walls = new ArrayList<>();
        long cpu0 = OS.getProcessCpuTime();
        long main0 = THREADS.getCurrentThreadCpuTime();
        until = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long t0 = System.nanoTime();
            op.run();
            walls.add(System.nanoTime() - t0);
        } while (System.nanoTime() < until || walls.size() < 10);
        long cpu = OS.getProcessCpuTime() - cpu0;
        long main = THREADS.getCurrentThreadCpuTime() - main0;
        walls.sort(null);
        double median = walls.get(walls.size() / 2) / 1e6;
        System.out.printf("%-34s %12.2f %12.2f %14.2f   (%d runs)%n", name, median, cpu / 1e6 / walls.size(),
                main / 1e6 / walls.size(), walls.size());
        return median;
    }
}
