package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.snapshot.Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The public inputs an inclusion proof's range proof is bound to, appended in this order to a
 * transcript started with protocol {@value #PROTOCOL} (docs/proofs-private-tree.md, "Inclusion
 * transcript"): the round hash (which commits to the round, the price snapshot, the root hash and the
 * root commitments), the price-snapshot hash and the root hash again by name, the account's address
 * and salted hash, the slot, the depth, each sibling hash bottom-up. The range proofs then fork it, one
 * per chunk of the siblings' commitments (bottom-up, asset order), and append the bit width, the count
 * and each chunk's commitments.
 */
final class InclusionTranscript {
    static final String PROTOCOL = "marginsim/private-inclusion/v2";

    private InclusionTranscript() {
    }

    static Transcript start(PrivateRound round, Address account, byte[] accountHash, long slot, byte[][] siblingHashes) {
        Transcript t = Transcript.start(PROTOCOL);
        t.append("round", round.roundHash());
        t.append("price-snapshot", round.info().prices().hash());
        t.append("root", round.root().hash());
        t.append("account", account.toBytes());
        t.append("account-hash", accountHash);
        t.append("slot", slot);
        t.append("depth", siblingHashes.length);
        for (byte[] h : siblingHashes) {
            t.append("sibling", h);
        }
        return t;
    }

    /** The range statement's items in proof order, padded to a power of two by repeating the last. */
    static <T> List<T> padded(List<T> items) {
        List<T> out = new ArrayList<>(items);
        int n = Integer.highestOneBit(out.size());
        if (n < out.size()) {
            n <<= 1;
        }
        while (out.size() < n) {
            out.add(out.get(out.size() - 1));
        }
        return out;
    }
}
