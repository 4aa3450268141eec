package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;

/** A change to the market itself, before the oracle observes it (e.g. a stablecoin de-peg). */
@FunctionalInterface
public interface PathTransform {
    PricePath apply(PricePath market);
}
