package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.bulletproofs.RangeProof;
import dev.marginsim.prover.bulletproofs.RangeProver;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.snapshot.Address;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Cuts an account's {@link PrivateInclusionProof} from a built {@link PrivateTree}. */
public final class PrivateInclusionProver {
    /** The bit width proofs use unless a verifier asks for another: every int64 balance fits. */
    public static final int DEFAULT_BITS = 64;

    private PrivateInclusionProver() {
    }

    /**
     * @param bits the range width the verifier requires (a power of two ≤ 64); every balance and every
     *             sibling's sum on the path must be below 2^bits
     * @throws IllegalArgumentException if the account is not in the tree or a value does not fit
     */
    public static PrivateInclusionProof prove(PrivateTree tree, Address account, int bits, SecureRandom rng) {
        int slot = tree.slotOf(account);
        if (slot < 0) {
            throw new IllegalArgumentException("account " + account + " is not in this round's tree");
        }
        int tokens = tree.tokens();
        int depth = tree.depth();
        PrivateRound round = PrivateRound.of(tree);
        byte[] salt = tree.salt(slot);
        long[] values = new long[tokens];
        Scalar[] blindings = new Scalar[tokens];
        // The leaf's own values are opened in the proof and range-checked by the verifier directly, so the
        // range proofs cover the siblings only.
        List<Opening> openings = new ArrayList<>();
        for (int t = 0; t < tokens; t++) {
            values[t] = tree.value(0, slot, t);
            blindings[t] = Scalar.ofCanonical(tree.blinding(0, slot, t));
        }
        byte[][] siblingHashes = new byte[depth][];
        byte[][][] siblingCommitments = new byte[depth][tokens][];
        int node = slot;
        for (int level = 0; level < depth; level++) {
            int sibling = node ^ 1;
            siblingHashes[level] = tree.hash(level, sibling);
            for (int t = 0; t < tokens; t++) {
                siblingCommitments[level][t] = tree.commitment(level, sibling, t);
                openings.add(new Opening(Scalar.of(tree.value(level, sibling, t)), Scalar.ofCanonical(tree.blinding(level, sibling, t))));
            }
            node >>= 1;
        }
        byte[] accountHash = PrivateHashing.accountHash(salt, account);
        List<RangeProof> range = RangeProver.proveChunks(InclusionTranscript.start(round, account, accountHash, slot,
                siblingHashes), bits, openings, true, rng);
        return new PrivateInclusionProof(round, account, salt, slot, values, blindings, siblingHashes, siblingCommitments,
                bits, range);
    }
}
