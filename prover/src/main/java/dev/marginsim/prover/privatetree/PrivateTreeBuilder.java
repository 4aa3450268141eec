package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.curve.WindowedMultiples;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Builds a round's private tree (docs/proofs-private-tree.md, "Tree"). Leaves: one per account plus
 * padding up to a power of two, in a secret order; each holds a commitment {@code v·G + r·H} per token
 * to the account's liability in that token (padding: 0) and a hash binding the salted account and
 * the commitments. Each node holds the per-token sums of its children's commitments (Pedersen
 * commitments add) and a hash of both children's hashes and commitments.
 *
 * <p>The bottom of the tree is cut into subtrees of {@value #CHUNK_LEVELS} levels built in parallel
 * (the JDK's common pool), each leaf from its own derived secrets, so the result is the same bytes
 * whatever the number of threads. A subtree's leaf commitments come from {@link WindowedMultiples}
 * tables, all of them at once in batched affine additions; the sums above are normalised per level
 * with one field inversion ({@code normalizeAll}).
 */
public final class PrivateTreeBuilder {
    /** Depth limit: 2^26 leaves (the index fits the packed sort key with room). */
    public static final int MAX_DEPTH = 26;
    static final int CHUNK_LEVELS = 10;
    /**
     * Table window in bits: 22 windows for a blinding, 6 for a value, 4,095 points per window (9 MB for H
     * and G, 1 s to build). Measured with bench/…/PrivateTreeBench 18 1, this constant changed between
     * runs (batched affine additions): 12 and 10 as fast as 16
     * (whose 105 MB of tables miss the caches on every lookup and take 4 s to build), 8 about 12 % slower.
     */
    static final int WINDOW = 12;

    private final TreeGenerators generators;
    private final WindowedMultiples gTable;
    private final WindowedMultiples hTable;

    public PrivateTreeBuilder(TreeGenerators generators) {
        this.generators = generators;
        if (generators.equals(TreeGenerators.STANDARD)) {
            this.gTable = StandardTables.G;
            this.hTable = StandardTables.H;
        } else {
            this.gTable = new WindowedMultiples(generators.g(), WINDOW, 64);
            this.hTable = new WindowedMultiples(generators.h(), WINDOW, 256);
        }
    }

    /** The standard generators' tables, made once per process on first use (they are read-only). */
    private static final class StandardTables {
        static final WindowedMultiples G = new WindowedMultiples(TreeGenerators.STANDARD.g(), WINDOW, 64);
        static final WindowedMultiples H = new WindowedMultiples(TreeGenerators.STANDARD.h(), WINDOW, 256);
    }

    public TreeGenerators generators() {
        return generators;
    }

    /** Builds the tree of {@code round} with the operator's {@code masterSecret} (≥ 32 bytes). */
    public PrivateTree build(Round round, byte[] masterSecret) {
        int tokens = round.info().assets().size();
        List<Liabilities> accounts = round.accounts();
        int m = accounts.size();
        int depth = 1;
        while ((1L << depth) < m) {
            depth++;
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("more than 2^" + MAX_DEPTH + " accounts");
        }
        round.totals(); // refuses a round whose totals leave int64 before any work is done
        int n = 1 << depth;
        TreeSecrets secrets = TreeSecrets.forRound(masterSecret, round.info());
        int[] perm = order(secrets.orderKey(), n, depth);

        byte[][] hashes = new byte[depth + 1][];
        byte[][] commitments = new byte[depth + 1][];
        long[][] values = new long[depth + 1][];
        byte[][] blindings = new byte[depth + 1][];
        for (int level = 0; level <= depth; level++) {
            int nodes = n >> level;
            hashes[level] = new byte[nodes * 32];
            commitments[level] = new byte[nodes * tokens * Scalars.POINT_LENGTH];
            values[level] = new long[nodes * tokens];
            blindings[level] = new byte[nodes * tokens * 32];
        }
        byte[][] salts = new byte[n][];
        Map<Address, Integer> slots = new HashMap<>();
        for (int s = 0; s < n; s++) {
            if (perm[s] < m) {
                slots.put(accounts.get(perm[s]).account(), s);
            }
        }
        Level level0 = new Level(hashes, commitments, values, blindings, tokens);
        int chunkLevels = Math.min(depth, CHUNK_LEVELS);
        int chunkSize = 1 << chunkLevels;
        int chunks = n / chunkSize;
        ECPoint[][] chunkRoots = new ECPoint[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            TreeSecrets mine = secrets.copy();
            MessageDigest sha = PrivateTags.sha256();
            BigInteger[] blind = new BigInteger[chunkSize * tokens];
            for (int i = 0; i < chunkSize; i++) {
                int slot = c * chunkSize + i;
                int item = perm[slot];
                TreeSecrets.LeafMaterial material = item < m ? mine.account(accounts.get(item).account(), tokens)
                        : mine.padding(item - m, tokens);
                salts[slot] = material.salt();
                for (int t = 0; t < tokens; t++) {
                    long v = item < m ? accounts.get(item).column(t) : 0;
                    byte[] r = material.blindings()[t];
                    values[0][slot * tokens + t] = v;
                    System.arraycopy(r, 0, blindings[0], (slot * tokens + t) * 32, 32);
                    blind[i * tokens + t] = new BigInteger(1, r);
                }
            }
            // The subtree's leaves are consecutive slots, so their values and blindings are consecutive too.
            int first = c * chunkSize * tokens;
            int count = chunkSize * tokens;
            long[] chunkValues = Arrays.copyOfRange(values[0], first, first + count);
            byte[] chunkBlindings = Arrays.copyOfRange(blindings[0], first * 32, (first + count) * 32);
            ECPoint[] points = WindowedMultiples.commitments(gTable, chunkValues, hTable, chunkBlindings, count, Scalars.CURVE);
            for (int i = 0; i < chunkSize; i++) {
                int slot = c * chunkSize + i;
                level0.storeCommitments(0, slot, points, i);
                int item = perm[slot];
                if (item < m) {
                    sha.update(PrivateTags.LEAF);
                    sha.update(PrivateHashing.accountHash(salts[slot], accounts.get(item).account()));
                } else {
                    sha.update(PrivateTags.PADDING);
                    sha.update(salts[slot]);
                }
                level0.digestCommitments(sha, 0, slot);
                level0.storeHash(0, slot, sha.digest());
            }
            for (int l = 1; l <= chunkLevels; l++) {
                int width = chunkSize >> l;
                ECPoint[] up = new ECPoint[width * tokens];
                BigInteger[] upBlind = new BigInteger[width * tokens];
                for (int i = 0; i < width; i++) {
                    for (int t = 0; t < tokens; t++) {
                        up[i * tokens + t] = points[2 * i * tokens + t].add(points[(2 * i + 1) * tokens + t]);
                        upBlind[i * tokens + t] = blind[2 * i * tokens + t].add(blind[(2 * i + 1) * tokens + t]).mod(Scalars.ORDER);
                    }
                }
                Scalars.CURVE.normalizeAll(up);
                int firstNode = c * width;
                for (int i = 0; i < width; i++) {
                    level0.combine(sha, l, firstNode + i, up, upBlind, i);
                }
                points = up;
                blind = upBlind;
            }
            chunkRoots[c] = points;
        });
        // The levels above the subtrees: few nodes, one thread.
        ECPoint[] points = new ECPoint[chunks * tokens];
        BigInteger[] blind = new BigInteger[chunks * tokens];
        for (int c = 0; c < chunks; c++) {
            for (int t = 0; t < tokens; t++) {
                points[c * tokens + t] = chunkRoots[c][t];
                blind[c * tokens + t] = Scalars.fromBytes(blindings[chunkLevels], (c * tokens + t) * 32);
            }
        }
        MessageDigest sha = PrivateTags.sha256();
        for (int l = chunkLevels + 1; l <= depth; l++) {
            int width = n >> l;
            ECPoint[] up = new ECPoint[width * tokens];
            BigInteger[] upBlind = new BigInteger[width * tokens];
            for (int i = 0; i < width; i++) {
                for (int t = 0; t < tokens; t++) {
                    up[i * tokens + t] = points[2 * i * tokens + t].add(points[(2 * i + 1) * tokens + t]);
                    upBlind[i * tokens + t] = blind[2 * i * tokens + t].add(blind[(2 * i + 1) * tokens + t]).mod(Scalars.ORDER);
                }
            }
            Scalars.CURVE.normalizeAll(up);
            for (int i = 0; i < width; i++) {
                level0.combine(sha, l, i, up, upBlind, i);
            }
            points = up;
            blind = upBlind;
        }
        return new PrivateTree(round.info(), depth, tokens, hashes, commitments, values, blindings, slots, salts);
    }


    /**
     * The secret leaf order: {@code perm[slot] = item}, the items 0..n−1 (accounts in address order,
     * then padding) sorted by the unsigned 64-bit key whose top 64 − depth bits are the first bits of
     * SHA-256(orderKey ‖ uint32(item)) and whose low depth bits are the item (unique keys).
     */
    static int[] order(byte[] orderKey, int n, int depth) {
        long[] keys = new long[n];
        MessageDigest md = PrivateTags.sha256();
        long low = (1L << depth) - 1;
        for (int k = 0; k < n; k++) {
            md.update(orderKey);
            md.update(ByteBuffer.allocate(4).putInt(k).array());
            long h = ByteBuffer.wrap(md.digest()).getLong();
            keys[k] = ((h & ~low) | k) ^ Long.MIN_VALUE; // flipping the sign bit sorts unsigned keys as signed
        }
        Arrays.sort(keys);
        int[] perm = new int[n];
        for (int s = 0; s < n; s++) {
            perm[s] = (int) (keys[s] & low);
        }
        return perm;
    }

    /** Writes nodes into the shared level arrays (disjoint ranges per chunk, so threads never collide). */
    private record Level(byte[][] hashes, byte[][] commitments, long[][] values, byte[][] blindings, int tokens) {
        void storeCommitments(int level, int node, ECPoint[] points, int from) {
            for (int t = 0; t < tokens; t++) {
                byte[] enc = Scalars.encode(points[from * tokens + t]);
                System.arraycopy(enc, 0, commitments[level], (node * tokens + t) * Scalars.POINT_LENGTH, Scalars.POINT_LENGTH);
            }
        }

        void storeHash(int level, int node, byte[] hash) {
            System.arraycopy(hash, 0, hashes[level], node * 32, 32);
        }

        void digestCommitments(MessageDigest sha, int level, int node) {
            sha.update(commitments[level], node * tokens * Scalars.POINT_LENGTH, tokens * Scalars.POINT_LENGTH);
        }

        /** Node {@code node} of {@code level} from its two children one level down. */
        void combine(MessageDigest sha, int level, int node, ECPoint[] sums, BigInteger[] sumBlindings, int from) {
            storeCommitments(level, node, sums, from);
            for (int t = 0; t < tokens; t++) {
                values[level][node * tokens + t] = Math.addExact(values[level - 1][2 * node * tokens + t],
                        values[level - 1][(2 * node + 1) * tokens + t]);
                System.arraycopy(Scalars.toBytes(sumBlindings[from * tokens + t]), 0, blindings[level], (node * tokens + t) * 32, 32);
            }
            sha.update(PrivateTags.NODE);
            sha.update(hashes[level - 1], 2 * node * 32, 32);
            digestCommitments(sha, level - 1, 2 * node);
            sha.update(hashes[level - 1], (2 * node + 1) * 32, 32);
            digestCommitments(sha, level - 1, 2 * node + 1);
            storeHash(level, node, sha.digest());
        }
    }
}
