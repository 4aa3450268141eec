package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.bulletproofs.RangeProof;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.snapshot.Address;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One account's proof that its leaf is in a round's private tree, for the account holder: the round
 * as published, the leaf's preimage (address, salt) and opening (per token the value and blinding of
 * its commitment), its slot, from the bottom up each sibling's hash and commitments, and the range
 * proofs (chunks of one aggregated statement, {@code RangeChunks}) that every sibling's commitment
 * holds a value in [0, 2^bits); the leaf's own values are opened and checked directly. It reveals the
 * account's own balances to its holder and nothing about any other account: sibling commitments hide
 * their sums.
 */
public final class PrivateInclusionProof {
    private final PrivateRound round;
    private final Address account;
    private final byte[] salt;
    private final long slot;
    private final long[] values;
    private final Scalar[] blindings;
    private final byte[][] siblingHashes;
    private final byte[][][] siblingCommitments;
    private final int bits;
    private final List<RangeProof> rangeProofs;

    public PrivateInclusionProof(PrivateRound round, Address account, byte[] salt, long slot, long[] values,
            Scalar[] blindings, byte[][] siblingHashes, byte[][][] siblingCommitments, int bits, List<RangeProof> rangeProofs) {
        this.round = Objects.requireNonNull(round, "round");
        this.account = Objects.requireNonNull(account, "account");
        this.salt = salt.clone();
        this.slot = slot;
        this.values = values.clone();
        this.blindings = blindings.clone();
        if (siblingHashes.length != siblingCommitments.length) {
            throw new IllegalArgumentException("one commitment vector per sibling hash");
        }
        this.siblingHashes = Arrays.stream(siblingHashes).map(byte[]::clone).toArray(byte[][]::new);
        this.siblingCommitments = new byte[siblingCommitments.length][][];
        for (int i = 0; i < siblingCommitments.length; i++) {
            this.siblingCommitments[i] = Arrays.stream(siblingCommitments[i]).map(byte[]::clone).toArray(byte[][]::new);
        }
        this.bits = bits;
        this.rangeProofs = List.copyOf(rangeProofs);
    }

    public PrivateRound round() {
        return round;
    }

    public Address account() {
        return account;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public long slot() {
        return slot;
    }

    public long[] values() {
        return values.clone();
    }

    public Scalar[] blindings() {
        return blindings.clone();
    }

    /** The account's leaf as this proof opens it. */
    public AccountLeaf leaf() {
        return new AccountLeaf(account, salt, values, blindings);
    }

    public int pathLength() {
        return siblingHashes.length;
    }

    public byte[] siblingHash(int level) {
        return siblingHashes[level].clone();
    }

    public byte[][] siblingCommitments(int level) {
        return Arrays.stream(siblingCommitments[level]).map(byte[]::clone).toArray(byte[][]::new);
    }

    public int bits() {
        return bits;
    }

    /** The range proofs over the siblings' commitments, one per chunk. */
    public List<RangeProof> rangeProofs() {
        return rangeProofs;
    }
}
