package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.format.Hex;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A Bulletproofs range proof (Bünz et al. 2018, §4.2 with the aggregation of §4.3): m committed values
 * each in [0, 2^n). Immutable; it holds only well-formed elements (finite points, canonical scalars).
 *
 * <p>Wire form (docs/proofs-private.md, "Serialisation"), with k = log2(n·m):
 * A ‖ S ‖ T1 ‖ T2 (33 bytes each, compressed) ‖ τx ‖ μ ‖ t̂ (32 bytes each) ‖ L₁ ‖ R₁ ‖ … ‖ L_k ‖ R_k
 * (33 bytes each) ‖ a ‖ b (32 bytes each): 292 + 66·k bytes, 688 for one 64-bit value.
 */
public final class RangeProof {
    /** Bytes before the inner-product rounds and after them: 4 points, 5 scalars. */
    static final int FIXED_BYTES = 4 * Point.BYTES + 5 * Scalar.BYTES;
    static final int ROUND_BYTES = 2 * Point.BYTES;
    /** At most log2(64·256) rounds. */
    static final int MAX_ROUNDS = 14;

    private final Point a;
    private final Point s;
    private final Point t1;
    private final Point t2;
    private final Scalar tauX;
    private final Scalar mu;
    private final Scalar tHat;
    private final List<Point> l;
    private final List<Point> r;
    private final Scalar ipA;
    private final Scalar ipB;

    RangeProof(Point a, Point s, Point t1, Point t2, Scalar tauX, Scalar mu, Scalar tHat,
               List<Point> l, List<Point> r, Scalar ipA, Scalar ipB) {
        this.a = a;
        this.s = s;
        this.t1 = t1;
        this.t2 = t2;
        this.tauX = tauX;
        this.mu = mu;
        this.tHat = tHat;
        this.l = List.copyOf(l);
        this.r = List.copyOf(r);
        this.ipA = ipA;
        this.ipB = ipB;
        if (this.l.size() != this.r.size()) {
            throw new IllegalArgumentException("L and R differ in length");
        }
    }

    /** Number of inner-product rounds, log2(n·m). */
    public int rounds() {
        return l.size();
    }

    /** Length of the encoding of a proof with {@code rounds} inner-product rounds. */
    public static int encodedLength(int rounds) {
        return FIXED_BYTES + ROUND_BYTES * rounds;
    }

    public byte[] encode() {
        byte[] out = new byte[encodedLength(rounds())];
        int[] at = {0};
        put(out, at, a.encode());
        put(out, at, s.encode());
        put(out, at, t1.encode());
        put(out, at, t2.encode());
        put(out, at, tauX.encode());
        put(out, at, mu.encode());
        put(out, at, tHat.encode());
        for (int i = 0; i < l.size(); i++) {
            put(out, at, l.get(i).encode());
            put(out, at, r.get(i).encode());
        }
        put(out, at, ipA.encode());
        put(out, at, ipB.encode());
        return out;
    }

    /** {@code 0x} and lower-case hex of {@link #encode}. */
    public String toHex() {
        return Hex.encode(encode());
    }

    /**
     * Decodes the wire form.
     *
     * @throws VerificationException {@link Failure#LENGTH_MISMATCH} if the length is not 292 + 66·k for
     *     some k ≤ 14; as {@link Point#decode} and {@link Scalar#decode} for a bad element (the detail
     *     names it)
     */
    public static RangeProof decode(byte[] bytes) throws VerificationException {
        if (bytes == null || bytes.length < FIXED_BYTES || (bytes.length - FIXED_BYTES) % ROUND_BYTES != 0
                || (bytes.length - FIXED_BYTES) / ROUND_BYTES > MAX_ROUNDS) {
            throw new VerificationException(Failure.LENGTH_MISMATCH,
                    "a range proof is 292 + 66·k bytes (k ≤ " + MAX_ROUNDS + "), got "
                            + (bytes == null ? "none" : bytes.length));
        }
        int k = (bytes.length - FIXED_BYTES) / ROUND_BYTES;
        WireReader in = new WireReader(bytes, "range proof");
        Point a = in.point("A");
        Point s = in.point("S");
        Point t1 = in.point("T1");
        Point t2 = in.point("T2");
        Scalar tauX = in.scalar("tau_x");
        Scalar mu = in.scalar("mu");
        Scalar tHat = in.scalar("t_hat");
        Point[] l = new Point[k];
        Point[] r = new Point[k];
        for (int i = 0; i < k; i++) {
            l[i] = in.point("L[" + i + "]");
            r[i] = in.point("R[" + i + "]");
        }
        Scalar ipA = in.scalar("a");
        Scalar ipB = in.scalar("b");
        return new RangeProof(a, s, t1, t2, tauX, mu, tHat, Arrays.asList(l), Arrays.asList(r), ipA, ipB);
    }

    /**
     * Decodes {@code 0x} + lower-case hex.
     *
     * @param what names the field in a rejection
     */
    public static RangeProof fromHex(String hex, String what) throws VerificationException {
        if (hex == null || !hex.startsWith("0x") || hex.length() % 2 != 0) {
            throw new VerificationException(Failure.MALFORMED_FIELD, what + " must be 0x and lower-case hex");
        }
        byte[] bytes = Hex.decode(hex, (hex.length() - 2) / 2, what);
        try {
            return decode(bytes);
        } catch (VerificationException e) {
            throw new VerificationException(e.failure(), what + ": " + e.getMessage(), e);
        }
    }

    Point a() {
        return a;
    }

    Point s() {
        return s;
    }

    Point t1() {
        return t1;
    }

    Point t2() {
        return t2;
    }

    Scalar tauX() {
        return tauX;
    }

    Scalar mu() {
        return mu;
    }

    Scalar tHat() {
        return tHat;
    }

    List<Point> l() {
        return l;
    }

    List<Point> r() {
        return r;
    }

    Scalar ipA() {
        return ipA;
    }

    Scalar ipB() {
        return ipB;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RangeProof && Arrays.equals(((RangeProof) o).encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "RangeProof[" + rounds() + " rounds, " + HexFormat.of().formatHex(encode(), 0, 8) + "…]";
    }

    private static void put(byte[] out, int[] at, byte[] part) {
        System.arraycopy(part, 0, out, at[0], part.length);
        at[0] += part.length;
    }
}
