package dev.marginsim.prover.transparent;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.util.Memoable;

/**
 * The JDK's SHA-256 (which the JIT runs on the CPU's SHA instructions) behind Bouncy Castle's
 * {@link ExtendedDigest}, so Bouncy Castle's HMAC and HKDF run at the JDK's speed: salts for a million
 * leaves cost as much as the leaves themselves instead of five times more (BC's own SHA-256 is plain
 * Java). {@link Memoable} lets {@code HMac} keep its inner and outer pad states instead of rehashing
 * the key for every message.
 */
final class JdkSha256 implements ExtendedDigest, Memoable {
    private MessageDigest md;

    JdkSha256() {
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }

    private JdkSha256(MessageDigest md) {
        this.md = md;
    }

    /** A new JDK SHA-256 instance (the tree builder's per-thread digest). */
    static MessageDigest newMessageDigest() {
        return new JdkSha256().md;
    }

    @Override
    public String getAlgorithmName() {
        return "SHA-256";
    }

    @Override
    public int getDigestSize() {
        return 32;
    }

    @Override
    public int getByteLength() {
        return 64;
    }

    @Override
    public void update(byte in) {
        md.update(in);
    }

    @Override
    public void update(byte[] in, int inOff, int len) {
        md.update(in, inOff, len);
    }

    @Override
    public int doFinal(byte[] out, int outOff) {
        try {
            return md.digest(out, outOff, 32);
        } catch (DigestException e) {
            throw new IllegalArgumentException("output buffer too short", e);
        }
    }

    @Override
    public void reset() {
        md.reset();
    }

    @Override
    public Memoable copy() {
        return new JdkSha256(cloneOf(md));
    }

    @Override
    public void reset(Memoable other) {
        md = cloneOf(((JdkSha256) other).md);
    }

    private static MessageDigest cloneOf(MessageDigest m) {
        try {
            return (MessageDigest) m.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }
}
