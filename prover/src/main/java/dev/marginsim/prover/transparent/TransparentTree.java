package dev.marginsim.prover.transparent;

import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.SnapshotException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The Merkle sum tree of one round (docs/proofs.md): leaves in the secret {@link LeafOrder}, padded
 * with zero-sum leaves to {@code 2^depth}, nodes as {@link TreeHashing} defines them; and each
 * account's {@link InclusionProof}.
 *
 * <p>Built level by level into flat arrays (32 bytes of hash and {@code c} longs of sums per node;
 * no object per node), each level split into chunks hashed in parallel. Every output position depends
 * only on its inputs, so the tree is the same bytes for any thread count.
 */
public final class TransparentTree {
    /** Deepest tree this builder makes (2^30 leaves; int indices). */
    public static final int MAX_BUILD_DEPTH = 30;
    private static final int MIN_PARALLEL = 1 << 12;

    private final Round round;
    private final Salts salts;
    private final int depth;
    private final int columns;
    private final byte[][] hashes; // hashes[level]: (N >> level) × 32 bytes
    private final long[][] sums;   // sums[level]:   (N >> level) × columns
    private final Map<Address, Integer> slotOfAccount;
    private final PublishedRound published;

    private TransparentTree(Round round, Salts salts, int depth, int[] perm, byte[][] hashes, long[][] sums) {
        this.round = round;
        this.salts = salts;
        this.depth = depth;
        this.columns = round.info().columns();
        this.hashes = hashes;
        this.sums = sums;
        int m = round.accounts().size();
        this.slotOfAccount = new HashMap<>(m * 2);
        for (int s = 0; s < perm.length; s++) {
            if (perm[s] < m) {
                slotOfAccount.put(round.accounts().get(perm[s]).account(), s);
            }
        }
        this.published = new PublishedRound(round.info(), depth, hashes[depth], sums[depth]);
    }

    /** Builds with the smallest depth ≥ 1 that holds every account, on all processors. */
    public static TransparentTree build(Round round, byte[] masterSecret) {
        return build(round, masterSecret, 1, ForkJoinPool.commonPool().getParallelism() + 1);
    }

    /**
     * @param minDepth    the least depth (≥ 1): a larger tree hides the account count within a wider power of two
     * @param parallelism chunks per level, ≥ 1 (1 builds on the calling thread only)
     * @throws SnapshotException {@code OVERFLOW} if a column total leaves int64
     */
    public static TransparentTree build(Round round, byte[] masterSecret, int minDepth, int parallelism) {
        if (minDepth < 1 || minDepth > MAX_BUILD_DEPTH || parallelism < 1) {
            throw new IllegalArgumentException("minDepth must be 1.." + MAX_BUILD_DEPTH + " and parallelism ≥ 1");
        }
        try {
            round.totals(); // every node's sums are at most these, so checking them rules out overflow inside
        } catch (ArithmeticException e) {
            throw new SnapshotException(SnapshotException.Reason.OVERFLOW, "a column total exceeds 2^63 - 1");
        }
        int m = round.accounts().size();
        int depth = Math.max(minDepth, 32 - Integer.numberOfLeadingZeros(Math.max(m, 1) - 1));
        if (depth > MAX_BUILD_DEPTH) {
            throw new IllegalArgumentException("too many accounts for one tree: " + m);
        }
        int n = 1 << depth;
        int c = round.info().columns();
        Salts salts = Salts.forRound(masterSecret, round.info());
        int[] perm = LeafOrder.permutation(salts.orderKey(), n);
        byte[][] hashes = new byte[depth + 1][];
        long[][] sums = new long[depth + 1][];
        hashes[0] = new byte[n * 32];
        sums[0] = new long[n * c];
        List<Liabilities> accounts = round.accounts();
        chunked(n, parallelism, (from, to) -> {
            TreeHashing h = new TreeHashing(c);
            Salts mySalts = salts.copy();
            byte[] salt = new byte[32];
            for (int s = from; s < to; s++) {
                int item = perm[s];
                if (item < m) {
                    Liabilities l = accounts.get(item);
                    for (int k = 0; k < c; k++) {
                        sums[0][s * c + k] = l.column(k);
                    }
                    mySalts.accountSalt(l.account(), salt, 0);
                    h.leaf(l.account(), salt, 0, sums[0], s * c, hashes[0], s * 32);
                } else {
                    mySalts.paddingSalt(item - m, salt, 0);
                    h.padding(salt, 0, hashes[0], s * 32);
                }
            }
        });
        for (int level = 1; level <= depth; level++) {
            int width = n >> level;
            byte[] below = hashes[level - 1];
            long[] belowSums = sums[level - 1];
            byte[] here = new byte[width * 32];
            long[] hereSums = new long[width * c];
            hashes[level] = here;
            sums[level] = hereSums;
            chunked(width, parallelism, (from, to) -> {
                TreeHashing h = new TreeHashing(c);
                for (int p = from; p < to; p++) {
                    int l = 2 * p;
                    int r = l + 1;
                    h.node(below, l * 32, belowSums, l * c, below, r * 32, belowSums, r * c, here, p * 32, hereSums, p * c);
                }
            });
        }
        return new TransparentTree(round, salts, depth, perm, hashes, sums);
    }

    public PublishedRound published() {
        return published;
    }

    public int depth() {
        return depth;
    }

    /** True if the account has a leaf. */
    public boolean contains(Address account) {
        return slotOfAccount.containsKey(account);
    }

    /** The inclusion proof of one account. */
    public InclusionProof proof(Address account) {
        Integer slot = slotOfAccount.get(account);
        if (slot == null) {
            throw new IllegalArgumentException("no leaf for account " + account + " in this round");
        }
        byte[][] siblingHashes = new byte[depth][32];
        long[][] siblingSums = new long[depth][columns];
        int node = slot;
        for (int level = 0; level < depth; level++) {
            int sibling = node ^ 1;
            System.arraycopy(hashes[level], sibling * 32, siblingHashes[level], 0, 32);
            System.arraycopy(sums[level], sibling * columns, siblingSums[level], 0, columns);
            node >>= 1;
        }
        byte[] salt = new byte[32];
        salts.copy().accountSalt(account, salt, 0);
        long[] balances = new long[columns];
        System.arraycopy(sums[0], slot * columns, balances, 0, columns);
        return new InclusionProof(published, account, salt, balances, slot, siblingHashes, siblingSums);
    }

    /** The round the tree was built from. */
    public Round round() {
        return round;
    }

    private interface Range {
        void run(int from, int to);
    }

    /** Splits [0, n) into up to {@code 4 × parallelism} chunks run in parallel; small ranges run here. */
    private static void chunked(int n, int parallelism, Range body) {
        if (parallelism == 1 || n < MIN_PARALLEL) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(parallelism * 4, n / (MIN_PARALLEL / 4));
        int size = (n + chunks - 1) / chunks;
        IntStream.range(0, chunks).parallel().forEach(k -> body.run(k * size, Math.min(n, (k + 1) * size)));
    }
}
