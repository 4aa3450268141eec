package dev.marginsim.prover.transparent;

import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.nio.ByteBuffer;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The operator's per-round secrets, all derived with HKDF-SHA256 (RFC 5869) from one master secret:
 * <pre>
 * roundKey         = HKDF-Extract(salt = "marginsim/transparent/v1/round-key" ‖ chainId(8) ‖ protocol(20) ‖ roundId(8),
 *                                 ikm = master)
 * salt(account)    = HKDF-Expand(roundKey, "marginsim.t1.salt" ‖ address(20), 32)
 * salt(padding k)  = HKDF-Expand(roundKey, "marginsim.t1.pad" ‖ uint32(k), 32)
 * orderKey         = HKDF-Expand(roundKey, "marginsim.t1.order", 32)
 * </pre>
 * Each leaf's salt differs per account and per round, so a leaf hash says nothing about the same
 * account in another round, and a salt handed to one account holder reveals no other. A 32-byte
 * expand is one HMAC, {@code T(1) = HMAC(roundKey, info ‖ 0x01)}; this class computes it with one
 * keyed Bouncy Castle {@link HMac} reused for every account (re-keying per account, as a fresh
 * {@link HKDFBytesGenerator} would, doubles the cost); tests check it equals {@link HKDFBytesGenerator}.
 * Not thread-safe: one instance per thread ({@link #copy()}).
 */
public final class Salts {
    /** Shortest master secret accepted: 32 bytes, SHA-256's security level. */
    public static final int MIN_MASTER_LENGTH = 32;

    private final byte[] roundKey;
    private final HMac hmac;
    private final byte[] info = new byte[64];

    private Salts(byte[] roundKey) {
        this.roundKey = roundKey;
        this.hmac = new HMac(new JdkSha256());
        this.hmac.init(new KeyParameter(roundKey));
    }

    /** The salts of one round of one protocol. */
    public static Salts forRound(byte[] masterSecret, RoundInfo round) {
        if (masterSecret.length < MIN_MASTER_LENGTH) {
            throw new IllegalArgumentException("the master secret must have at least 32 bytes, not " + masterSecret.length);
        }
        byte[] extractSalt = ByteBuffer.allocate(Tags.ROUND_KEY_LABEL.length + 36).put(Tags.ROUND_KEY_LABEL)
                .putLong(round.chainId()).put(round.protocol().toBytes()).putLong(round.roundId()).array();
        byte[] prk = new HKDFBytesGenerator(new JdkSha256()).extractPRK(extractSalt, masterSecret);
        return new Salts(prk);
    }

    /** An independent instance with the same round key, for another thread. */
    public Salts copy() {
        return new Salts(roundKey);
    }

    /** Writes the 32-byte salt of {@code account} into {@code out} at {@code offset}. */
    public void accountSalt(Address account, byte[] out, int offset) {
        int n = Tags.ACCOUNT_SALT_LABEL.length;
        System.arraycopy(Tags.ACCOUNT_SALT_LABEL, 0, info, 0, n);
        account.writeTo(info, n);
        expand32(n + Address.LENGTH, out, offset);
    }

    /** Writes the 32-byte salt of padding item {@code k} (0-based among the padding leaves) into {@code out}. */
    public void paddingSalt(int k, byte[] out, int offset) {
        int n = Tags.PADDING_SALT_LABEL.length;
        System.arraycopy(Tags.PADDING_SALT_LABEL, 0, info, 0, n);
        info[n] = (byte) (k >>> 24);
        info[n + 1] = (byte) (k >>> 16);
        info[n + 2] = (byte) (k >>> 8);
        info[n + 3] = (byte) k;
        expand32(n + 4, out, offset);
    }

    /** The key of the leaf-order stream ({@link LeafOrder}), through {@link HKDFBytesGenerator} itself. */
    public byte[] orderKey() {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new JdkSha256());
        hkdf.init(HKDFParameters.skipExtractParameters(roundKey, Tags.ORDER_LABEL));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, 32);
        return key;
    }

    /** The round key (HKDF's PRK), for tests that recompute salts with {@link HKDFBytesGenerator}. */
    byte[] roundKey() {
        return roundKey.clone();
    }

    private void expand32(int infoLength, byte[] out, int offset) {
        hmac.update(info, 0, infoLength);
        hmac.update((byte) 1);
        hmac.doFinal(out, offset); // also resets to the keyed state
    }
}
