package dev.marginsim.prover.curve;

import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A point of secp256k1 (possibly the point at infinity, which arithmetic can produce). Immutable,
 * held in affine (normalised) form so that equality and encoding are cheap and well defined.
 *
 * <p>The only wire form is SEC1 compressed: 33 bytes, {@code 0x02}/{@code 0x03} then x big-endian.
 * {@link #decode} accepts nothing else: not the uncompressed or hybrid forms, not the one-byte
 * infinity, not an x ≥ p, not an x with no point above it.
 */
public final class Point {
    /** Length of the encoding: 33 bytes. */
    public static final int BYTES = 33;

    public static final Point INFINITY = new Point(Secp256k1.INFINITY);
    /** The standard base point G of secp256k1. */
    public static final Point GENERATOR = new Point(Secp256k1.G);

    private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

    private final ECPoint ec;
    /** Affine x and y as 10 limbs ({@link AffineBatch} form), made on first use by the batch-affine sums. */
    private volatile long[] affine;
    /** The same for φ(P) = (β·x, y), the GLV endomorphism's image. */
    private volatile long[] affineEndo;
    /** Window multiples for use as a fixed base, if someone built them ({@link WindowTable#build}). */
    private volatile WindowTable windows;

    private Point(ECPoint normalised) {
        this.ec = normalised;
    }

    void attach(WindowTable table) {
        windows = table;
    }

    /** This point's window table, or null. */
    WindowTable windows() {
        return windows;
    }

    /**
     * (β·x, y) as 10 limbs: the GLV endomorphism φ(P) = λ·P in {@link AffineBatch} form (callers must not
     * modify it); not for infinity.
     */
    long[] affineEndo() {
        long[] r = affineEndo;
        if (r == null) {
            long[] p = affine();
            r = p.clone();
            FieldP52.multiply(Secp256k1.BETA, 0, p, 0, r, 0);
            affineEndo = r;
        }
        return r;
    }

    /** (x, y) as 10 limbs in {@link AffineBatch} form (callers must not modify it); not for infinity. */
    long[] affine() {
        long[] r = affine;
        if (r == null) {
            r = new long[AffineBatch.POINT];
            FieldP52.fromBigInteger(ec.getAffineXCoord().toBigInteger(), r, 0);
            FieldP52.fromBigInteger(ec.getAffineYCoord().toBigInteger(), r, FieldP52.LIMBS);
            affine = r;
        }
        return r;
    }

    /** The affine point whose 10 limbs (x, y) the caller computed at {@code at} (not re-checked; copied). */
    static Point ofAffine(long[] limbs, int at) {
        long[] r = new long[AffineBatch.POINT];
        FieldP52.normalize(limbs, at, r, 0);
        FieldP52.normalize(limbs, at + FieldP52.LIMBS, r, FieldP52.LIMBS);
        Point p = new Point(Secp256k1.CURVE.createPoint(FieldP52.toBigInteger(r, 0),
                FieldP52.toBigInteger(r, FieldP52.LIMBS)));
        p.affine = r;
        return p;
    }

    /** Wraps a Bouncy Castle point of this curve (normalising it). */
    static Point of(ECPoint p) {
        return new Point(p.normalize());
    }

    /** The normalised Bouncy Castle point (for the multipliers in this package). */
    ECPoint ec() {
        return ec;
    }

    /**
     * Decodes a SEC1 compressed point.
     *
     * @throws VerificationException {@link Failure#MALFORMED_FIELD} for a wrong length or prefix,
     *     {@link Failure#POINT_AT_INFINITY} for an all-zero encoding, {@link Failure#POINT_NOT_ON_CURVE}
     *     for an x ≥ p or an x that is not the abscissa of a curve point
     */
    public static Point decode(byte[] bytes) throws VerificationException {
        if (bytes == null || bytes.length != BYTES) {
            throw new VerificationException(Failure.MALFORMED_FIELD,
                    "a point is " + BYTES + " bytes (SEC1 compressed), got " + (bytes == null ? "none" : bytes.length));
        }
        if (bytes[0] != 0x02 && bytes[0] != 0x03) {
            boolean allZero = true;
            for (byte b : bytes) {
                allZero &= b == 0;
            }
            if (allZero) {
                throw new VerificationException(Failure.POINT_AT_INFINITY, "the point at infinity is not allowed here");
            }
            throw new VerificationException(Failure.MALFORMED_FIELD,
                    String.format("a compressed point starts with 0x02 or 0x03, not 0x%02x", bytes[0] & 0xff));
        }
        try {
            // Bouncy Castle rejects x >= p when building the field element and x with no square root.
            ECPoint p = Secp256k1.CURVE.decodePoint(bytes);
            return new Point(p.normalize());
        } catch (IllegalArgumentException e) {
            throw new VerificationException(Failure.POINT_NOT_ON_CURVE, "not a point of secp256k1", e);
        }
    }

    /**
     * The 33-byte SEC1 compressed encoding.
     *
     * @throws IllegalStateException for the point at infinity, which this format cannot carry
     */
    public byte[] encode() {
        if (ec.isInfinity()) {
            throw new IllegalStateException("the point at infinity has no encoding in this format");
        }
        return ec.getEncoded(true);
    }

    public boolean isInfinity() {
        return ec.isInfinity();
    }

    public Point add(Point o) {
        return of(ec.add(o.ec));
    }

    public Point subtract(Point o) {
        return of(ec.subtract(o.ec));
    }

    public Point negate() {
        return new Point(ec.negate());
    }

    /** {@code k·this}, variable base (Bouncy Castle's GLV multiplier). */
    public Point multiply(Scalar k) {
        return of(ec.multiply(k.toBigInteger()));
    }

    /**
     * {@code k·this} for a point used as a fixed base many times (G, H): Bouncy Castle's comb multiplier,
     * whose table is computed on first use and cached on this point.
     */
    public Point multiplyFixed(Scalar k) {
        if (k.isZero() || ec.isInfinity()) {
            return INFINITY;
        }
        return of(COMB.multiply(ec, k.toBigInteger()));
    }

    /**
     * Hash to curve by try-and-increment (docs/proofs-private.md, "Generators"): for counter = 0, 1, …
     * x = SHA-256(u32(|dst|) ‖ dst ‖ u32(|msg|) ‖ msg ‖ u32(counter)); the first x below p that is the
     * abscissa of a curve point gives the point with even y. Nobody knows the discrete log of the result
     * to any other point, which is what a second Pedersen generator needs.
     */
    public static Point hashToCurve(String dst, byte[] msg) {
        byte[] tag = dst.getBytes(StandardCharsets.UTF_8);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        for (int counter = 0; counter < 1024; counter++) {
            sha.update(u32(tag.length));
            sha.update(tag);
            sha.update(u32(msg.length));
            sha.update(msg);
            sha.update(u32(counter));
            byte[] x = sha.digest();
            byte[] candidate = new byte[BYTES];
            candidate[0] = 0x02;
            System.arraycopy(x, 0, candidate, 1, 32);
            try {
                return decode(candidate);
            } catch (VerificationException notAPoint) {
                // about half of all x have no point: try the next counter
            }
        }
        throw new IllegalStateException("no curve point after 1024 tries (probability 2^-1024)");
    }

    static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Point && ((Point) o).ec.equals(ec);
    }

    @Override
    public int hashCode() {
        return ec.isInfinity() ? 0 : Arrays.hashCode(ec.getEncoded(true));
    }

    @Override
    public String toString() {
        return ec.isInfinity() ? "infinity" : HexFormat.of().formatHex(ec.getEncoded(true));
    }
}
