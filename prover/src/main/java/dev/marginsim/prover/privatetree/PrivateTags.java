package dev.marginsim.prover.privatetree;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Domain separation of the private tier (docs/proofs-private-tree.md, "Tags"): every hash input
 * starts with a 32-byte tag, the SHA-256 of an ASCII label, distinct from each other and from the
 * transparent tier's, so no account hash, leaf, padding leaf or node of either tier reads as another.
 */
final class PrivateTags {
    static final byte[] ACCOUNT = tag("marginsim/private/v1/account");
    static final byte[] LEAF = tag("marginsim/private/v1/leaf");
    static final byte[] PADDING = tag("marginsim/private/v1/padding");
    static final byte[] NODE = tag("marginsim/private/v1/node");
    static final byte[] ROUND = tag("marginsim/private/v1/round");

    /** HKDF-Extract salt prefix of the private tier's round key (then chain id, protocol, round id). */
    static final byte[] ROUND_KEY_LABEL = ascii("marginsim/private/v1/round-key");
    /** HKDF info prefix of an account's salt and blindings (then its address). */
    static final byte[] ACCOUNT_LABEL = ascii("marginsim.p1.acct");
    /** HKDF info prefix of a padding leaf's salt and blindings (then uint32 item number). */
    static final byte[] PADDING_LABEL = ascii("marginsim.p1.pad");
    /** HKDF info of the leaf-order key. */
    static final byte[] ORDER_LABEL = ascii("marginsim.p1.order");

    private PrivateTags() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }

    private static byte[] tag(String label) {
        return sha256().digest(ascii(label));
    }
}
