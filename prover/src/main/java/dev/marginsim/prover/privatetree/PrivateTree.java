package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * A built private tree (the operator's copy): per level, per node, its hash, its per-token
 * commitments (33-byte compressed points), and their openings (values and blindings), so any
 * account's inclusion proof can be cut without recomputing anything. Level 0 is the leaves,
 * level {@code depth} the root. Flat arrays, no point objects: 2^20 accounts with three tokens take
 * about 0.5 GB.
 */
public final class PrivateTree {
    private final RoundInfo round;
    private final int depth;
    private final int tokens;
    private final byte[][] hashes;       // [level][node·32]
    private final byte[][] commitments;  // [level][(node·T + t)·33]
    private final long[][] values;       // [level][node·T + t]
    private final byte[][] blindings;    // [level][(node·T + t)·32]
    private final Map<Address, Integer> slots;
    private final byte[][] salts;        // per account slot: its salt (given to the account holder)

    PrivateTree(RoundInfo round, int depth, int tokens, byte[][] hashes, byte[][] commitments, long[][] values,
            byte[][] blindings, Map<Address, Integer> slots, byte[][] salts) {
        this.round = round;
        this.depth = depth;
        this.tokens = tokens;
        this.hashes = hashes;
        this.commitments = commitments;
        this.values = values;
        this.blindings = blindings;
        // Not Map.copyOf: its linear probing degrades badly on a million addresses that differ in their last bytes.
        this.slots = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(slots));
        this.salts = salts;
    }

    public RoundInfo round() {
        return round;
    }

    public int depth() {
        return depth;
    }

    /** Commitments per node: one per asset of the round. */
    public int tokens() {
        return tokens;
    }

    public int leafCount() {
        return 1 << depth;
    }

    /** The published root. */
    public PrivateRoot root() {
        byte[][] c = new byte[tokens][];
        for (int t = 0; t < tokens; t++) {
            c[t] = commitment(depth, 0, t);
        }
        return new PrivateRoot(depth, tokens, hash(depth, 0), c);
    }

    /** The slot of an account's leaf, or −1 if the account is not in the tree. */
    public int slotOf(Address account) {
        Integer s = slots.get(account);
        return s == null ? -1 : s;
    }

    /** The account's leaf and its opening (for its holder and for its margin proofs). */
    public AccountLeaf accountLeaf(Address account) {
        int slot = slotOf(account);
        if (slot < 0) {
            throw new IllegalArgumentException("account " + account + " is not in this round's tree");
        }
        long[] v = new long[tokens];
        dev.marginsim.prover.curve.Scalar[] r = new dev.marginsim.prover.curve.Scalar[tokens];
        for (int t = 0; t < tokens; t++) {
            v[t] = value(0, slot, t);
            r[t] = dev.marginsim.prover.curve.Scalar.ofCanonical(blinding(0, slot, t));
        }
        return new AccountLeaf(account, salts[slot], v, r);
    }

    byte[] salt(int slot) {
        return salts[slot].clone();
    }

    byte[] hash(int level, int node) {
        return Arrays.copyOfRange(hashes[level], node * 32, node * 32 + 32);
    }

    byte[] commitment(int level, int node, int token) {
        int at = (node * tokens + token) * Scalars.POINT_LENGTH;
        return Arrays.copyOfRange(commitments[level], at, at + Scalars.POINT_LENGTH);
    }

    long value(int level, int node, int token) {
        return values[level][node * tokens + token];
    }

    BigInteger blinding(int level, int node, int token) {
        return Scalars.fromBytes(blindings[level], (node * tokens + token) * 32);
    }

    /** Per-token totals and their blindings (the root's opening), for a revealed-total statement. */
    long total(int token) {
        return value(depth, 0, token);
    }

    BigInteger totalBlinding(int token) {
        return blinding(depth, 0, token);
    }
}
