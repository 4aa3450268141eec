package dev.marginsim.prover.privatetree;

import java.util.Arrays;

/**
 * What the operator publishes for a round's private tree: the depth (the tree has 2^depth leaves,
 * the only thing it says about the number of accounts), the root hash, and one commitment per
 * token to that token's total liabilities.
 */
public record PrivateRoot(int depth, int tokens, byte[] hash, byte[][] commitments) {
    public PrivateRoot {
        hash = hash.clone();
        commitments = Arrays.stream(commitments).map(byte[]::clone).toArray(byte[][]::new);
        if (commitments.length != tokens) {
            throw new IllegalArgumentException("one root commitment per token");
        }
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    public byte[] commitment(int token) {
        return commitments[token].clone();
    }

    @Override
    public byte[][] commitments() {
        return Arrays.stream(commitments).map(byte[]::clone).toArray(byte[][]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrivateRoot r && r.depth == depth && r.tokens == tokens && Arrays.equals(r.hash, hash)
                && Arrays.deepEquals(r.commitments, commitments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "PrivateRoot[depth=" + depth + ", hash=" + dev.marginsim.prover.format.Hex.encode(hash) + "]";
    }
}
