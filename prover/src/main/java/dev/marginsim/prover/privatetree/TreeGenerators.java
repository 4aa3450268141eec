package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.pedersen.PedersenGenerators;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The two Pedersen generators as Bouncy Castle points, for the tree builder's fixed-base tables:
 * G for values, H for blindings. {@link #STANDARD} is {@link PedersenGenerators#STANDARD} (H by
 * hash-to-curve, no known discrete log), carried over through the points' SEC1 encodings since the
 * pedersen package keeps its Bouncy Castle points to itself.
 */
public record TreeGenerators(ECPoint g, ECPoint h) {
    public static final TreeGenerators STANDARD = new TreeGenerators(
            Scalars.CURVE.decodePoint(PedersenGenerators.STANDARD.g().encode()),
            Scalars.CURVE.decodePoint(PedersenGenerators.STANDARD.h().encode()));

    public TreeGenerators {
        g = g.normalize();
        h = h.normalize();
        if (g.isInfinity() || h.isInfinity() || g.equals(h)) {
            throw new IllegalArgumentException("two distinct generators are needed");
        }
    }
}
