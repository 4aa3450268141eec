package dev.marginsim.prover.transparent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Domain separation of the transparent tier (docs/proofs.md, "Tags"). Each hash input starts with a
 * 32-byte tag, the SHA-256 of an ASCII label, so no leaf, padding leaf, node or round encoding can be
 * read as another (their first 32 bytes differ) and nothing outside marginsim shares a prefix.
 * HKDF info strings are short ASCII labels, so an account's info plus counter fits one SHA-256 block.
 */
public final class Tags {
    /** Tag of a real account's leaf. */
    static final byte[] LEAF = tag("marginsim/transparent/v1/leaf");
    /** Tag of a padding leaf. */
    static final byte[] PADDING = tag("marginsim/transparent/v1/padding");
    /** Tag of an inner node. */
    static final byte[] NODE = tag("marginsim/transparent/v1/node");
    /** Tag of a round commitment. */
    static final byte[] ROUND = tag("marginsim/transparent/v1/round");

    /** HKDF-Extract salt prefix of a round key (followed by chain id, protocol, round id). */
    static final byte[] ROUND_KEY_LABEL = ascii("marginsim/transparent/v1/round-key");
    /** HKDF info prefix of an account's salt (followed by its address). */
    static final byte[] ACCOUNT_SALT_LABEL = ascii("marginsim.t1.salt");
    /** HKDF info prefix of a padding leaf's salt (followed by the padding item number, uint32). */
    static final byte[] PADDING_SALT_LABEL = ascii("marginsim.t1.pad");
    /** HKDF info of the leaf-order key. */
    static final byte[] ORDER_LABEL = ascii("marginsim.t1.order");

    private Tags() {
    }

    /** The leaf tag (a copy). */
    public static byte[] leaf() {
        return LEAF.clone();
    }

    /** The padding tag (a copy). */
    public static byte[] padding() {
        return PADDING.clone();
    }

    /** The node tag (a copy). */
    public static byte[] node() {
        return NODE.clone();
    }

    /** The round tag (a copy). */
    public static byte[] round() {
        return ROUND.clone();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] tag(String label) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ascii(label));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
