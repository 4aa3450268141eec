package dev.marginsim.prover.curve;

import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An element of the scalar field of secp256k1: an integer in [0, n), n the group order. Immutable.
 *
 * <p>Arithmetic is modulo n. Decoding is strict: exactly 32 big-endian bytes whose value is below n
 * (a value ≥ n is rejected, never silently reduced, so every scalar has one encoding). Reduction is
 * only done where a caller asks for it by name ({@link #reduce}, {@link #fromWideBytes}).
 */
public final class Scalar {
    /** The group order n of secp256k1. */
    public static final BigInteger ORDER = Secp256k1.ORDER;
    /** Length of the encoding: 32 bytes, big-endian. */
    public static final int BYTES = 32;

    public static final Scalar ZERO = new Scalar(BigInteger.ZERO);
    public static final Scalar ONE = new Scalar(BigInteger.ONE);
    public static final Scalar TWO = new Scalar(BigInteger.TWO);

    private final BigInteger value;

    private Scalar(BigInteger value) {
        this.value = value;
    }

    /** The residue of a (possibly negative) long: {@code of(-1)} is n − 1. */
    public static Scalar of(long v) {
        return new Scalar(BigInteger.valueOf(v).mod(ORDER));
    }

    /** The residue of any integer modulo n; use where wrapping is the intended meaning. */
    public static Scalar reduce(BigInteger v) {
        return new Scalar(v.mod(ORDER));
    }

    /**
     * A scalar from its canonical integer value.
     *
     * @throws IllegalArgumentException if {@code v} is negative or not below n
     */
    public static Scalar ofCanonical(BigInteger v) {
        if (v.signum() < 0 || v.compareTo(ORDER) >= 0) {
            throw new IllegalArgumentException("scalar must lie in [0, n): " + v);
        }
        return new Scalar(v);
    }

    /**
     * Decodes exactly 32 big-endian bytes.
     *
     * @throws VerificationException {@link Failure#MALFORMED_FIELD} for a wrong length,
     *     {@link Failure#SCALAR_OUT_OF_RANGE} for a value ≥ n
     */
    public static Scalar decode(byte[] bytes) throws VerificationException {
        if (bytes == null || bytes.length != BYTES) {
            throw new VerificationException(Failure.MALFORMED_FIELD,
                    "a scalar is " + BYTES + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        BigInteger v = new BigInteger(1, bytes);
        if (v.compareTo(ORDER) >= 0) {
            throw new VerificationException(Failure.SCALAR_OUT_OF_RANGE, "scalar not below the group order");
        }
        return new Scalar(v);
    }

    /**
     * The big-endian integer of {@code wide} reduced modulo n. With 64 bytes of hash output the bias is
     * below 2^-256, which is why challenges are derived from 64 bytes rather than 32.
     */
    public static Scalar fromWideBytes(byte[] wide) {
        if (wide.length < 48) {
            throw new IllegalArgumentException("need at least 48 bytes for an unbiased reduction, got " + wide.length);
        }
        return new Scalar(new BigInteger(1, wide).mod(ORDER));
    }

    /** A uniformly random non-zero scalar. */
    public static Scalar random(SecureRandom rng) {
        byte[] wide = new byte[64];
        while (true) {
            rng.nextBytes(wide);
            Scalar s = fromWideBytes(wide);
            if (!s.isZero()) {
                Arrays.fill(wide, (byte) 0);
                return s;
            }
        }
    }

    public Scalar add(Scalar o) {
        BigInteger r = value.add(o.value);
        return new Scalar(r.compareTo(ORDER) >= 0 ? r.subtract(ORDER) : r);
    }

    public Scalar subtract(Scalar o) {
        BigInteger r = value.subtract(o.value);
        return new Scalar(r.signum() < 0 ? r.add(ORDER) : r);
    }

    public Scalar multiply(Scalar o) {
        return new Scalar(value.multiply(o.value).mod(ORDER));
    }

    public Scalar square() {
        return multiply(this);
    }

    public Scalar negate() {
        return value.signum() == 0 ? this : new Scalar(ORDER.subtract(value));
    }

    /**
     * The multiplicative inverse.
     *
     * @throws ArithmeticException for zero, which has none
     */
    public Scalar invert() {
        if (value.signum() == 0) {
            throw new ArithmeticException("zero has no inverse modulo n");
        }
        return new Scalar(value.modInverse(ORDER));
    }

    /** {@code this^e} for e ≥ 0. */
    public Scalar pow(long e) {
        if (e < 0) {
            throw new IllegalArgumentException("negative exponent " + e);
        }
        return new Scalar(value.modPow(BigInteger.valueOf(e), ORDER));
    }

    /**
     * Inverts every element with one field inversion (Montgomery's trick).
     *
     * @throws ArithmeticException if any element is zero
     */
    public static Scalar[] batchInvert(Scalar[] xs) {
        int k = xs.length;
        Scalar[] out = new Scalar[k];
        if (k == 0) {
            return out;
        }
        BigInteger[] prefix = new BigInteger[k];
        BigInteger acc = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            if (xs[i].isZero()) {
                throw new ArithmeticException("zero has no inverse modulo n (index " + i + ")");
            }
            prefix[i] = acc;
            acc = acc.multiply(xs[i].value).mod(ORDER);
        }
        BigInteger inv = acc.modInverse(ORDER);
        for (int i = k - 1; i >= 0; i--) {
            out[i] = new Scalar(inv.multiply(prefix[i]).mod(ORDER));
            inv = inv.multiply(xs[i].value).mod(ORDER);
        }
        return out;
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    /** The canonical value in [0, n). */
    public BigInteger toBigInteger() {
        return value;
    }

    /** 32 bytes, big-endian. */
    public byte[] encode() {
        byte[] out = new byte[BYTES];
        byte[] raw = value.toByteArray();
        int len = Math.min(raw.length, BYTES);
        System.arraycopy(raw, raw.length - len, out, BYTES - len, len);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scalar && ((Scalar) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Lower-case hex of the encoding (blinding factors must not be logged: wrap them, see {@code Opening}). */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(encode());
    }
}
