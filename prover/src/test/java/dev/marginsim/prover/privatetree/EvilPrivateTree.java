package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.bulletproofs.RangeProof;
import dev.marginsim.prover.bulletproofs.RangeProver;
import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A private tree built by a dishonest operator, independently of {@link PrivateTreeBuilder}: any
 * leaf values (negative, wrapped), any leaf order, nodes that may keep the maximum instead of the sum,
 * and proofs whose range proof carries each value's low 64 bits (what a cheater can prove). With
 * honest inputs its proofs verify, so each attack fails for its own reason.
 */
final class EvilPrivateTree {
    /** A leaf: an account (or null for padding), its salt, per-token values and blindings. */
    record Leaf(Address account, byte[] salt, BigInteger[] values, Scalar[] blindings) {
    }

    private static final BigInteger LOW64 = BigInteger.ONE.shiftLeft(64);
    final RoundInfo info;
    final int depth;
    final int tokens;
    final List<Leaf> leaves;
    final BigInteger[][][] values;   // [level][node][token]
    final Scalar[][][] blindings;
    final Commitment[][][] commitments;
    final byte[][][] hashes;
    final PrivateRound round;

    EvilPrivateTree(RoundInfo info, List<Leaf> leaves, boolean maxInsteadOfSum) {
        this.info = info;
        this.leaves = List.copyOf(leaves);
        this.tokens = info.assets().size();
        int d = 0;
        while ((1 << d) < leaves.size()) {
            d++;
        }
        this.depth = d;
        values = new BigInteger[d + 1][][];
        blindings = new Scalar[d + 1][][];
        commitments = new Commitment[d + 1][][];
        hashes = new byte[d + 1][][];
        int n = leaves.size();
        values[0] = new BigInteger[n][];
        blindings[0] = new Scalar[n][];
        commitments[0] = new Commitment[n][];
        hashes[0] = new byte[n][];
        for (int i = 0; i < n; i++) {
            Leaf l = leaves.get(i);
            values[0][i] = l.values();
            blindings[0][i] = l.blindings();
            commitments[0][i] = new Commitment[tokens];
            for (int t = 0; t < tokens; t++) {
                commitments[0][i][t] = Commitment.commit(Scalar.reduce(l.values()[t]), l.blindings()[t]);
            }
            byte[][] enc = encode(commitments[0][i]);
            hashes[0][i] = l.account() != null ? PrivateHashing.leaf(PrivateHashing.accountHash(l.salt(), l.account()), enc)
                    : padding(l.salt(), enc);
        }
        for (int level = 1; level <= d; level++) {
            int w = n >> level;
            values[level] = new BigInteger[w][tokens];
            blindings[level] = new Scalar[w][tokens];
            commitments[level] = new Commitment[w][tokens];
            hashes[level] = new byte[w][];
            for (int i = 0; i < w; i++) {
                for (int t = 0; t < tokens; t++) {
                    BigInteger a = values[level - 1][2 * i][t];
                    BigInteger b = values[level - 1][2 * i + 1][t];
                    Scalar ra = blindings[level - 1][2 * i][t];
                    Scalar rb = blindings[level - 1][2 * i + 1][t];
                    if (maxInsteadOfSum) {
                        boolean left = a.compareTo(b) >= 0;
                        values[level][i][t] = left ? a : b;
                        blindings[level][i][t] = left ? ra : rb;
                    } else {
                        values[level][i][t] = a.add(b);
                        blindings[level][i][t] = ra.add(rb);
                    }
                    commitments[level][i][t] = Commitment.commit(Scalar.reduce(values[level][i][t]), blindings[level][i][t]);
                }
                hashes[level][i] = PrivateHashing.node(hashes[level - 1][2 * i], encode(commitments[level - 1][2 * i]),
                        hashes[level - 1][2 * i + 1], encode(commitments[level - 1][2 * i + 1]));
            }
        }
        round = new PrivateRound(info, new PrivateRoot(d, tokens, hashes[d][0], encode(commitments[d][0])));
    }

    static byte[] padding(byte[] salt, byte[][] commitments) {
        java.security.MessageDigest md = PrivateTags.sha256();
        md.update(PrivateTags.PADDING);
        md.update(salt);
        for (byte[] c : commitments) {
            md.update(c);
        }
        return md.digest();
    }

    static byte[][] encode(Commitment[] cs) {
        byte[][] out = new byte[cs.length][];
        for (int t = 0; t < cs.length; t++) {
            out[t] = cs[t].encode();
        }
        return out;
    }

    PrivateInclusionProof proof(int slot, SecureRandom rng) {
        return proof(slot, rng, InclusionTranscript::start);
    }

    interface TranscriptMaker {
        Transcript start(PrivateRound round, Address account, byte[] accountHash, long slot, byte[][] siblingHashes);
    }

    /**
     * The proof a cheater makes: low 64 bits of the leaf's values in its opening and of every sibling's in
     * the range proofs, the given transcript.
     */
    PrivateInclusionProof proof(int slot, SecureRandom rng, TranscriptMaker transcript) {
        Leaf leaf = leaves.get(slot);
        List<Opening> openings = new ArrayList<>();
        long[] v = new long[tokens];
        for (int t = 0; t < tokens; t++) {
            v[t] = leaf.values()[t].mod(LOW64).longValue();
        }
        byte[][] siblingHashes = new byte[depth][];
        byte[][][] siblingCommitments = new byte[depth][][];
        int node = slot;
        for (int level = 0; level < depth; level++) {
            int s = node ^ 1;
            siblingHashes[level] = hashes[level][s];
            siblingCommitments[level] = encode(commitments[level][s]);
            for (int t = 0; t < tokens; t++) {
                openings.add(new Opening(Scalar.reduce(values[level][s][t].mod(LOW64)), blindings[level][s][t]));
            }
            node >>= 1;
        }
        List<RangeProof> range = RangeProver.proveChunks(transcript.start(round, leaf.account(),
                PrivateHashing.accountHash(leaf.salt(), leaf.account()), slot, siblingHashes), 64, openings, true, rng);
        return new PrivateInclusionProof(round, leaf.account(), leaf.salt(), slot, v, leaf.blindings(), siblingHashes,
                siblingCommitments, 64, range);
    }
}
