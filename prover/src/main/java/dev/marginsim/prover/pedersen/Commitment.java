package dev.marginsim.prover.pedersen;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.format.Hex;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.Objects;

/**
 * A Pedersen commitment C = v·G + r·H on secp256k1 ({@link PedersenGenerators#STANDARD}): hiding
 * (r uniform makes C uniform) and binding (opening C to two values reveals log_G H). Additively
 * homomorphic: C(v₁, r₁) + C(v₂, r₂) = C(v₁ + v₂, r₁ + r₂), which is what lets tree nodes carry sums.
 *
 * <p>Wire form: the 33-byte compressed point, in JSON {@code 0x}-prefixed lower-case hex. A decoded
 * commitment is never the point at infinity; a computed one (e.g. C − C) may be, and then cannot be
 * encoded.
 */
public final class Commitment {
    private final Point point;

    Commitment(Point point) {
        this.point = Objects.requireNonNull(point, "point");
    }

    /** Commits to {@code value} with {@code blinding}: v·G + r·H. */
    public static Commitment commit(Scalar value, Scalar blinding) {
        return new Opening(value, blinding).commit();
    }

    /**
     * {@code values[i]·G + blindings[i]·H} for many commitments at once (batched fixed-base additions,
     * about 64 per commitment sharing their inversions, instead of two comb multiplications each); the
     * same points as {@link #commit}.
     */
    public static Commitment[] commitAll(Scalar[] values, Scalar[] blindings) {
        if (values.length != blindings.length) {
            throw new IllegalArgumentException(values.length + " values against " + blindings.length + " blindings");
        }
        Point[] points = PedersenGenerators.STANDARD.commitAll(values, blindings);
        Commitment[] out = new Commitment[points.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Commitment(points[i]);
        }
        return out;
    }

    /** Wraps a point as a commitment (e.g. one computed by a multi-scalar multiplication). */
    public static Commitment ofPoint(Point point) {
        return new Commitment(point);
    }

    /**
     * Decodes 33 bytes.
     *
     * @throws VerificationException as {@link Point#decode}: wrong length, infinity, off curve
     */
    public static Commitment decode(byte[] bytes) throws VerificationException {
        return new Commitment(Point.decode(bytes));
    }

    /**
     * Decodes {@code 0x} + 66 lower-case hex digits.
     *
     * @param what names the field in a rejection
     */
    public static Commitment fromHex(String hex, String what) throws VerificationException {
        try {
            return decode(Hex.decode(hex, Point.BYTES, what));
        } catch (VerificationException e) {
            throw new VerificationException(e.failure(), what + ": " + e.getMessage(), e);
        }
    }

    public Point point() {
        return point;
    }

    public byte[] encode() {
        return point.encode();
    }

    public String toHex() {
        return Hex.encode(encode());
    }

    public Commitment add(Commitment o) {
        return new Commitment(point.add(o.point));
    }

    public Commitment subtract(Commitment o) {
        return new Commitment(point.subtract(o.point));
    }

    /** k·C, a commitment to k·v with blinding k·r. */
    public Commitment multiply(Scalar k) {
        return new Commitment(point.multiply(k));
    }

    /** C + k·G: shifts the committed value by k without changing the blinding. */
    public Commitment addValue(Scalar k) {
        return new Commitment(point.add(PedersenGenerators.STANDARD.g().multiplyFixed(k)));
    }

    /**
     * Checks that {@code opening} opens this commitment.
     *
     * @throws VerificationException {@link Failure#COMMITMENT_MISMATCH} if it does not
     */
    public void verifyOpening(Opening opening) throws VerificationException {
        verifyOpening(opening, PedersenGenerators.STANDARD);
    }

    void verifyOpening(Opening opening, PedersenGenerators gens) throws VerificationException {
        if (!opening.commit(gens).point.equals(point)) {
            throw new VerificationException(Failure.COMMITMENT_MISMATCH, "the opening does not open this commitment");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Commitment && ((Commitment) o).point.equals(point);
    }

    @Override
    public int hashCode() {
        return point.hashCode();
    }

    @Override
    public String toString() {
        return "Commitment[" + point + "]";
    }
}
