package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A digit range proof (docs/proofs-private.md §10): committed values, each in [0, 2^{w_j}), shown by
 * their base-2^b digits and a lookup of every digit in the table [0, 2^b). Immutable; only well-formed
 * elements (finite points, canonical scalars).
 *
 * <p>Wire form, with k = log2(gates): D ‖ A ‖ S ‖ T1 ‖ T3 ‖ T4 ‖ T5 ‖ T6 (33 bytes each) ‖ τx ‖ μ ‖ t̂
 * (32 bytes each) ‖ L₁ ‖ R₁ ‖ … ‖ L_k ‖ R_k (33 bytes each) ‖ a ‖ b (32 bytes each): 424 + 66·k bytes.
 */
public record DigitRangeProof(Point d, Point a, Point s, Point t1, Point t3, Point t4, Point t5, Point t6,
        Scalar tauX, Scalar mu, Scalar tHat, List<Point> l, List<Point> r, Scalar ipA, Scalar ipB) {
    private static final String[] POINTS = {"D", "A", "S", "T1", "T3", "T4", "T5", "T6"};
    private static final String[] SCALARS = {"tau_x", "mu", "t_hat"};
    static final int FIXED_BYTES = POINTS.length * Point.BYTES + (SCALARS.length + 2) * Scalar.BYTES;
    static final int ROUND_BYTES = 2 * Point.BYTES;
    /** The most rounds a proof can have (log2 of the largest gate vector). */
    public static final int MAX_ROUNDS = Integer.numberOfTrailingZeros(DigitLayout.MAX_GATES);

    public DigitRangeProof {
        l = List.copyOf(l);
        r = List.copyOf(r);
        if (l.size() != r.size()) {
            throw new IllegalArgumentException("L and R differ in length");
        }
    }

    /** Number of inner-product rounds, log2 of the gate count. */
    public int rounds() {
        return l.size();
    }

    public static int encodedLength(int rounds) {
        return FIXED_BYTES + ROUND_BYTES * rounds;
    }

    public byte[] encode() {
        byte[] out = new byte[encodedLength(rounds())];
        int at = 0;
        for (Point p : List.of(d, a, s, t1, t3, t4, t5, t6)) {
            at = put(out, at, p.encode());
        }
        for (Scalar k : List.of(tauX, mu, tHat)) {
            at = put(out, at, k.encode());
        }
        for (int i = 0; i < l.size(); i++) {
            at = put(out, at, l.get(i).encode());
            at = put(out, at, r.get(i).encode());
        }
        at = put(out, at, ipA.encode());
        put(out, at, ipB.encode());
        return out;
    }

    /**
     * Decodes the wire form.
     *
     * @throws VerificationException {@link Failure#LENGTH_MISMATCH} if the length is not 424 + 66·k for
     *     some k ≤ 11; as {@link Point#decode} and {@link Scalar#decode} for a bad element (named)
     */
    public static DigitRangeProof decode(byte[] bytes) throws VerificationException {
        if (bytes == null || bytes.length < FIXED_BYTES || (bytes.length - FIXED_BYTES) % ROUND_BYTES != 0
                || (bytes.length - FIXED_BYTES) / ROUND_BYTES > MAX_ROUNDS) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "a digit range proof is " + FIXED_BYTES
                    + " + " + ROUND_BYTES + "·k bytes (k ≤ " + MAX_ROUNDS + "), got " + (bytes == null ? "none" : bytes.length));
        }
        int k = (bytes.length - FIXED_BYTES) / ROUND_BYTES;
        WireReader in = new WireReader(bytes, "digit range proof");
        Point[] p = new Point[POINTS.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = in.point(POINTS[i]);
        }
        Scalar[] s = new Scalar[SCALARS.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = in.scalar(SCALARS[i]);
        }
        List<Point> l = new ArrayList<>(k);
        List<Point> r = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            l.add(in.point("L[" + i + "]"));
            r.add(in.point("R[" + i + "]"));
        }
        Scalar ipA = in.scalar("a");
        Scalar ipB = in.scalar("b");
        return new DigitRangeProof(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], s[0], s[1], s[2], l, r, ipA, ipB);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigitRangeProof && Arrays.equals(((DigitRangeProof) o).encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "DigitRangeProof[" + rounds() + " rounds]";
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }
}
