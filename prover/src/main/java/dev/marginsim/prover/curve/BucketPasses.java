package dev.marginsim.prover.curve;

/**
 * The bucket passes of both Pippenger sums ({@link FixedBasePippenger}, {@link BatchPippenger}): every
 * non-zero signed digit d of window w of term i adds a point into a bucket, or subtracts it. A bucket
 * takes its first point by copy; after that, one pass holds at most one addition into each bucket (the
 * left points of a batch must be distinct), an entry whose bucket is busy waits for the next pass, and
 * the additions of a pass share one inversion ({@link AffineBatch}, flushed whenever it is full).
 */
final class BucketPasses {
    private static final int POINT = AffineBatch.POINT;

    /** How a sum's digits map onto buckets and points. */
    interface Layout {
        /** The bucket of digit d (not 0) of window w. */
        int bucket(int w, int d);

        /** Whether digit d (not 0) of term i subtracts the point. */
        boolean subtract(int i, int d);

        /** The array holding the point that window w of term i adds. */
        long[] points(int w, int i);

        /** Where that point starts in {@link #points}. */
        int at(int w, int i);
    }

    private BucketPasses() {
    }

    /**
     * Adds every entry of {@code digits[w][i]} (n terms per window) into {@code buckets}; on return
     * {@code filled[b]} tells whether bucket b holds a point (a bucket whose points cancelled is empty).
     */
    static void fill(int[][] digits, int n, Layout layout, long[] buckets, boolean[] filled, AffineBatch batch) {
        int windows = digits.length;
        boolean[] busy = new boolean[filled.length];
        int[] opBucket = new int[batch.capacity];
        int[] queue = new int[windows * n];
        int[] next = new int[windows * n];
        int qn = 0;
        for (int w = 0; w < windows; w++) {
            for (int i = 0; i < n; i++) {
                if (digits[w][i] != 0) {
                    queue[qn++] = w * n + i;
                }
            }
        }
        while (qn > 0) {
            int nn = 0;
            for (int q = 0; q < qn; q++) {
                int e = queue[q];
                int w = e / n;
                int i = e - w * n;
                int d = digits[w][i];
                int b = layout.bucket(w, d);
                boolean subtract = layout.subtract(i, d);
                long[] points = layout.points(w, i);
                int at = layout.at(w, i);
                if (!filled[b]) {
                    System.arraycopy(points, at, buckets, b * POINT, POINT);
                    if (subtract) {
                        FieldP52.negate(buckets, b * POINT + FieldP52.LIMBS, buckets, b * POINT + FieldP52.LIMBS);
                    }
                    filled[b] = true;
                } else if (busy[b]) {
                    next[nn++] = e;
                } else {
                    busy[b] = true;
                    opBucket[batch.count] = b;
                    batch.add(buckets, b * POINT, points, at, subtract);
                    if (batch.full()) {
                        flush(batch, opBucket, filled, busy);
                    }
                }
            }
            flush(batch, opBucket, filled, busy);
            int[] t = queue;
            queue = next;
            next = t;
            qn = nn;
        }
    }

    private static void flush(AffineBatch batch, int[] opBucket, boolean[] filled, boolean[] busy) {
        int k = batch.count;
        batch.flush();
        for (int j = 0; j < k; j++) {
            busy[opBucket[j]] = false;
            if (batch.infinite[j]) {
                filled[opBucket[j]] = false;
            }
        }
    }
}
