package dev.marginsim.prover.curve;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Seeded randomness for the private tier's tests: a deterministic SHA1PRNG (a SecureRandom, because the
 * provers take one) seeded from {@code -Dmarginsim.test.seed} or a fixed default. The seed is printed so
 * a failure can be replayed.
 */
public final class TestRandom {
    public static final long DEFAULT_SEED = 20261125L;

    private TestRandom() {
    }

    public static long seed(String testName) {
        long seed = Long.getLong("marginsim.test.seed", DEFAULT_SEED);
        System.out.println(testName + ": seed " + seed + " (replay with -Dmarginsim.test.seed=" + seed + ")");
        return seed;
    }

    /** A deterministic SecureRandom for {@code seed} (mixed with a per-use salt so streams differ). */
    public static SecureRandom secure(long seed, String salt) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed((seed + ":" + salt).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
