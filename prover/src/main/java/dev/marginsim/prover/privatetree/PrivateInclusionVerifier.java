package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.bulletproofs.RangeVerifier;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a {@link PrivateInclusionProof} for the account holder. Returns normally or throws a
 * {@link VerificationException} naming the first failed check, in this order:
 * <ol>
 *   <li>the proof's round is the published one ({@link Failure#ROUND_MISMATCH}: e.g. another root
 *       shown to this account than to others);</li>
 *   <li>the leaf is this account's ({@link Failure#ACCOUNT_MISMATCH}) and, when given, holds the
 *       balances the holder expects ({@link Failure#BALANCE_MISMATCH});</li>
 *   <li>the shape: range width as required ({@link Failure#VALUE_OUT_OF_RANGE}), path length = depth and
 *       one commitment per token ({@link Failure#LENGTH_MISMATCH}), slot below 2^depth
 *       ({@link Failure#INDEX_OUT_OF_RANGE}), balances below 2^bits ({@link Failure#VALUE_OUT_OF_RANGE});</li>
 *   <li>sibling commitments are curve points ({@link Failure#POINT_NOT_ON_CURVE} and friends);</li>
 *   <li>hashing and summing up the path ends at the root hash ({@link Failure#ROOT_MISMATCH}) and the
 *       root commitments ({@link Failure#COMMITMENT_MISMATCH});</li>
 *   <li>the range proofs hold for every sibling ({@link Failure#RANGE_PROOF_INVALID}; {@link Failure#LENGTH_MISMATCH}
 *       for another number of chunks); the leaf's values were range-checked in the clear (step 3).</li>
 * </ol>
 * Passing shows: this account's balances are committed in the published tree, and every other part
 * of the root's sums is non-negative, so nothing in the tree cancels this account's claim.
 */
public final class PrivateInclusionVerifier {
    private PrivateInclusionVerifier() {
    }

    /**
     * @param published the round as published (registry, round document)
     * @param account   the account whose holder is checking
     * @param expected  the balances the holder expects per token, or null not to compare
     * @param bits      the range width the verifier requires
     */
    public static void verify(PrivateInclusionProof proof, PrivateRound published, Address account, long[] expected, int bits)
            throws VerificationException {
        if (!Arrays.equals(proof.round().roundHash(), published.roundHash())) {
            throw new VerificationException(Failure.ROUND_MISMATCH, "the proof is for another round or root than the published one");
        }
        if (!proof.account().equals(account)) {
            throw new VerificationException(Failure.ACCOUNT_MISMATCH, "the leaf is " + proof.account() + "'s, not " + account + "'s");
        }
        int tokens = published.root().tokens();
        int depth = published.root().depth();
        long[] values = proof.values();
        if (expected != null && !Arrays.equals(expected, values)) {
            throw new VerificationException(Failure.BALANCE_MISMATCH,
                    "the leaf holds " + Arrays.toString(values) + ", the holder expects " + Arrays.toString(expected));
        }
        if (proof.bits() != bits) {
            throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, "the range proof is over " + proof.bits()
                    + " bits; this verifier requires " + bits);
        }
        if (values.length != tokens || proof.blindings().length != tokens) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "the leaf opening has " + values.length
                    + " values; the round has " + tokens + " assets");
        }
        if (proof.pathLength() != depth) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "the path has " + proof.pathLength()
                    + " siblings; the tree's depth is " + depth);
        }
        if (proof.slot() < 0 || proof.slot() >= (1L << depth)) {
            throw new VerificationException(Failure.INDEX_OUT_OF_RANGE, "slot " + proof.slot() + " is not below 2^" + depth);
        }
        BigInteger bound = BigInteger.ONE.shiftLeft(bits);
        List<Commitment> rangeCommitments = new ArrayList<>();
        Commitment[] current = new Commitment[tokens];
        byte[][] currentBytes = new byte[tokens][];
        for (int t = 0; t < tokens; t++) {
            if (values[t] < 0 || BigInteger.valueOf(values[t]).compareTo(bound) >= 0) {
                throw new VerificationException(Failure.VALUE_OUT_OF_RANGE, "balance " + t + " is not in [0, 2^" + bits + ")");
            }
            current[t] = Commitment.commit(Scalar.of(values[t]), proof.blindings()[t]);
            currentBytes[t] = current[t].encode();
        }
        byte[] accountHash = PrivateHashing.accountHash(proof.salt(), account);
        byte[] hash = PrivateHashing.leaf(accountHash, currentBytes);
        byte[][] siblingHashes = new byte[depth][];
        long index = proof.slot();
        for (int level = 0; level < depth; level++) {
            byte[][] siblingBytes = proof.siblingCommitments(level);
            if (siblingBytes.length != tokens) {
                throw new VerificationException(Failure.LENGTH_MISMATCH, "sibling " + level + " has " + siblingBytes.length
                        + " commitments; the round has " + tokens + " assets");
            }
            byte[][] sums = new byte[tokens][];
            for (int t = 0; t < tokens; t++) {
                Commitment sibling = Commitment.decode(siblingBytes[t]);
                rangeCommitments.add(sibling);
                current[t] = current[t].add(sibling);
                if (current[t].point().isInfinity()) {
                    throw new VerificationException(Failure.POINT_AT_INFINITY, "a path sum at level " + (level + 1) + " is the point at infinity");
                }
                sums[t] = current[t].encode();
            }
            siblingHashes[level] = proof.siblingHash(level);
            hash = (index & 1) == 0 ? PrivateHashing.node(hash, currentBytes, siblingHashes[level], siblingBytes)
                    : PrivateHashing.node(siblingHashes[level], siblingBytes, hash, currentBytes);
            currentBytes = sums;
            index >>= 1;
        }
        if (!Arrays.equals(hash, published.root().hash())) {
            throw new VerificationException(Failure.ROOT_MISMATCH, "the path does not lead to the published root hash");
        }
        for (int t = 0; t < tokens; t++) {
            if (!Arrays.equals(currentBytes[t], published.root().commitment(t))) {
                throw new VerificationException(Failure.COMMITMENT_MISMATCH, "the path's sum for asset " + t
                        + " is not the published root commitment");
            }
        }
        RangeVerifier.verifyChunks(InclusionTranscript.start(published, account, accountHash, proof.slot(), siblingHashes), bits,
                rangeCommitments, proof.rangeProofs());
    }

    /**
     * An auditor's check across proofs collected from account holders: no two accounts were shown the
     * same leaf of one round ({@link Failure#LEAF_SHARED}). Each proof should have passed {@link #verify}.
     */
    public static void requireDistinctLeaves(java.util.List<PrivateInclusionProof> proofs) throws VerificationException {
        java.util.Map<String, Address> seen = new java.util.HashMap<>();
        for (PrivateInclusionProof p : proofs) {
            String key = dev.marginsim.prover.format.Hex.encode(p.round().roundHash()) + "/" + p.slot();
            Address other = seen.putIfAbsent(key, p.account());
            if (other != null && !other.equals(p.account())) {
                throw new VerificationException(Failure.LEAF_SHARED, "accounts " + other + " and " + p.account()
                        + " were shown the same leaf (slot " + p.slot() + ") of one round");
            }
        }
    }
}
