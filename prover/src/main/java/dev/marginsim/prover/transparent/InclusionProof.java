package dev.marginsim.prover.transparent;

import dev.marginsim.prover.snapshot.Address;
import java.util.Objects;

/**
 * One account's proof that its leaf is in a round's tree: the round as published, the leaf's
 * preimage (address, salt, balances), its slot and, from the bottom up, each sibling's hash and sums.
 * Bit {@code l} of {@code index} says whether the path's node at level {@code l} is a right child
 * (1: the sibling is on the left). Holding it reveals the sibling subtrees' sums, nothing else.
 */
public final class InclusionProof {
    private final PublishedRound round;
    private final Address account;
    private final byte[] salt;
    private final long[] balances;
    private final long index;
    private final byte[][] siblingHashes;
    private final long[][] siblingSums;

    public InclusionProof(PublishedRound round, Address account, byte[] salt, long[] balances, long index,
            byte[][] siblingHashes, long[][] siblingSums) {
        this.round = Objects.requireNonNull(round, "round");
        this.account = Objects.requireNonNull(account, "account");
        this.salt = salt.clone();
        this.balances = balances.clone();
        this.index = index;
        if (siblingHashes.length != siblingSums.length) {
            throw new IllegalArgumentException("one sum vector per sibling hash");
        }
        this.siblingHashes = new byte[siblingHashes.length][];
        this.siblingSums = new long[siblingSums.length][];
        for (int i = 0; i < siblingHashes.length; i++) {
            this.siblingHashes[i] = siblingHashes[i].clone();
            this.siblingSums[i] = siblingSums[i].clone();
        }
    }

    public PublishedRound round() {
        return round;
    }

    public Address account() {
        return account;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public long[] balances() {
        return balances.clone();
    }

    public long index() {
        return index;
    }

    /** Number of siblings (the path length). */
    public int pathLength() {
        return siblingHashes.length;
    }

    public byte[] siblingHash(int level) {
        return siblingHashes[level].clone();
    }

    public long[] siblingSums(int level) {
        return siblingSums[level].clone();
    }
}
