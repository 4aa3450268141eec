package dev.marginsim.prover.curve;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Timed harness (in the prover's package, for its package-private field classes): {@link FieldP52} against Bouncy Castle's
 * {@link SecP256K1Field} in the same run, for a multiplication, a squaring and one batched affine
 * addition ({@link AffineBatch} against {@link RawAffineBatch}, the same algorithm on 8 × 32-bit limbs).
 * Each figure is the best of the repetitions, in ns per operation; the operations are independent
 * (1,024 elements or additions per pass), as in the bucket passes.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.marginsim.prover.curve.FieldBenchmark [reps]}.
 */
public final class FieldBenchmark {
    private static final int N = 1024;
    private static final int L = FieldP52.LIMBS;
    private static final int POINT = AffineBatch.POINT;

    private FieldBenchmark() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Random rng = new Random(1);
        long[] a = new long[N * L];
        long[] b = new long[N * L];
        int[][] ra = new int[N][];
        int[][] rb = new int[N][];
        for (int i = 0; i < N; i++) {
            BigInteger x = new BigInteger(256, rng).mod(FieldP52.P);
            BigInteger y = new BigInteger(256, rng).mod(FieldP52.P);
            FieldP52.fromBigInteger(x, a, i * L);
            FieldP52.fromBigInteger(y, b, i * L);
            ra[i] = Nat256.fromBigInteger(x);
            rb[i] = Nat256.fromBigInteger(y);
        }
        ECPoint[] lp = new ECPoint[N];
        ECPoint[] rp = new ECPoint[N];
        for (int i = 0; i < N; i++) {
            lp[i] = Secp256k1.G.multiply(new BigInteger(200, rng).add(BigInteger.ONE)).normalize();
            rp[i] = Secp256k1.G.multiply(new BigInteger(200, rng).add(BigInteger.ONE)).normalize();
        }
        long[] lefts = new long[N * POINT];
        long[] rights = new long[N * POINT];
        int[][] lx = new int[N][];
        int[][] ly = new int[N][];
        int[][] rx = new int[N][];
        int[][] ry = new int[N][];
        for (int i = 0; i < N; i++) {
            System.arraycopy(Point.of(lp[i]).affine(), 0, lefts, i * POINT, POINT);
            System.arraycopy(Point.of(rp[i]).affine(), 0, rights, i * POINT, POINT);
            lx[i] = Nat256.fromBigInteger(lp[i].getAffineXCoord().toBigInteger());
            ly[i] = Nat256.fromBigInteger(lp[i].getAffineYCoord().toBigInteger());
            rx[i] = Nat256.fromBigInteger(rp[i].getAffineXCoord().toBigInteger());
            ry[i] = Nat256.fromBigInteger(rp[i].getAffineYCoord().toBigInteger());
        }
        AffineBatch batch = new AffineBatch(N);
        RawAffineBatch peer = new RawAffineBatch(N);
        int[] ext = Nat256.createExt();
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE,
            Double.MAX_VALUE};
        int passes = 400;
        int addPasses = 60;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < passes; k++) {
                for (int i = 0; i < N; i++) {
                    FieldP52.multiply(a, i * L, b, i * L, a, i * L);
                }
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < passes; k++) {
                for (int i = 0; i < N; i++) {
                    SecP256K1Field.multiply(ra[i], rb[i], ra[i], ext);
                }
            }
            long t2 = System.nanoTime();
            for (int k = 0; k < passes; k++) {
                for (int i = 0; i < N; i++) {
                    FieldP52.square(a, i * L, a, i * L);
                }
            }
            long t3 = System.nanoTime();
            for (int k = 0; k < passes; k++) {
                for (int i = 0; i < N; i++) {
                    SecP256K1Field.square(ra[i], ra[i], ext);
                }
            }
            long t4 = System.nanoTime();
            for (int k = 0; k < addPasses; k++) {
                for (int i = 0; i < N; i++) {
                    batch.add(lefts, i * POINT, rights, i * POINT);
                }
                batch.flush();
            }
            long t5 = System.nanoTime();
            for (int k = 0; k < addPasses; k++) {
                for (int i = 0; i < N; i++) {
                    peer.add(lx[i], ly[i], rx[i], ry[i]);
                }
                peer.flush();
            }
            long t6 = System.nanoTime();
            double ops = (double) passes * N;
            double adds = (double) addPasses * N;
            best[0] = Math.min(best[0], (t1 - t0) / ops);
            best[1] = Math.min(best[1], (t2 - t1) / ops);
            best[2] = Math.min(best[2], (t3 - t2) / ops);
            best[3] = Math.min(best[3], (t4 - t3) / ops);
            best[4] = Math.min(best[4], (t5 - t4) / adds);
            best[5] = Math.min(best[5], (t6 - t5) / adds);
        }
        // The two adders ran the same additions (each left point was added to the same number of times).
        for (int i = 0; i < N; i++) {
            if (!FieldP52.toBigInteger(lefts, i * POINT).equals(Nat256.toBigInteger(lx[i]))) {
                throw new AssertionError("the adders disagree at " + i);
            }
        }
        System.out.printf("ns per op, best of %d: multiply %.1f (BC %.1f, ratio %.2f); square %.1f (BC %.1f, ratio %.2f);"
                + " batched affine addition %.0f (BC %.0f, ratio %.2f)%n", reps, best[0], best[1], best[0] / best[1],
                best[2], best[3], best[2] / best[3], best[4], best[5], best[4] / best[5]);
    }

    /**
     * The batched affine addition as this package did it before {@link FieldP52}: Bouncy Castle's raw
     * 8 × 32-bit field, plain additions only (no doubling or infinity), kept as the benchmark's peer.
     */
    static final class RawAffineBatch {
        private final int[][] lx;
        private final int[][] ly;
        private final int[][] rx;
        private final int[][] ry;
        private final int[][] num;
        private final int[][] den;
        private final int[][] prefix;
        private final int[] t0 = Nat256.create();
        private final int[] t1 = Nat256.create();
        private final int[] inv = Nat256.create();
        private final int[] ext = Nat256.createExt();
        private int count;

        RawAffineBatch(int capacity) {
            lx = new int[capacity][];
            ly = new int[capacity][];
            rx = new int[capacity][];
            ry = new int[capacity][];
            num = new int[capacity][8];
            den = new int[capacity][8];
            prefix = new int[capacity][8];
        }

        void add(int[] leftX, int[] leftY, int[] rightX, int[] rightY) {
            lx[count] = leftX;
            ly[count] = leftY;
            rx[count] = rightX;
            ry[count] = rightY;
            count++;
        }

        void flush() {
            int n = count;
            for (int k = 0; k < n; k++) {
                if (Nat256.eq(lx[k], rx[k])) {
                    throw new IllegalStateException("the peer does plain additions only");
                }
                SecP256K1Field.subtract(ry[k], ly[k], num[k]);
                SecP256K1Field.subtract(rx[k], lx[k], den[k]);
            }
            Nat256.zero(prefix[0]);
            prefix[0][0] = 1;
            for (int k = 1; k < n; k++) {
                SecP256K1Field.multiply(prefix[k - 1], den[k - 1], prefix[k], ext);
            }
            SecP256K1Field.multiply(prefix[n - 1], den[n - 1], t0, ext);
            SecP256K1Field.inv(t0, inv);
            for (int k = n - 1; k >= 0; k--) {
                SecP256K1Field.multiply(inv, prefix[k], t1, ext);
                SecP256K1Field.multiply(inv, den[k], inv, ext);
                int[] lambda = num[k];
                SecP256K1Field.multiply(lambda, t1, lambda, ext);
                SecP256K1Field.square(lambda, t0, ext);
                SecP256K1Field.subtract(t0, lx[k], t0);
                SecP256K1Field.subtract(t0, rx[k], t0);
                SecP256K1Field.subtract(lx[k], t0, t1);
                SecP256K1Field.multiply(lambda, t1, t1, ext);
                SecP256K1Field.subtract(t1, ly[k], ly[k]);
                Nat256.copy(t0, lx[k]);
            }
            count = 0;
        }
    }
}
