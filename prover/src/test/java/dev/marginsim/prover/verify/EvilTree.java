package dev.marginsim.prover.verify;

import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.transparent.Tags;
import dev.marginsim.prover.transparent.TreeHashing;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.LongBinaryOperator;

/**
 * A dishonest operator's tree: leaves exactly as given (any salts, any order, wrapped values), parent
 * sums combined by any rule (sum, max, wrapping add), hashes computed as the specification says from
 * whatever the children claim. Its proofs are what a cheating operator would hand out.
 */
final class EvilTree {
    /** One leaf: an account leaf, or padding when {@code account} is null. */
    record Leaf(Address account, byte[] salt, long[] balances) {
    }

    final RoundInfo info;
    final List<Leaf> leaves;
    final int depth;
    final byte[][][] hashes;
    final long[][][] sums;

    EvilTree(RoundInfo info, List<Leaf> leaves, LongBinaryOperator combine) throws Exception {
        this.info = info;
        this.leaves = leaves;
        int n = leaves.size();
        if (Integer.bitCount(n) != 1 || n < 2) {
            throw new IllegalArgumentException("a power of two ≥ 2 leaves");
        }
        depth = Integer.numberOfTrailingZeros(n);
        int c = info.columns();
        hashes = new byte[depth + 1][][];
        sums = new long[depth + 1][][];
        hashes[0] = new byte[n][32];
        sums[0] = new long[n][];
        TreeHashing h = new TreeHashing(c);
        for (int i = 0; i < n; i++) {
            Leaf l = leaves.get(i);
            if (l.account() == null) {
                h.padding(l.salt(), 0, hashes[0][i], 0);
                sums[0][i] = new long[c];
            } else {
                h.leaf(l.account(), l.salt(), 0, l.balances(), 0, hashes[0][i], 0);
                sums[0][i] = l.balances().clone();
            }
        }
        for (int level = 1; level <= depth; level++) {
            int w = n >> level;
            hashes[level] = new byte[w][];
            sums[level] = new long[w][c];
            for (int p = 0; p < w; p++) {
                byte[] lh = hashes[level - 1][2 * p];
                byte[] rh = hashes[level - 1][2 * p + 1];
                long[] ls = sums[level - 1][2 * p];
                long[] rs = sums[level - 1][2 * p + 1];
                hashes[level][p] = nodeHash(lh, ls, rh, rs);
                for (int k = 0; k < c; k++) {
                    sums[level][p][k] = combine.applyAsLong(ls[k], rs[k]);
                }
            }
        }
    }

    static byte[] nodeHash(byte[] lh, long[] ls, byte[] rh, long[] rs) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(32 + 64 + 16 * ls.length);
        b.put(Tags.node()).put(lh);
        for (long v : ls) {
            b.putLong(v);
        }
        b.put(rh);
        for (long v : rs) {
            b.putLong(v);
        }
        return MessageDigest.getInstance("SHA-256").digest(b.array());
    }

    /** The round as this operator would publish it (root sums possibly wrapped: clamped to pass the type's check). */
    PublishedRound published() {
        long[] totals = sums[depth][0].clone();
        for (int i = 0; i < totals.length; i++) {
            totals[i] = totals[i] & Long.MAX_VALUE; // a wrapped total published as its low 63 bits
        }
        return new PublishedRound(info, depth, hashes[depth][0], totals);
    }

    /** The proof the operator hands the holder of leaf {@code i}, claiming it is {@code account}'s. */
    InclusionProof proof(int i, Address account) {
        byte[][] sib = new byte[depth][];
        long[][] sibSums = new long[depth][];
        int node = i;
        for (int level = 0; level < depth; level++) {
            sib[level] = hashes[level][node ^ 1];
            sibSums[level] = sums[level][node ^ 1];
            node >>= 1;
        }
        Leaf l = leaves.get(i);
        return new InclusionProof(published(), account, l.salt(), l.balances(), i, sib, sibSums);
    }

    InclusionProof proof(int i) {
        return proof(i, leaves.get(i).account());
    }
}
