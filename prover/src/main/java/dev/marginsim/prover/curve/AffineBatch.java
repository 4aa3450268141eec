package dev.marginsim.prover.curve;

/**
 * Many independent affine additions done together: each is P ± Q with λ = (y_Q − y_P)/(x_Q − x_P)
 * (or 3x²/2y for a doubling), and all the divisions share one field inversion (Montgomery's trick).
 * An affine addition then costs about 6 field multiplications against 11 for a mixed Jacobian one,
 * and nothing is allocated.
 *
 * <p>Points are held in flat {@code long[]} arrays as 10 consecutive limbs at an offset: x then y, each a
 * weak {@link FieldP52} element. Op k adds the right point, or its negative, into the left point in
 * place, so a table needs no negated copies; the left points of one batch must be distinct. A result at
 * infinity (P + (−P)) is reported in {@link #infinite} and leaves the left point as it was.
 */
final class AffineBatch {
    /** Limbs of one affine point (x, y) in a flat array. */
    static final int POINT = 2 * FieldP52.LIMBS;
    private static final int L = FieldP52.LIMBS;

    final int capacity;
    final boolean[] infinite;
    int count;

    private final long[][] left;
    private final int[] leftAt;
    private final long[][] right;
    private final int[] rightAt;
    private final boolean[] negate;
    /** Per op, 5 limbs each: the numerator and denominator of λ, and den[0]·…·den[k−1]. */
    private final long[] num;
    private final long[] den;
    private final long[] prefix;
    /** Scratch elements: the running inverse, 1/den[k] and then λ, x3, and x1 − x3 and then λ(x1 − x3). */
    private final long[] inv = new long[L];
    private final long[] t = new long[L];
    private final long[] x3 = new long[L];
    private final long[] d = new long[L];

    AffineBatch(int capacity) {
        this.capacity = capacity;
        infinite = new boolean[capacity];
        left = new long[capacity][];
        leftAt = new int[capacity];
        right = new long[capacity][];
        rightAt = new int[capacity];
        negate = new boolean[capacity];
        num = new long[capacity * L];
        den = new long[capacity * L];
        prefix = new long[capacity * L];
    }

    /** Queues (l at li) += (r at ri). */
    void add(long[] l, int li, long[] r, int ri) {
        add(l, li, r, ri, false);
    }

    /** Queues (l at li) += (r at ri), or −= it when {@code subtract}. */
    void add(long[] l, int li, long[] r, int ri, boolean subtract) {
        int k = count;
        left[k] = l;
        leftAt[k] = li;
        right[k] = r;
        rightAt[k] = ri;
        negate[k] = subtract;
        count = k + 1;
    }

    boolean full() {
        return count == capacity;
    }

    /**
     * Performs the queued additions into accumulators: op k's left point is accumulator {@code index[k]},
     * and one that reached infinity is marked unset in {@code set} (its limbs are then meaningless).
     */
    void settle(int[] index, boolean[] set) {
        int k = count;
        flush();
        for (int j = 0; j < k; j++) {
            if (infinite[j]) {
                set[index[j]] = false;
            }
        }
    }

    /**
     * left[i] += right[i] for every point i below n, all performed on return (table building: left and
     * right may be the same array, a doubling). Small multiples of a point of prime order are never
     * infinity, so a result at infinity means a broken table and throws.
     *
     * @throws IllegalStateException if a result is infinity
     */
    void addAll(long[] left, long[] right, int n) {
        for (int i = 0; i < n; i++) {
            add(left, i * POINT, right, i * POINT);
            if (full()) {
                flushFinite();
            }
        }
        flushFinite();
    }

    private void flushFinite() {
        int k = count;
        flush();
        for (int j = 0; j < k; j++) {
            if (infinite[j]) {
                throw new IllegalStateException("a small multiple of a point of prime order was infinity");
            }
        }
    }

    /** Performs the queued additions; afterwards {@link #infinite}[k] tells whether op k gave infinity. */
    void flush() {
        int n = count;
        if (n == 0) {
            return;
        }
        for (int k = 0; k < n; k++) {
            prepare(k);
        }
        // prefix[k] = den[0]·…·den[k−1]
        prefix[0] = 1;
        prefix[1] = prefix[2] = prefix[3] = prefix[4] = 0;
        for (int k = 1; k < n; k++) {
            FieldP52.multiply(prefix, (k - 1) * L, den, (k - 1) * L, prefix, k * L);
        }
        FieldP52.multiply(prefix, (n - 1) * L, den, (n - 1) * L, t, 0);
        FieldP52.invert(t, 0, inv, 0);
        for (int k = n - 1; k >= 0; k--) {
            int e = k * L;
            long[] oneOverDen = inv; // at k = 0, inv is 1/den[0] (prefix[0] = 1)
            if (k > 0) {
                // t = 1/den[k]; then inv ← inv·den[k] = 1/(den[0]…den[k−1])
                FieldP52.multiply(inv, 0, prefix, e, t, 0);
                FieldP52.multiply(inv, 0, den, e, inv, 0);
                oneOverDen = t;
            }
            if (infinite[k]) {
                continue;
            }
            FieldP52.multiply(num, e, oneOverDen, 0, t, 0);
            finish(left[k], leftAt[k], right[k], rightAt[k], t);
        }
        count = 0;
    }

    /** Sets num[k] and den[k] (both loose at most) so that λ = num/den, or marks op k infinite. */
    private void prepare(int k) {
        int e = k * L;
        long[] l = left[k];
        int lx = leftAt[k];
        long[] r = right[k];
        int rx = rightAt[k];
        boolean neg = negate[k];
        infinite[k] = false;
        // Subtracting Q: λ = (−y_Q − y_P)/(x_Q − x_P) = (y_Q + y_P)/(x_P − x_Q), so −y_Q is never formed.
        if (neg) {
            FieldP52.subtractCarried(l, lx, r, rx, den, e);
        } else {
            FieldP52.subtractCarried(r, rx, l, lx, den, e);
        }
        if (!FieldP52.isZero(den, e)) {
            if (neg) {
                FieldP52.add(r, rx + L, l, lx + L, num, e);
            } else {
                FieldP52.subtract(r, rx + L, l, lx + L, num, e);
            }
            return;
        }
        // Same x: the right operand is the left point (a doubling) or its negative (infinity).
        if (neg) {
            FieldP52.add(r, rx + L, l, lx + L, num, e);
            FieldP52.carry(num, e, num, e);
        } else {
            FieldP52.subtractCarried(r, rx + L, l, lx + L, num, e);
        }
        boolean sameY = FieldP52.isZero(num, e);
        if (sameY) {
            // λ = 3x²/2y; y ≠ 0, since secp256k1 has no point of order 2.
            FieldP52.square(l, lx, num, e);
            FieldP52.multiplySmall(num, e, 3, num, e);
            FieldP52.add(l, lx + L, l, lx + L, den, e);
        } else {
            infinite[k] = true;
            den[e] = 1;
            den[e + 1] = den[e + 2] = den[e + 3] = den[e + 4] = 0;
        }
    }

    /** Given λ, writes x3 = λ² − x1 − x2 and y3 = λ(x1 − x3) − y1 over the left point. */
    private void finish(long[] l, int lx, long[] r, int rx, long[] lambda) {
        FieldP52.square(lambda, 0, x3, 0);
        FieldP52.subtract(x3, 0, l, lx, x3, 0);
        FieldP52.subtractCarried(x3, 0, r, rx, x3, 0);
        FieldP52.subtract(l, lx, x3, 0, d, 0);
        FieldP52.multiply(lambda, 0, d, 0, d, 0);
        FieldP52.subtractCarried(d, 0, l, lx + L, l, lx + L);
        System.arraycopy(x3, 0, l, lx, L);
    }
}
