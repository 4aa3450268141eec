package dev.marginsim.prover.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** Batched fixed-base commitments against Bouncy Castle's own v·G + r·H, product by product. */
class WindowedMultiplesTest {
    private static final ECPoint G = Secp256k1.G;
    private static final ECPoint H = Secp256k1.G.multiply(BigInteger.valueOf(0x5eed)).normalize();

    @Test
    void commitments_equalGenericMultiplication_includingZeroDigitsAndInfinity() {
        long seed = TestRandom.seed("WindowedMultiplesTest.commitments");
        SecureRandom rng = TestRandom.secure(seed, "commitments");
        // Width 12 does not divide 64 or 256 (digits straddle bytes, the top window is short); 8 does.
        for (int width : new int[] {12, 8}) {
            WindowedMultiples g = new WindowedMultiples(G, width, 64);
            WindowedMultiples h = new WindowedMultiples(H, width, 256);
            int count = 1500; // more than one batch
            long[] values = new long[count];
            byte[] blindings = new byte[32 * count];
            BigInteger[] r = new BigInteger[count];
            for (int i = 0; i < count; i++) {
                values[i] = special(i) >= 0 ? special(i) : (rng.nextLong() >>> 1) >>> rng.nextInt(63);
                r[i] = i == 0 || i == 1 ? BigInteger.ZERO : new BigInteger(256, rng).mod(Secp256k1.ORDER);
                if (i == 2) {
                    r[i] = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE); // one full window, the rest zero
                }
                write(r[i], blindings, 32 * i);
            }
            ECPoint[] out = WindowedMultiples.commitments(g, values, h, blindings, count, Secp256k1.CURVE);
            for (int i = 0; i < count; i++) {
                ECPoint expected = G.multiply(BigInteger.valueOf(values[i])).add(H.multiply(r[i])).normalize();
                assertEquals(expected, out[i], "width " + width + " item " + i + " value " + values[i]);
            }
            assertTrue(out[0].isInfinity(), "0·G + 0·H is infinity");
        }
    }

    @Test
    void aSumThatCancels_isInfinity_andTheNextWindowStartsAfresh() {
        // r·H with H = 0x5eed·G, so v·G + r·H cancels for v = n − 0x5eed·r when that fits 64 bits: take
        // H = −G instead (r = 1, v = 1), where the accumulator hits infinity mid-way and is refilled.
        ECPoint minusG = G.negate().normalize();
        WindowedMultiples g = new WindowedMultiples(G, 8, 64);
        WindowedMultiples h = new WindowedMultiples(minusG, 8, 256);
        byte[] blindings = new byte[64];
        write(BigInteger.ONE, blindings, 0);
        write(BigInteger.ONE.shiftLeft(8).add(BigInteger.ONE), blindings, 32); // −G − 256·G
        ECPoint[] out = WindowedMultiples.commitments(g, new long[] {1, 1}, h, blindings, 2, Secp256k1.CURVE);
        assertTrue(out[0].isInfinity());
        assertEquals(G.multiply(BigInteger.valueOf(256)).negate().normalize(), out[1]);
    }

    /** Every entry k·2^{w·j}·P of a table (rows built in lockstep, k = 2 a doubling) read back through a one-digit scalar. */
    @Test
    void everyTableEntry_isItsMultiple() {
        int width = 3;
        WindowedMultiples t = new WindowedMultiples(H, width, 256);
        for (int j = 0; j * width < 256; j++) {
            for (int k = 1; k < 1 << width; k++) {
                BigInteger scalar = BigInteger.valueOf(k).shiftLeft(width * j);
                if (scalar.compareTo(Secp256k1.ORDER) >= 0) {
                    continue;
                }
                byte[] b = new byte[32];
                write(scalar, b, 0);
                assertEquals(H.multiply(scalar).normalize(), t.multiply(b, Secp256k1.CURVE), "row " + j + " entry " + k);
            }
        }
    }

    @Test
    void sums_ofTwoFullScalars_equalGenericMultiplication() {
        long seed = TestRandom.seed("WindowedMultiplesTest.sums");
        SecureRandom rng = TestRandom.secure(seed, "sums");
        WindowedMultiples g = new WindowedMultiples(G, 8, 256);
        WindowedMultiples h = new WindowedMultiples(H, 8, 256);
        BigInteger top = Secp256k1.ORDER.subtract(BigInteger.ONE);
        BigInteger[][] specials = {{BigInteger.ZERO, BigInteger.ZERO}, {top, BigInteger.ZERO}, {BigInteger.ZERO, top}, {top, top},
                {BigInteger.ONE, BigInteger.ONE.shiftLeft(255)}};
        int count = 1100; // more than one batch
        byte[] a = new byte[32 * count];
        byte[] b = new byte[32 * count];
        BigInteger[][] k = new BigInteger[count][];
        for (int i = 0; i < count; i++) {
            k[i] = i < specials.length ? specials[i]
                    : new BigInteger[] {new BigInteger(256, rng).mod(Secp256k1.ORDER), new BigInteger(256, rng).mod(Secp256k1.ORDER)};
            write(k[i][0], a, 32 * i);
            write(k[i][1], b, 32 * i);
        }
        ECPoint[] out = WindowedMultiples.sums(g, a, h, b, count, Secp256k1.CURVE);
        for (int i = 0; i < count; i++) {
            assertEquals(G.multiply(k[i][0]).add(H.multiply(k[i][1])).normalize(), out[i], "item " + i);
        }
        WindowedMultiples narrow = new WindowedMultiples(G, 8, 64);
        assertThrows(IllegalArgumentException.class, () -> WindowedMultiples.sums(narrow, a, h, b, 1, Secp256k1.CURVE));
    }

    @Test
    void multiply_andRangeChecks() {
        WindowedMultiples h = new WindowedMultiples(H, 12, 256);
        BigInteger k = Secp256k1.ORDER.subtract(BigInteger.TWO);
        byte[] b = new byte[32];
        write(k, b, 0);
        assertEquals(H.multiply(k).normalize(), h.multiply(b, Secp256k1.CURVE));
        WindowedMultiples narrow = new WindowedMultiples(G, 8, 16);
        assertThrows(IllegalArgumentException.class,
                () -> WindowedMultiples.commitments(narrow, new long[] {1L << 16}, h, new byte[32], 1, Secp256k1.CURVE));
        assertThrows(IllegalArgumentException.class,
                () -> WindowedMultiples.commitments(h, new long[] {-1}, h, new byte[32], 1, Secp256k1.CURVE));
        assertThrows(IllegalArgumentException.class,
                () -> WindowedMultiples.commitments(h, new long[] {1}, narrow, new byte[32], 1, Secp256k1.CURVE));
    }

    @Test
    void bitsOf_readsBigEndianNumbersFromTheLowestBit() {
        long seed = TestRandom.seed("WindowedMultiplesTest.bitsOf");
        SecureRandom rng = TestRandom.secure(seed, "bits");
        byte[] be = new byte[40];
        for (int trial = 0; trial < 200; trial++) {
            BigInteger x = new BigInteger(256, rng);
            write(x, be, 8);
            int from = rng.nextInt(256);
            int count = 1 + rng.nextInt(16);
            int expected = 0;
            for (int bit = Math.min(from + count, 256) - 1; bit >= from; bit--) {
                expected = (expected << 1) | (x.testBit(bit) ? 1 : 0);
            }
            assertEquals(expected, WindowedMultiples.bitsOf(be, 8, from, count),
                    "x=" + x.toString(16) + " from " + from + " count " + count);
        }
    }

    private static long special(int i) {
        long[] specials = {0, 5, 0, 1, Long.MAX_VALUE, 1L << 62, 4095, 4096, 255, 256};
        return i < specials.length ? specials[i] : -1;
    }

    private static void write(BigInteger x, byte[] out, int off) {
        byte[] b = x.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, out, off + 32 - n, n);
    }
}
