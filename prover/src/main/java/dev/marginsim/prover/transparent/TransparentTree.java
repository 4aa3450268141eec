package dev.marginsim.prover.transparent;

import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.SnapshotException;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.stream.IntStream;

/**
 * The Merkle sum tree of one round (docs/proofs.md): leaves in the secret {@link LeafOrder}, padded
 * with zero-sum leaves to {@code 2^depth}, nodes as {@link TreeHashing} defines them; and each
 * account's {@link InclusionProof}.
 *
 * <p>How it is computed (the bytes are the specification's; docs/proofs.md §7, "How the builder
 * computes"): the leaf order is shuffled on one thread while the leaves are hashed on the others in
 * item order (address order, then padding), into flat arrays; one copying pass then puts the leaves in
 * slot order; each level above is hashed from the one below. Every pass is split into chunks run in
 * parallel, and every output position depends only on its inputs, so the tree is the same bytes for
 * any thread count. Storage is flat (32 bytes of hash and {@code c} longs of sums per node, no object
 * per node): the leaves in one pair of arrays, all inner nodes in another pair, which first held the
 * leaves in item order.
 */
public final class TransparentTree {
    /** Deepest tree this builder makes (2^30 leaves; int indices). */
    public static final int MAX_BUILD_DEPTH = 30;
    private static final int MIN_PARALLEL = 1 << 12;

    private final Round round;
    private final Salts salts;
    private final int depth;
    private final int columns;
    private final byte[] leafHashes; // N × 32 bytes, slot order
    private final long[] leafSums;   // N × columns
    private final byte[] nodeHashes; // levels 1..depth, level l from node start(N, l); N × 32 bytes (one spare)
    private final long[] nodeSums;   // the same nodes' sums, N × columns
    private final int[] slotOfItem;  // the inverse of the leaf order: item (account index in address order) → slot
    private final PublishedRound published;

    private TransparentTree(Round round, Salts salts, int depth, int[] slotOfItem, byte[] leafHashes, long[] leafSums,
            byte[] nodeHashes, long[] nodeSums) {
        this.round = round;
        this.salts = salts;
        this.depth = depth;
        this.columns = round.info().columns();
        this.leafHashes = leafHashes;
        this.leafSums = leafSums;
        this.nodeHashes = nodeHashes;
        this.nodeSums = nodeSums;
        this.slotOfItem = slotOfItem;
        int root = start(slotOfItem.length, depth);
        byte[] rootHash = new byte[32];
        System.arraycopy(nodeHashes, root * 32, rootHash, 0, 32);
        long[] totals = new long[columns];
        System.arraycopy(nodeSums, root * columns, totals, 0, columns);
        this.published = new PublishedRound(round.info(), depth, rootHash, totals);
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
        int m = round.accounts().size();
        int depth = Math.max(minDepth, 32 - Integer.numberOfLeadingZeros(Math.max(m, 1) - 1));
        if (depth > MAX_BUILD_DEPTH) {
            throw new IllegalArgumentException("too many accounts for one tree: " + m);
        }
        int n = 1 << depth;
        int c = round.info().columns();
        Salts salts = Salts.forRound(masterSecret, round.info());
        // The shuffle is sequential and the leaves do not need it until they are put in slot order,
        // so it runs beside them on another thread.
        byte[] orderKey = salts.orderKey();
        ForkJoinTask<int[]> order = parallelism > 1 ? ForkJoinPool.commonPool().submit(() -> LeafOrder.permutation(orderKey, n)) : null;
        byte[] upperHashes = new byte[n * 32];
        long[] upperSums = new long[n * c];
        leavesInItemOrder(round, salts, parallelism, upperHashes, upperSums);
        int[] slotOfItem = inverse(order != null ? order.join() : LeafOrder.permutation(orderKey, n));
        byte[] leafHashes = new byte[n * 32];
        long[] leafSums = new long[n * c];
        // Into slot order by scattering (read items in order, write each to its slot) rather than
        // gathering: random stores retire through the store buffer while random loads stall, and the
        // scatter took 0.4 of the gather's time (2^20 leaves, one thread, a one-off timing: 38.5 against
        // 93.2 ms; TransparentTreeBench's build / peer went from 1.82–2.27 to 1.57–1.95).
        chunked(n, parallelism, (from, to) -> {
            for (int item = from; item < to; item++) {
                int s = slotOfItem[item];
                System.arraycopy(upperHashes, item * 32, leafHashes, s * 32, 32);
                System.arraycopy(upperSums, item * c, leafSums, s * c, c);
            }
        });
        // From here on upperHashes and upperSums hold the inner nodes: level 1 overwrites the leaves in item order.
        try {
            for (int level = 1; level <= depth; level++) {
                byte[] below = level == 1 ? leafHashes : upperHashes;
                long[] belowSums = level == 1 ? leafSums : upperSums;
                int belowStart = level == 1 ? 0 : start(n, level - 1);
                int hereStart = start(n, level);
                chunked(n >> level, parallelism, (from, to) -> {
                    TreeHashing h = new TreeHashing(c);
                    for (int p = from; p < to; p++) {
                        int l = belowStart + 2 * p;
                        int r = l + 1;
                        int o = hereStart + p;
                        h.node(below, l * 32, belowSums, l * c, below, r * 32, belowSums, r * c, upperHashes, o * 32, upperSums, o * c);
                    }
                });
            }
        } catch (ArithmeticException e) {
            // Every node's sums are at most the column totals, so a node overflows exactly when a total does.
            throw new SnapshotException(SnapshotException.Reason.OVERFLOW, "a column total exceeds 2^63 - 1");
        }
        return new TransparentTree(round, salts, depth, slotOfItem, leafHashes, leafSums, upperHashes, upperSums);
    }

    /**
     * Every leaf's hash and sums in item order: the accounts in address order, then the padding
     * leaves. Reading the accounts in the order they sit in memory and putting the leaves in slot
     * order afterwards in one copying pass is much cheaper than hashing in slot order, which costs
     * several cache and TLB misses per leaf (a random account, its vector, its address; a random
     * output position) that the hashing between them keeps the processor from overlapping.
     */
    private static void leavesInItemOrder(Round round, Salts salts, int parallelism, byte[] hashes, long[] sums) {
        List<Liabilities> accounts = round.accounts();
        int m = accounts.size();
        int c = round.info().columns();
        chunked(hashes.length / 32, parallelism, (from, to) -> {
            TreeHashing h = new TreeHashing(c);
            Salts mySalts = salts.copy();
            byte[] salt = new byte[32];
            for (int item = from; item < to; item++) {
                if (item < m) {
                    Liabilities l = accounts.get(item);
                    for (int k = 0; k < c; k++) {
                        sums[item * c + k] = l.column(k);
                    }
                    mySalts.accountSalt(l.account(), salt, 0);
                    h.leaf(l.account(), salt, 0, sums, item * c, hashes, item * 32);
                } else {
                    mySalts.paddingSalt(item - m, salt, 0);
                    h.padding(salt, 0, hashes, item * 32);
                }
            }
        });
    }

    /** Index of level {@code level}'s first node (level ≥ 1) in the inner-node arrays of a tree of {@code n} leaves. */
    static int start(int n, int level) {
        return n - (n >> (level - 1));
    }

    public PublishedRound published() {
        return published;
    }

    public int depth() {
        return depth;
    }

    /** True if the account has a leaf. */
    public boolean contains(Address account) {
        return itemOf(account) >= 0;
    }

    /** The inclusion proof of one account. */
    public InclusionProof proof(Address account) {
        int item = itemOf(account);
        if (item < 0) {
            throw new IllegalArgumentException("no leaf for account " + account + " in this round");
        }
        int slot = slotOfItem[item];
        int n = slotOfItem.length;
        byte[][] siblingHashes = new byte[depth][32];
        long[][] siblingSums = new long[depth][columns];
        int node = slot;
        for (int level = 0; level < depth; level++) {
            int sibling = level == 0 ? node ^ 1 : start(n, level) + (node ^ 1);
            System.arraycopy(level == 0 ? leafHashes : nodeHashes, sibling * 32, siblingHashes[level], 0, 32);
            System.arraycopy(level == 0 ? leafSums : nodeSums, sibling * columns, siblingSums[level], 0, columns);
            node >>= 1;
        }
        byte[] salt = new byte[32];
        salts.copy().accountSalt(account, salt, 0);
        long[] balances = new long[columns];
        System.arraycopy(leafSums, slot * columns, balances, 0, columns);
        return new InclusionProof(published, account, salt, balances, slot, siblingHashes, siblingSums);
    }

    /** The round the tree was built from. */
    public Round round() {
        return round;
    }

    /** The account's item number (its index in address order), or −1 if it has no leaf. */
    private int itemOf(Address account) {
        List<Liabilities> accounts = round.accounts();
        int lo = 0;
        int hi = accounts.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = accounts.get(mid).account().compareTo(account);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int s = 0; s < perm.length; s++) {
            inv[perm[s]] = s;
        }
        return inv;
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
