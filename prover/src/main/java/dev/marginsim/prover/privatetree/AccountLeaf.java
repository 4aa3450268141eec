package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.snapshot.Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An account's leaf with its opening: the salt, per token the liability and the blinding of its
 * commitment. What the operator hands the account holder, and what a margin proof of the same
 * account builds on (its collateral commitments are these).
 */
public record AccountLeaf(Address account, byte[] salt, long[] values, Scalar[] blindings) {
    public AccountLeaf {
        Objects.requireNonNull(account, "account");
        salt = salt.clone();
        values = values.clone();
        blindings = blindings.clone();
        if (values.length != blindings.length) {
            throw new IllegalArgumentException("one blinding per value");
        }
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public Scalar[] blindings() {
        return blindings.clone();
    }

    public Opening opening(int token) {
        return new Opening(Scalar.of(values[token]), blindings[token]);
    }

    /** The leaf's commitments, recomputed from the opening. */
    public List<Commitment> commitments() {
        List<Commitment> out = new ArrayList<>();
        for (int t = 0; t < values.length; t++) {
            out.add(opening(t).commit());
        }
        return out;
    }

    /** The salted account hash the leaf carries. */
    public byte[] accountHash() {
        return PrivateHashing.accountHash(salt, account);
    }

    /** The leaf's hash (as the tree has it). */
    public byte[] leafHash() {
        return leafHash(account, salt, commitments());
    }

    /** The hash of the leaf of {@code account} with {@code salt} and these commitments. */
    public static byte[] leafHash(Address account, byte[] salt, List<Commitment> commitments) {
        byte[][] enc = new byte[commitments.size()][];
        for (int t = 0; t < enc.length; t++) {
            enc[t] = commitments.get(t).encode();
        }
        return PrivateHashing.leaf(PrivateHashing.accountHash(salt, account), enc);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountLeaf l && l.account.equals(account) && Arrays.equals(l.salt, salt)
                && Arrays.equals(l.values, values) && Arrays.equals(l.blindings, blindings);
    }

    @Override
    public int hashCode() {
        return account.hashCode();
    }

    @Override
    public String toString() {
        return "AccountLeaf[" + account + "]"; // never the blindings
    }
}
