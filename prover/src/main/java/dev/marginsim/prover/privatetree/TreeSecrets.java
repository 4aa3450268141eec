package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The operator's per-round secrets of the private tree, all HKDF-SHA256 (RFC 5869) of one master
 * secret (docs/proofs-private-tree.md, "Secrets"):
 * <pre>
 * roundKey        = HKDF-Extract(salt = "marginsim/private/v1/round-key" ‖ chainId(8) ‖ protocol(20) ‖ roundId(8), ikm = master)
 * material(acct)  = HKDF-Expand(roundKey, "marginsim.p1.acct" ‖ address(20), 32·(1+T))
 * material(pad k) = HKDF-Expand(roundKey, "marginsim.p1.pad" ‖ uint32(k), 32·(1+T))
 * orderKey        = HKDF-Expand(roundKey, "marginsim.p1.order", 32)
 * </pre>
 * A leaf's material is its 32-byte salt, then one 32-byte big-endian blinding per token reduced mod
 * the group order n (the bias, below 2^-128, is negligible). Every leaf, real or padding, is derived
 * the same way, so padding leaves cannot be told from real ones; builds are reproducible, and the
 * operator can regenerate any opening from the master secret. HMAC is the JDK's ({@link Mac}), which
 * runs on the CPU's SHA instructions; tests check it against Bouncy Castle's HKDF.
 * Not thread-safe: one instance per thread ({@link #copy()}).
 */
final class TreeSecrets {
    static final int MIN_MASTER_LENGTH = 32;
    private final byte[] roundKey;
    private final Mac mac;

    private TreeSecrets(byte[] roundKey) {
        this.roundKey = roundKey;
        this.mac = hmac(roundKey);
    }

    static TreeSecrets forRound(byte[] master, RoundInfo round) {
        if (master.length < MIN_MASTER_LENGTH) {
            throw new IllegalArgumentException("the master secret must have at least 32 bytes, not " + master.length);
        }
        byte[] salt = ByteBuffer.allocate(PrivateTags.ROUND_KEY_LABEL.length + 36).put(PrivateTags.ROUND_KEY_LABEL)
                .putLong(round.chainId()).put(round.protocol().toBytes()).putLong(round.roundId()).array();
        return new TreeSecrets(hmac(salt).doFinal(master)); // HKDF-Extract = HMAC(salt, ikm)
    }

    TreeSecrets copy() {
        return new TreeSecrets(roundKey);
    }

    byte[] roundKey() {
        return roundKey.clone();
    }

    /** Salt and {@code tokens} blindings of a real account's leaf. */
    LeafMaterial account(Address account, int tokens) {
        byte[] info = new byte[PrivateTags.ACCOUNT_LABEL.length + Address.LENGTH];
        System.arraycopy(PrivateTags.ACCOUNT_LABEL, 0, info, 0, PrivateTags.ACCOUNT_LABEL.length);
        account.writeTo(info, PrivateTags.ACCOUNT_LABEL.length);
        return LeafMaterial.of(expand(info, 32 * (1 + tokens)), tokens);
    }

    /** Salt and blindings of padding item {@code k} (0-based among the padding leaves). */
    LeafMaterial padding(int k, int tokens) {
        byte[] info = ByteBuffer.allocate(PrivateTags.PADDING_LABEL.length + 4).put(PrivateTags.PADDING_LABEL).putInt(k).array();
        return LeafMaterial.of(expand(info, 32 * (1 + tokens)), tokens);
    }

    byte[] orderKey() {
        return expand(PrivateTags.ORDER_LABEL, 32);
    }

    /** HKDF-Expand: T(i) = HMAC(roundKey, T(i−1) ‖ info ‖ i), output T(1) ‖ T(2) ‖ … cut to {@code length}. */
    byte[] expand(byte[] info, int length) {
        byte[] out = new byte[length];
        byte[] previous = new byte[0];
        for (int i = 1, done = 0; done < length; i++) {
            mac.update(previous);
            mac.update(info);
            mac.update((byte) i);
            previous = mac.doFinal();
            int n = Math.min(32, length - done);
            System.arraycopy(previous, 0, out, done, n);
            done += n;
        }
        return out;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("HMAC key rejected", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has HmacSHA256", e);
        }
    }

    /** One leaf's salt and per-token blindings (scalars mod n, as 32-byte big-endian). */
    record LeafMaterial(byte[] salt, byte[][] blindings) {
        static LeafMaterial of(byte[] okm, int tokens) {
            byte[] salt = new byte[32];
            System.arraycopy(okm, 0, salt, 0, 32);
            byte[][] blindings = new byte[tokens][];
            for (int t = 0; t < tokens; t++) {
                byte[] raw = new byte[32];
                System.arraycopy(okm, 32 * (1 + t), raw, 0, 32);
                blindings[t] = Scalars.toBytes(new BigInteger(1, raw).mod(Scalars.ORDER));
            }
            return new LeafMaterial(salt, blindings);
        }
    }
}
