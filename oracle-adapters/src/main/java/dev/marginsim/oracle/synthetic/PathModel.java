package dev.marginsim.oracle.synthetic;

import dev.marginsim.oracle.path.PricePath;
import org.apache.commons.rng.UniformRandomProvider;

/** A model of one asset's price: a pure function of the grid and the random stream. */
public interface PathModel {

    /** A path on {@code grid} drawn from {@code rng}. */
    PricePath generate(PathGrid grid, UniformRandomProvider rng);

    /** The path of index {@code index} under {@code masterSeed} (see {@link SeedStreams}). */
    default PricePath generate(PathGrid grid, long masterSeed, int index) {
        return generate(grid, SeedStreams.stream(masterSeed, index));
    }
}
