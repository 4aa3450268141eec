package dev.marginsim.prover.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * {@link AffineBatch} against Bouncy Castle's point addition, in batches that mix every case: plain
 * additions and subtractions, doublings (the same point given twice, or an equal point held elsewhere
 * or held with x + p instead of x), P + (−P) and P − P (infinity, left point untouched), and ops whose
 * result is fed into the next batch.
 */
class AffineBatchTest {
    private static final int POINT = AffineBatch.POINT;
    private static final int L = FieldP52.LIMBS;

    private static ECPoint randomPoint(SecureRandom rng) {
        return Secp256k1.G.multiply(new BigInteger(256, rng).mod(Secp256k1.ORDER).add(BigInteger.ONE)).normalize();
    }

    private static void store(ECPoint p, long[] into, int at) {
        FieldP52.fromBigInteger(p.getAffineXCoord().toBigInteger(), into, at);
        FieldP52.fromBigInteger(p.getAffineYCoord().toBigInteger(), into, at + L);
    }

    private static ECPoint read(long[] from, int at) {
        return Secp256k1.CURVE.createPoint(FieldP52.toBigInteger(from, at), FieldP52.toBigInteger(from, at + L));
    }

    /** One queued op and what Bouncy Castle says it gives. */
    private static final class Op {
        final long[] left;
        final int leftAt;
        final ECPoint expected;

        Op(long[] left, int leftAt, ECPoint expected) {
            this.left = left;
            this.leftAt = leftAt;
            this.expected = expected;
        }
    }

    @Test
    void mixedBatches_matchBouncyCastle_includingDoublingsAndInfinity() {
        long seed = TestRandom.seed("AffineBatchTest.mixed");
        SecureRandom rng = TestRandom.secure(seed, "affine-batch");
        for (int round = 0; round < 30; round++) {
            int ops = 1 + rng.nextInt(80);
            AffineBatch batch = new AffineBatch(ops);
            long[] lefts = new long[ops * POINT];
            long[] rights = new long[ops * POINT];
            List<Op> queued = new ArrayList<>();
            for (int k = 0; k < ops; k++) {
                ECPoint p = randomPoint(rng);
                int at = k * POINT;
                store(p, lefts, at);
                int kind = rng.nextInt(8);
                ECPoint q;
                boolean subtract = rng.nextBoolean();
                switch (kind) {
                    case 0: // the left point itself: a doubling, or P − P
                        batch.add(lefts, at, lefts, at, subtract);
                        queued.add(new Op(lefts, at, subtract ? Secp256k1.INFINITY : p.twice().normalize()));
                        continue;
                    case 1: // an equal point held elsewhere
                        q = p;
                        break;
                    case 2: // the negative: P + (−P) is infinity, P − (−P) a doubling
                        q = p.negate();
                        break;
                    default:
                        q = randomPoint(rng);
                }
                store(q, rights, at);
                batch.add(lefts, at, rights, at, subtract);
                queued.add(new Op(lefts, at, (subtract ? p.subtract(q) : p.add(q)).normalize()));
            }
            batch.flush();
            for (int k = 0; k < ops; k++) {
                Op op = queued.get(k);
                if (op.expected.isInfinity()) {
                    assertTrue(batch.infinite[k], "round " + round + " op " + k + " should be infinity");
                } else {
                    assertFalse(batch.infinite[k], "round " + round + " op " + k);
                    assertEquals(op.expected, read(op.left, op.leftAt), "round " + round + " op " + k);
                }
            }
            assertEquals(0, batch.count, "a flush empties the batch");
        }
    }

    @Test
    void infinity_leavesTheLeftPointAsItWas() {
        long seed = TestRandom.seed("AffineBatchTest.infinity");
        SecureRandom rng = TestRandom.secure(seed, "affine-infinity");
        ECPoint p = randomPoint(rng);
        long[] left = new long[POINT];
        long[] right = new long[POINT];
        store(p, left, 0);
        store(p.negate(), right, 0);
        long[] before = left.clone();
        AffineBatch batch = new AffineBatch(2);
        batch.add(left, 0, right, 0);
        batch.flush();
        assertTrue(batch.infinite[0]);
        assertEquals(read(before, 0), read(left, 0));
    }

    /**
     * A point whose x is below 2^32 + 977 may be held as x + p; the batch must still see that the two
     * operands share x (doubling or infinity), not divide by x − x.
     */
    @Test
    void equalXHeldAsXPlusP_isStillADoublingOrInfinity() {
        ECPoint p = smallXPoint();
        BigInteger x = p.getAffineXCoord().toBigInteger();
        long[] left = new long[2 * POINT];
        long[] right = new long[2 * POINT];
        for (int k = 0; k < 2; k++) {
            store(p, left, k * POINT);
            FieldP52.fromBigInteger(x.add(FieldP52.P), right, k * POINT);
            FieldP52.fromBigInteger(p.getAffineYCoord().toBigInteger(), right, k * POINT + L);
        }
        AffineBatch batch = new AffineBatch(2);
        batch.add(left, 0, right, 0, false);
        batch.add(left, POINT, right, POINT, true);
        batch.flush();
        assertFalse(batch.infinite[0]);
        assertEquals(p.twice().normalize(), read(left, 0));
        assertTrue(batch.infinite[1]);
    }

    /** The curve point with the smallest x ≥ 1 (x³ + 7 a square), found by trying x = 1, 2, …. */
    private static ECPoint smallXPoint() {
        for (int x = 1; ; x++) {
            byte[] enc = new byte[33];
            enc[0] = 0x02;
            byte[] xb = BigInteger.valueOf(x).toByteArray();
            System.arraycopy(xb, 0, enc, 33 - xb.length, xb.length);
            try {
                return Secp256k1.CURVE.decodePoint(enc).normalize();
            } catch (IllegalArgumentException notOnCurve) {
                // next x
            }
        }
    }

    @Test
    void repeatedAccumulation_overManyBatches_matchesBouncyCastle() {
        long seed = TestRandom.seed("AffineBatchTest.accumulate");
        SecureRandom rng = TestRandom.secure(seed, "affine-accumulate");
        int n = 64;
        long[] acc = new long[n * POINT];
        long[] term = new long[n * POINT];
        ECPoint[] expected = new ECPoint[n];
        boolean[] set = new boolean[n];
        AffineBatch batch = new AffineBatch(16);
        int[] index = new int[16];
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < n; i++) {
                ECPoint q = rng.nextInt(10) == 0 && set[i] ? expected[i] : randomPoint(rng);
                boolean subtract = rng.nextBoolean();
                if (!set[i]) {
                    store(subtract ? q.negate().normalize() : q, acc, i * POINT);
                    expected[i] = subtract ? q.negate().normalize() : q;
                    set[i] = true;
                    continue;
                }
                store(q, term, i * POINT);
                index[batch.count] = i;
                batch.add(acc, i * POINT, term, i * POINT, subtract);
                expected[i] = (subtract ? expected[i].subtract(q) : expected[i].add(q)).normalize();
                if (batch.full()) {
                    settle(batch, index, set, expected);
                }
            }
            settle(batch, index, set, expected);
            for (int i = 0; i < n; i++) {
                if (set[i]) {
                    assertEquals(expected[i], read(acc, i * POINT), "round " + round + " accumulator " + i);
                } else {
                    assertTrue(expected[i].isInfinity());
                }
            }
        }
    }

    private static void settle(AffineBatch batch, int[] index, boolean[] set, ECPoint[] expected) {
        int k = batch.count;
        batch.flush();
        for (int j = 0; j < k; j++) {
            assertEquals(expected[index[j]].isInfinity(), batch.infinite[j]);
            if (batch.infinite[j]) {
                set[index[j]] = false;
            }
        }
    }
}
