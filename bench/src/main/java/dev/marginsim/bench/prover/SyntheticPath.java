package dev.marginsim.bench.prover;

import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.transparent.TreeHashing;
import java.util.SplittableRandom;

/**
 * A valid inclusion proof of any depth 1..32 without building the tree: one leaf with a consistent USD
 * column, random sibling hashes and sums (below 2^40, so no sum can overflow), and the root and totals
 * that {@link TreeHashing} makes of them. A verifier cannot tell it from a proof out of a real tree of
 * that depth, and its gas depends only on the depth, the column count and the calldata bytes.
 */
final class SyntheticPath {
    private static final long VALUE_BOUND = 1L << 40;

    private SyntheticPath() {
    }

    /** The proof, and (through {@code proof.round()}) the round to publish for it. */
    static InclusionProof proof(RoundInfo info, int depth, SplittableRandom rnd) {
        int c = info.columns();
        long[] balances = new long[c];
        long usd = 0;
        for (int i = 0; i < info.assets().size(); i++) {
            RoundAsset a = info.assets().get(i);
            balances[i] = rnd.nextLong(VALUE_BOUND);
            usd = Math.addExact(usd, a.valueE6(balances[i]));
        }
        balances[info.usdColumn()] = usd;
        byte[] salt = bytes(rnd, 32);
        Address account = Address.of(bytes(rnd, Address.LENGTH));
        long index = rnd.nextLong(1L << depth);
        TreeHashing hashing = new TreeHashing(c);
        byte[] hash = new byte[32];
        long[] sums = balances.clone();
        hashing.leaf(account, salt, 0, sums, 0, hash, 0);
        byte[][] siblingHashes = new byte[depth][];
        long[][] siblingSums = new long[depth][c];
        for (int level = 0; level < depth; level++) {
            siblingHashes[level] = bytes(rnd, 32);
            for (int k = 0; k < c; k++) {
                siblingSums[level][k] = rnd.nextLong(VALUE_BOUND);
            }
            byte[] next = new byte[32];
            long[] nextSums = new long[c];
            if (((index >>> level) & 1) == 1) {
                hashing.node(siblingHashes[level], 0, siblingSums[level], 0, hash, 0, sums, 0, next, 0, nextSums, 0);
            } else {
                hashing.node(hash, 0, sums, 0, siblingHashes[level], 0, siblingSums[level], 0, next, 0, nextSums, 0);
            }
            hash = next;
            sums = nextSums;
        }
        PublishedRound round = new PublishedRound(info, depth, hash, sums);
        return new InclusionProof(round, account, salt, balances, index, siblingHashes, siblingSums);
    }

    private static byte[] bytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }
}
