package dev.marginsim.prover.bulletproofs;

import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A Fiat–Shamir transcript over SHA-256: the prover and the verifier absorb the same labelled
 * messages in the same order, and every challenge is a hash of everything absorbed before it.
 *
 * <p>Byte by byte (docs/proofs-private.md, "Transcript"): with enc(b) = u32be(|b|) ‖ b, the transcript
 * is a byte string T that starts as enc("marginsim/transcript/v1") ‖ enc(protocol); an append adds
 * 0x01 ‖ enc(label) ‖ enc(data); a challenge adds 0x02 ‖ enc(label) and then reads
 * SHA-256(T ‖ 0x00) ‖ SHA-256(T ‖ 0x01) as a 512-bit big-endian integer reduced modulo n. Lengths
 * prefix every field, so no two different sequences of appends give the same T.
 *
 * <p>Binding is the caller's duty and the whole point: before a proof is made or checked, the caller
 * appends every public input the proof speaks about (round id, root, price-snapshot hash, account id…)
 * with {@link #append}. The range prover and verifier then append the bit width, the count and every
 * commitment themselves. A verifier whose transcript lacks one input computes other challenges and
 * rejects the proof. Mutable and not thread-safe; {@link #copy} forks it.
 */
public final class Transcript {
    static final byte[] VERSION = "marginsim/transcript/v1".getBytes(StandardCharsets.UTF_8);
    private static final byte APPEND = 0x01;
    private static final byte CHALLENGE = 0x02;

    private final MessageDigest state;

    private Transcript(MessageDigest state) {
        this.state = state;
    }

    /**
     * A new transcript for one protocol, e.g. {@code "marginsim/solvency/v1"}: proofs made under one
     * protocol label never verify under another.
     */
    public static Transcript start(String protocol) {
        Transcript t = new Transcript(sha256());
        t.absorb(VERSION);
        t.absorb(utf8(protocol));
        return t;
    }

    /** An independent copy in the same state. */
    public Transcript copy() {
        try {
            return new Transcript((MessageDigest) state.clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 supports clone", e);
        }
    }

    /** Appends a labelled byte string. */
    public Transcript append(String label, byte[] data) {
        state.update(APPEND);
        absorb(utf8(label));
        absorb(data);
        return this;
    }

    /** Appends a UTF-8 string. */
    public Transcript append(String label, String text) {
        return append(label, utf8(text));
    }

    /** Appends a 64-bit integer, 8 bytes big-endian. */
    public Transcript append(String label, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (56 - 8 * i));
        }
        return append(label, b);
    }

    /** Appends a scalar, 32 bytes big-endian. */
    public Transcript append(String label, Scalar s) {
        return append(label, s.encode());
    }

    /**
     * Appends a point, 33 bytes compressed.
     *
     * @throws IllegalStateException for the point at infinity (it has no encoding and is never a
     *     valid proof element)
     */
    public Transcript append(String label, Point p) {
        return append(label, p.encode());
    }

    /** Appends a commitment, 33 bytes compressed. */
    public Transcript append(String label, Commitment c) {
        return append(label, c.encode());
    }

    /**
     * Derives a challenge scalar from everything absorbed so far, and absorbs its label.
     *
     * @throws IllegalStateException if the challenge is zero (probability 2^-256), which the protocols
     *     here must not use
     */
    public Scalar challenge(String label) {
        state.update(CHALLENGE);
        absorb(utf8(label));
        byte[] wide = new byte[64];
        System.arraycopy(fork((byte) 0), 0, wide, 0, 32);
        System.arraycopy(fork((byte) 1), 0, wide, 32, 32);
        Scalar c = Scalar.fromWideBytes(wide);
        if (c.isZero()) {
            throw new IllegalStateException("zero challenge for " + label);
        }
        return c;
    }

    private byte[] fork(byte suffix) {
        try {
            MessageDigest d = (MessageDigest) state.clone();
            d.update(suffix);
            return d.digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 supports clone", e);
        }
    }

    private void absorb(byte[] data) {
        int n = data.length;
        state.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        state.update(data);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
