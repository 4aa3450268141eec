package dev.marginsim.oracle.synthetic;

import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Per-path random streams from one master seed. Stream {@code i} is XoRoShiRo128++ seeded from the
 * master seed (commons-rng expands the long with SplitMix64) and then jumped {@code i} times; each jump
 * moves 2^64 draws ahead, so streams never overlap for paths shorter than 2^64 draws, and path
 * {@code i} is the same whatever other paths are generated, in whatever order or thread.
 */
public final class SeedStreams {
    private SeedStreams() {
    }

    /** The stream of path {@code index} (0-based) under {@code masterSeed}. */
    public static UniformRandomProvider stream(long masterSeed, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("path index must not be negative, got " + index);
        }
        JumpableUniformRandomProvider rng = (JumpableUniformRandomProvider) RandomSource.XO_RO_SHI_RO_128_PP.create(masterSeed);
        for (int i = 0; i < index; i++) {
            rng.jump();
        }
        return rng;
    }
}
