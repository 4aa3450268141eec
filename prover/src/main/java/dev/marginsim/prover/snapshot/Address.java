package dev.marginsim.prover.snapshot;

import dev.marginsim.prover.format.Hex;
import java.util.Arrays;

/**
 * A 20-byte account or contract address, as on the chain. Simulated accounts have no key; engine
 * account {@code i} is the address whose 20 big-endian bytes are {@code i} ({@link #ofIndex}), so
 * both sources feed the same leaf encoding. Ordered as unsigned big-endian numbers.
 */
public final class Address implements Comparable<Address> {
    public static final int LENGTH = 20;
    public static final Address ZERO = new Address(new byte[LENGTH]);

    private final byte[] bytes;
    private final int hash;

    private Address(byte[] bytes) {
        this.bytes = bytes;
        this.hash = mix(bytes);
    }

    /**
     * Every byte mixed into every bit. {@code Arrays.hashCode}'s base-31 sum lets the small, structured
     * addresses of {@link #ofIndex} collide in runs (a hash map of simulated accounts then degrades to
     * tree bins); chain addresses are random either way.
     */
    private static int mix(byte[] bytes) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the bytes, then a 64-bit finaliser (MurmurHash3's fmix64)
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    /** Copies 20 bytes. */
    public static Address of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an address is 20 bytes, not " + bytes.length);
        }
        return new Address(bytes.clone());
    }

    /** Parses {@code 0x} and 40 hex digits in either case (chain clients return checksummed mixed case). */
    public static Address parse(String hex) {
        if (hex == null || !hex.matches("0[xX][0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not an address (0x and 40 hex digits): " + hex);
        }
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 + 2 * i, 4 + 2 * i), 16);
        }
        return new Address(b);
    }

    /** The address standing for engine account {@code index}. */
    public static Address ofIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("account index is non-negative: " + index);
        }
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < 8; i++) {
            b[LENGTH - 1 - i] = (byte) (index >>> (8 * i));
        }
        return new Address(b);
    }

    /** A copy of the 20 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the 20 bytes into {@code out} at {@code offset} (the tree builder's allocation-free path). */
    public void writeTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, LENGTH);
    }

    @Override
    public int compareTo(Address o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Lower-case {@code 0x} hex, the form proof documents use. */
    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
