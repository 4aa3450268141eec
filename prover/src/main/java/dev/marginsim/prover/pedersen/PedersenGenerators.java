package dev.marginsim.prover.pedersen;

import dev.marginsim.prover.curve.FixedPair;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;

/**
 * The two bases of a Pedersen commitment C = v·G + r·H. {@link #STANDARD} is the only pair proofs use:
 * G is secp256k1's base point; H is {@code hashToCurve("marginsim/pedersen/v1/H", encode(G))}, so no one
 * knows log_G(H) (docs/proofs-private.md, "Generators"). A pair with a known log lets a committer open
 * one commitment to any value, which is why other pairs can only be built inside this package (tests
 * show exactly that forgery).
 */
public final class PedersenGenerators {
    /** Domain tag of the blinding generator's derivation. */
    public static final String H_DOMAIN = "marginsim/pedersen/v1/H";

    public static final PedersenGenerators STANDARD =
            new PedersenGenerators(Point.GENERATOR, Point.hashToCurve(H_DOMAIN, Point.GENERATOR.encode()));

    private final Point g;
    private final Point h;

    PedersenGenerators(Point g, Point h) {
        if (g.isInfinity() || h.isInfinity() || g.equals(h)) {
            throw new IllegalArgumentException("generators must be two distinct finite points");
        }
        this.g = g;
        this.h = h;
    }

    /** The value base G. */
    public Point g() {
        return g;
    }

    /** The blinding base H. */
    public Point h() {
        return h;
    }

    /** v·G + r·H with fixed-base (comb) tables for both bases. */
    Point commit(Scalar value, Scalar blinding) {
        return g.multiplyFixed(value).add(h.multiplyFixed(blinding));
    }

    /**
     * {@code values[i]·G + blindings[i]·H} for many pairs at once: batched over the standard pair's
     * windowed tables ({@link FixedPair}, built on first use), one by one for any other pair.
     */
    Point[] commitAll(Scalar[] values, Scalar[] blindings) {
        if (this == STANDARD) {
            return StandardPair.PAIR.sums(values, blindings);
        }
        Point[] out = new Point[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = commit(values[i], blindings[i]);
        }
        return out;
    }

    /** The standard generators' tables, made once per process on first use. */
    private static final class StandardPair {
        static final FixedPair PAIR = new FixedPair(STANDARD.g, STANDARD.h);
    }
}
