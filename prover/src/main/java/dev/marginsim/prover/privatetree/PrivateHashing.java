package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.snapshot.Address;
import java.security.MessageDigest;

/**
 * The private tree's hashes (docs/proofs-private-tree.md, "Tree"), all SHA-256 over fixed-width
 * fields after a 32-byte tag; commitments are 33-byte SEC1 compressed points, one per token, in the
 * round's asset order:
 * <pre>
 * accountHash = SHA-256(ACCOUNT ‖ salt(32) ‖ address(20))
 * leaf        = SHA-256(LEAF ‖ accountHash ‖ C_0 ‖ … ‖ C_{T−1})
 * padding     = SHA-256(PADDING ‖ salt(32) ‖ C_0 ‖ … ‖ C_{T−1})        (every C_t commits to 0)
 * node        = SHA-256(NODE ‖ leftHash ‖ leftC_0 … leftC_{T−1} ‖ rightHash ‖ rightC_0 … rightC_{T−1})
 * </pre>
 * A node's commitments are the per-token sums of its children's; its hash binds both children's
 * hashes and commitments, so no child's sum can be swapped, dropped or replaced by a maximum.
 */
public final class PrivateHashing {
    private PrivateHashing() {
    }

    public static byte[] accountHash(byte[] salt, Address account) {
        MessageDigest md = PrivateTags.sha256();
        md.update(PrivateTags.ACCOUNT);
        md.update(salt);
        md.update(account.toBytes());
        return md.digest();
    }

    public static byte[] leaf(byte[] accountHash, byte[][] commitments) {
        MessageDigest md = PrivateTags.sha256();
        md.update(PrivateTags.LEAF);
        md.update(accountHash);
        for (byte[] c : commitments) {
            md.update(c);
        }
        return md.digest();
    }

    public static byte[] node(byte[] leftHash, byte[][] left, byte[] rightHash, byte[][] right) {
        MessageDigest md = PrivateTags.sha256();
        md.update(PrivateTags.NODE);
        md.update(leftHash);
        for (byte[] c : left) {
            md.update(c);
        }
        md.update(rightHash);
        for (byte[] c : right) {
            md.update(c);
        }
        return md.digest();
    }
}
