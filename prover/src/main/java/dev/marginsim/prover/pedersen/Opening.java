package dev.marginsim.prover.pedersen;

import dev.marginsim.prover.curve.Scalar;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * What opens a commitment: the value v and the blinding factor r of C = v·G + r·H. Openings are
 * secrets of the committer; {@link #toString} never prints them. Openings add and subtract exactly as
 * their commitments do, so a prover tracks a sum of commitments by the sum of openings.
 */
public final class Opening {
    private final Scalar value;
    private final Scalar blinding;

    public Opening(Scalar value, Scalar blinding) {
        this.value = Objects.requireNonNull(value, "value");
        this.blinding = Objects.requireNonNull(blinding, "blinding");
    }

    /** A fresh opening of a value with a uniformly random non-zero blinding factor. */
    public static Opening random(Scalar value, SecureRandom rng) {
        return new Opening(value, Scalar.random(rng));
    }

    /** A fresh opening of a non-negative or negative long (negative values are their residue mod n). */
    public static Opening random(long value, SecureRandom rng) {
        return random(Scalar.of(value), rng);
    }

    public Scalar value() {
        return value;
    }

    public Scalar blinding() {
        return blinding;
    }

    /** The commitment to this opening under the standard generators. */
    public Commitment commit() {
        return commit(PedersenGenerators.STANDARD);
    }

    Commitment commit(PedersenGenerators gens) {
        return new Commitment(gens.commit(value, blinding));
    }

    public Opening add(Opening o) {
        return new Opening(value.add(o.value), blinding.add(o.blinding));
    }

    public Opening subtract(Opening o) {
        return new Opening(value.subtract(o.value), blinding.subtract(o.blinding));
    }

    /** k·(v, r): opens k·C. */
    public Opening multiply(Scalar k) {
        return new Opening(value.multiply(k), blinding.multiply(k));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Opening && ((Opening) o).value.equals(value) && ((Opening) o).blinding.equals(blinding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, blinding);
    }

    @Override
    public String toString() {
        return "Opening[redacted]";
    }
}
