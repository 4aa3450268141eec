package dev.marginsim.bench.prover;

import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import java.security.SecureRandom;

/**
 * Where batch-affine Pippenger starts to beat Bouncy Castle's interleaved wNAF for a small sum (sets
 * {@code Msm.PIPPENGER_THRESHOLD}). Both run in the same loop on the same scalars and points, for
 * sizes 16–128: Bouncy Castle once on fresh point objects (it must build each point's table, as for
 * the inner-product prover's freshly materialised generators) and once more on the same objects (its
 * tables cached on the points, as for the process-wide generators). Figures are the best of 6 timed
 * rounds of 64 sums each, in µs per sum, one thread.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.marginsim.bench.prover.MsmCrossoverTimer}.
 */
public final class MsmCrossoverTimer {
    private static final int[] SIZES = {16, 24, 32, 48, 64, 80, 96, 128};
    private static final int SUMS = 64;

    private MsmCrossoverTimer() {
    }

    public static void main(String[] args) throws Exception {
        SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(1L);
        System.out.printf("%5s %12s %14s %12s %16s %17s%n", "terms", "BC fresh", "BC cached", "Pippenger",
                "Pip / BC fresh", "Pip / BC cached");
        for (int n : SIZES) {
            byte[][][] encoded = new byte[SUMS][n][];
            Scalar[][] scalars = new Scalar[SUMS][n];
            for (int q = 0; q < SUMS; q++) {
                for (int i = 0; i < n; i++) {
                    encoded[q][i] = Point.GENERATOR.multiply(Scalar.random(rng)).encode();
                    scalars[q][i] = Scalar.random(rng);
                }
            }
            double fresh = Double.MAX_VALUE;
            double cached = Double.MAX_VALUE;
            double pippenger = Double.MAX_VALUE;
            for (int round = 0; round < 8; round++) {
                Point[][] forBc = decode(encoded);
                Point[][] forPippenger = decode(encoded);
                long t0 = System.nanoTime();
                for (int q = 0; q < SUMS; q++) {
                    Msm.sumBouncyCastle(scalars[q], forBc[q]);
                }
                long t1 = System.nanoTime();
                for (int q = 0; q < SUMS; q++) {
                    Msm.sumPippenger(scalars[q], forPippenger[q]);
                }
                long t2 = System.nanoTime();
                for (int q = 0; q < SUMS; q++) {
                    Msm.sumBouncyCastle(scalars[q], forBc[q]);
                }
                long t3 = System.nanoTime();
                if (round >= 2) { // the first two rounds warm the JIT up
                    fresh = Math.min(fresh, (t1 - t0) / 1e3 / SUMS);
                    pippenger = Math.min(pippenger, (t2 - t1) / 1e3 / SUMS);
                    cached = Math.min(cached, (t3 - t2) / 1e3 / SUMS);
                }
            }
            System.out.printf("%5d %9.0f µs %11.0f µs %9.0f µs %16.2f %17.2f%n", n, fresh, cached, pippenger,
                    pippenger / fresh, pippenger / cached);
        }
    }

    private static Point[][] decode(byte[][][] encoded) throws Exception {
        Point[][] out = new Point[encoded.length][];
        for (int q = 0; q < encoded.length; q++) {
            out[q] = new Point[encoded[q].length];
            for (int i = 0; i < encoded[q].length; i++) {
                out[q][i] = Point.decode(encoded[q][i]);
            }
        }
        return out;
    }
}
