package dev.marginsim.bench.prover;

import dev.marginsim.prover.bulletproofs.BulletproofGenerators;
import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A fixed piece of work that tells how fast this machine runs at the moment: Bouncy Castle's
 * {@code sumOfMultiplies} over the 2,050 terms {@link RangeProofTimer} also times (97 ms on the Intel
 * machine of docs/benchmarks.md). The virtual machines here drift by up to 40 % within an hour, so a
 * harness prints it next to its absolute figures: a figure is compared with another through their gauges.
 */
final class SpeedGauge {
    static final int TERMS = 2 * 64 * 16 + 2;

    private SpeedGauge() {
    }

    /**
     * Median wall time in ms of 9 sums, after 3 s of untimed ones: Bouncy Castle's code must be compiled
     * (with 2 warm-up sums, a harness whose own work barely calls it read 197 ms where RangeProofTimer
     * read 167–186 ms in the same hour; warmed for 3 s, 166–183 ms), and the generators' tables cached.
     */
    static double millis() throws Exception {
        SecureRandom rng = SecureRandom.getInstance("SHA1PRNG");
        rng.setSeed(7L);
        Scalar[] k = new Scalar[TERMS];
        for (int i = 0; i < TERMS; i++) {
            k[i] = Scalar.random(rng);
        }
        Point[] p = BulletproofGenerators.g(TERMS);
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            Msm.sumBouncyCastle(k, p);
        }
        double[] ms = new double[9];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            Msm.sumBouncyCastle(k, p);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** One line for a harness's output. */
    static String line() throws Exception {
        return String.format("speed gauge (Bouncy Castle sumOfMultiplies, %d terms): %.0f ms (97 ms on the reference Intel machine)",
                TERMS, millis());
    }
}
