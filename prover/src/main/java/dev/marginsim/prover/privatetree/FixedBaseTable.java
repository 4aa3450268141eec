package dev.marginsim.prover.privatetree;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Fixed-base scalar multiplication by table lookup: for a generator P and window width w, row j
 * holds {@code k · 2^(w·j) · P} for k = 1..2^w − 1, in affine form. {@code s · P} is then one mixed
 * point addition per non-zero w-bit digit of s and no doubling at all: 16 additions for a 256-bit
 * blinding and 4 for a 64-bit value at w = 16, against ~256 doublings and ~50 additions of a generic
 * multiplication. Each commitment of the private tree is two such products. Read-only after
 * construction, so threads share it.
 */
final class FixedBaseTable {
    private final int width;
    private final ECPoint[][] rows;

    FixedBaseTable(ECPoint generator, int width, int bits) {
        if (width < 1 || width > 16) {
            throw new IllegalArgumentException("window width 1..16: " + width);
        }
        this.width = width;
        int windows = (bits + width - 1) / width;
        int size = 1 << width;
        rows = new ECPoint[windows][];
        ECPoint base = generator.normalize();
        for (int j = 0; j < windows; j++) {
            ECPoint[] row = new ECPoint[size];
            row[0] = Scalars.CURVE.getInfinity();
            row[1] = base;
            for (int k = 2; k < size; k++) {
                row[k] = row[k - 1].add(base);
            }
            ECPoint[] tail = new ECPoint[size - 1];
            System.arraycopy(row, 1, tail, 0, size - 1);
            Scalars.CURVE.normalizeAll(tail);
            System.arraycopy(tail, 0, row, 1, size - 1);
            rows[j] = row;
            base = row[size - 1].add(base).normalize(); // 2^w · base
        }
    }

    /** {@code s · P} for a scalar given as 32 big-endian bytes (not normalised). */
    ECPoint multiply(byte[] scalar32) {
        long w0 = word(scalar32, 24);
        long w1 = word(scalar32, 16);
        long w2 = word(scalar32, 8);
        long w3 = word(scalar32, 0);
        long[] limbs = {w0, w1, w2, w3};
        ECPoint acc = Scalars.CURVE.getInfinity();
        int mask = (1 << width) - 1;
        for (int j = 0; j < rows.length; j++) {
            int digit = digit(limbs, j * width, mask);
            if (digit != 0) {
                acc = acc.add(rows[j][digit]);
            }
        }
        return acc;
    }

    /** {@code v · P} for a non-negative 64-bit value. */
    ECPoint multiply(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("values are non-negative: " + value);
        }
        ECPoint acc = Scalars.CURVE.getInfinity();
        int mask = (1 << width) - 1;
        for (int j = 0; value != 0; j++) {
            int digit = (int) (value & mask);
            if (digit != 0) {
                acc = acc.add(rows[j][digit]);
            }
            value >>>= width;
        }
        return acc;
    }

    ECPoint multiply(BigInteger scalar) {
        return multiply(Scalars.toBytes(scalar.mod(Scalars.ORDER)));
    }

    private static long word(byte[] b, int offset) {
        long w = 0;
        for (int i = 0; i < 8; i++) {
            w = (w << 8) | (b[offset + i] & 0xFF);
        }
        return w;
    }

    private static int digit(long[] limbs, int bit, int mask) {
        int limb = bit >>> 6;
        int shift = bit & 63;
        long v = limbs[limb] >>> shift;
        if (shift + 16 > 64 && limb + 1 < 4) {
            v |= limbs[limb + 1] << (64 - shift);
        }
        return (int) (v & mask);
    }
}
