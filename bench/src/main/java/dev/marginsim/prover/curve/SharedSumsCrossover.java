package dev.marginsim.prover.curve;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Timed harness (in the prover's package, for {@link SharedScalarSums}' package-private methods): from
 * how many outputs the batched shared schedule beats one Bouncy Castle sum per output (sets
 * {@code SharedScalarSums.MIN_OUTPUTS}). Sums of 8 fresh points per output with shared scalars, as the
 * inner-product prover's late generator updates are; both methods alternate in the same loop on the
 * same inputs. Figures are medians of 15 rounds of 10 calls, in µs per call, one thread.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.marginsim.prover.curve.SharedSumsCrossover}.
 */
public final class SharedSumsCrossover {
    private static final int[] OUTPUTS = {2, 4, 8, 16, 32};
    private static final int PER = 8;
    private static final int ROUNDS = 15;
    private static final int CALLS = 10;

    private SharedSumsCrossover() {
    }

    public static void main(String[] args) throws Exception {
        SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(1L);
        System.out.printf("%7s %12s %14s %8s%n", "outputs", "batched", "one by one", "ratio");
        for (int n : OUTPUTS) {
            Scalar[] t = new Scalar[PER];
            for (int h = 0; h < PER; h++) {
                t[h] = Scalar.random(rng);
            }
            Point[] base = new Point[PER * n];
            for (int i = 0; i < base.length; i++) {
                base[i] = Point.GENERATOR.multiply(Scalar.random(rng));
            }
            for (int w = 0; w < 30; w++) {
                SharedScalarSums.batched(t, base, n);
                SharedScalarSums.reference(t, base, n);
            }
            double[] batched = new double[ROUNDS];
            double[] alone = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < CALLS; k++) {
                    check(SharedScalarSums.batched(t, base, n), n);
                }
                long t1 = System.nanoTime();
                for (int k = 0; k < CALLS; k++) {
                    check(SharedScalarSums.reference(t, base, n), n);
                }
                long t2 = System.nanoTime();
                batched[r] = (t1 - t0) / 1e3 / CALLS;
                alone[r] = (t2 - t1) / 1e3 / CALLS;
            }
            double b = median(batched);
            double a = median(alone);
            System.out.printf("%7d %9.0f µs %11.0f µs %8.2f%n", n, b, a, b / a);
        }
    }

    private static void check(Point[] out, int n) {
        if (out.length != n) {
            throw new IllegalStateException("expected " + n + " outputs");
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
