package dev.marginsim.bench.prover;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.transparent.InclusionProof;
import dev.marginsim.prover.transparent.PublishedRound;
import dev.marginsim.prover.transparent.TransparentTree;
import dev.marginsim.prover.verify.TransparentVerifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Timed harness for the transparent tier (issue 5 goals, 2 cores: a 2^20-account tree builds in
 * ≤ 1 s and within 2× of raw SHA-256 measured in the same run; an inclusion proof verifies in
 * ≤ 50 µs; 2^20 accounts fit a 2 GiB heap — run it under {@code -Xmx2g}).
 *
 * <p>The round is generated directly (seeded; 3 assets + USD, so c = 4 columns), not by the engine,
 * whose simulation would cost more than the tree. Each timed build is {@link TransparentTree#build}
 * from the {@link Round} and the master secret to the finished tree (salts, leaf order, leaves, every
 * level, the account → slot index, the published round), on all processors.
 *
 * <p>The peer is {@link RawSha256Peer}: the same number of SHA-256 compressions the build cannot avoid,
 * as plain {@code MessageDigest} calls on the same number of threads (see that class for the exact
 * message list). {@code build / peer} is the build's overhead over its hashing alone.
 *
 * <p>Verification is {@link TransparentVerifier#verifyInclusion(InclusionProof)} on a proof at depth
 * {@code log2Accounts}: it includes the round checks (each collateral price against the price
 * snapshot's answer, reserves ≥ totals) but not the round hash; the second figure is the holder's
 * full check {@code verifyInclusion(proof, published, account, balances)}, which also compares the
 * proof's round hash with the published one (two round hashes computed). Both are per single proof,
 * no cache, warm JIT; the first call in a fresh JVM is printed too.
 *
 * <p>Run: {@code java -Xmx2g -cp bench/target/benchmarks.jar dev.marginsim.bench.prover.TransparentTreeBench [log2Accounts] [builds] [seed]}
 * (defaults 20, 7, 20); {@code -Dparallelism=1} times the build on the calling thread only.
 */
public final class TransparentTreeBench {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final byte[] MASTER = "marginsim benchmark master secret, 32+ bytes".getBytes(StandardCharsets.US_ASCII);

    private TransparentTreeBench() {
    }

    public static void main(String[] args) throws Exception {
        int log2 = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int builds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20L;
        int n = 1 << log2;
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("transparent tree: %d accounts, 3 assets + USD, seed %d, %d processors, max heap %d MiB, load %s%n",
                n, seed, threads, Runtime.getRuntime().maxMemory() >> 20, loadAverage());

        Round round = round(n, seed);
        int c = round.info().columns();
        System.gc();
        long roundHeap = usedHeap();
        RawSha256Peer peer = new RawSha256Peer(round.accounts().size(), n, c);
        System.out.printf("peer: %s%n", peer.describe());

        // Warm-up: small trees, then full ones, so the JIT has compiled both before any timing.
        Round small = round(1 << 14, seed + 1);
        for (int i = 0; i < 20; i++) {
            build(small);
        }
        for (int i = 0; i < 2; i++) {
            long c0 = PrivateTreeBench.cpuNanos();
            long t0 = System.nanoTime();
            build(round);
            if (i == 0) {
                System.out.printf("first build: %.0f ms (CPU %.0f ms): JIT still compiling, every heap page touched for the first time%n",
                        (System.nanoTime() - t0) / 1e6, (PrivateTreeBench.cpuNanos() - c0) / 1e6);
            }
            peer.run(threads);
            peer.run(1);
        }

        double[] build = new double[builds];
        double[] buildCpu = new double[builds];
        double[] buildCpuTail = new double[builds];
        double[] raw = new double[builds];
        double[] rawCpu = new double[builds];
        double[] rawOne = new double[builds];
        TransparentTree tree = null;
        for (int i = 0; i < builds; i++) {
            // No System.gc() between builds: a full collection shrinks the heap, and the next build
            // then pays the kernel for every fresh page it touches, a cost of the harness, not of the
            // build (a fresh JVM's first build pays it once; see "first build" above).
            tree = null;
            // Alternate build and peer so both see the same neighbours' load. The pause after the
            // build lets the collector finish the work the build left behind (concurrent marking
            // started by its large arrays) before the peer runs; that work is counted in the build's
            // "CPU with GC tail", the process CPU from the build's start to the end of the pause.
            long c0 = PrivateTreeBench.cpuNanos();
            long t0 = System.nanoTime();
            tree = build(round);
            long t1 = System.nanoTime();
            long c1 = PrivateTreeBench.cpuNanos();
            Thread.sleep(500);
            long c1b = PrivateTreeBench.cpuNanos();
            long t1b = System.nanoTime();
            peer.run(threads);
            long t2 = System.nanoTime();
            long c2 = PrivateTreeBench.cpuNanos();
            peer.run(1);
            long t3 = System.nanoTime();
            build[i] = (t1 - t0) / 1e6;
            buildCpu[i] = (c1 - c0) / 1e6;
            buildCpuTail[i] = (c1b - c0) / 1e6;
            raw[i] = (t2 - t1b) / 1e6;
            rawCpu[i] = (c2 - c1b) / 1e6;
            rawOne[i] = (t3 - t2) / 1e6;
            System.out.printf("  run %d: build %.0f ms (CPU %.0f ms, with GC tail %.0f ms), peer on %d threads %.0f ms (CPU %.0f ms),"
                    + " peer on 1 thread %.0f ms%n", i, build[i], buildCpu[i], buildCpuTail[i], threads, raw[i], rawCpu[i], rawOne[i]);
        }
        System.gc();
        long treeHeap = usedHeap() - roundHeap;
        double b = PrivateTreeBench.median(build);
        double p = PrivateTreeBench.median(raw);
        double p1 = PrivateTreeBench.median(rawOne);
        double[] ratios = new double[builds];
        for (int i = 0; i < builds; i++) {
            ratios[i] = build[i] / raw[i];
        }
        System.out.printf("build: median %.0f ms (CPU %.0f ms, with GC tail %.0f ms) over %d builds; min %.0f ms%n", b,
                PrivateTreeBench.median(buildCpu), PrivateTreeBench.median(buildCpuTail), builds, Arrays.stream(build).min().orElse(0));
        System.out.printf("peer raw SHA-256, same compressions: %d threads median %.0f ms (%.0f MB/s of blocks), 1 thread median %.0f ms%n",
                threads, p, peer.blocks() * 64 / p / 1e3, p1);
        System.out.printf("build / peer (%d threads): %.2f (median of per-run ratios %.2f); build / peer (1 thread): %.2f;"
                + " CPU with GC tail / peer CPU: %.2f%n", threads, b / p, PrivateTreeBench.median(ratios), b / p1,
                PrivateTreeBench.median(buildCpuTail) / PrivateTreeBench.median(rawCpu));
        System.out.printf("heap: the round (input) holds %d MiB, the tree %d MiB more; max heap %d MiB%n",
                roundHeap >> 20, treeHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);

        verify(tree, round);
        System.out.printf("load after: %s%n", loadAverage());
    }

    /** The default build (all processors), or with {@code -Dparallelism=k} that many chunks per level (1: this thread only). */
    private static TransparentTree build(Round round) {
        int parallelism = Integer.getInteger("parallelism", 0);
        return parallelism == 0 ? TransparentTree.build(round, MASTER) : TransparentTree.build(round, MASTER, 1, parallelism);
    }

    private static void verify(TransparentTree tree, Round round) throws Exception {
        PublishedRound published = tree.published();
        Liabilities holder = round.accounts().get(round.accounts().size() / 3);
        long[] expected = Arrays.copyOf(holder.columns(), round.info().assets().size());
        InclusionProof proof = tree.proof(holder.account());
        long s = System.nanoTime();
        TransparentVerifier.verifyInclusion(proof, published, holder.account(), expected);
        System.out.printf("verify: first call in this JVM (class loading, interpreter) %.0f µs; depth %d%n",
                (System.nanoTime() - s) / 1e3, proof.pathLength());
        double[] bare = timeMicros(() -> TransparentVerifier.verifyInclusion(proof));
        double[] full = timeMicros(() -> TransparentVerifier.verifyInclusion(proof, published, holder.account(), expected));
        double[] roundOnly = timeMicros(() -> TransparentVerifier.verifyRound(published));
        System.out.printf("verify inclusion (path + round checks, no round hash): median %.1f µs (p90 %.1f), thread CPU %.1f µs%n",
                bare[0], bare[1], bare[2]);
        System.out.printf("verify inclusion as a holder (+ proof's and published round hash, account, balances): median %.1f µs (p90 %.1f), thread CPU %.1f µs%n",
                full[0], full[1], full[2]);
        System.out.printf("  of which verifyRound alone (price and reserve checks): median %.1f µs, thread CPU %.1f µs%n",
                roundOnly[0], roundOnly[2]);
    }

    private interface Check {
        void run() throws Exception;
    }

    /**
     * Per call, over 50 batches of 1,000 calls after 20,000 warm-up calls: the median and 90th
     * percentile of wall time, and the median of this thread's CPU time (which neighbours' load
     * changes much less than wall time).
     */
    private static double[] timeMicros(Check check) throws Exception {
        for (int i = 0; i < 20_000; i++) {
            check.run();
        }
        double[] wall = new double[50];
        double[] cpu = new double[wall.length];
        for (int k = 0; k < wall.length; k++) {
            long c = THREADS.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            for (int i = 0; i < 1_000; i++) {
                check.run();
            }
            wall[k] = (System.nanoTime() - s) / 1e3 / 1_000;
            cpu[k] = (THREADS.getCurrentThreadCpuTime() - c) / 1e3 / 1_000;
        }
        Arrays.sort(wall);
        return new double[] {wall[wall.length / 2], wall[wall.length * 9 / 10], PrivateTreeBench.median(cpu)};
    }

    /**
     * A seeded round of {@code n} accounts: USDC for all, WETH and WBTC for a third each; the USD column
     * is their value at the round's prices, as {@code LiabilityRule} makes it, so proofs verify.
     */
    static Round round(int n, long seed) {
        PriceSnapshot prices = new PriceSnapshot(1, 1_700_000_000L, List.of(
                PriceRound.complete("ETH / USD", 1, 300_000_000_000L, 8, 1_700_000_000L),
                PriceRound.complete("BTC / USD", 1, 6_000_000_000_000L, 8, 1_700_000_000L)));
        List<RoundAsset> assets = List.of(RoundAsset.settlement(BigInteger.TEN.pow(30)),
                new RoundAsset(1, "ETH / USD", 300_000_000_000L, 18, BigInteger.TEN.pow(40)),
                new RoundAsset(2, "BTC / USD", 6_000_000_000_000L, 8, BigInteger.TEN.pow(30)));
        RoundInfo info = new RoundInfo(1, Address.ofIndex(0xbeef), 1, prices, assets);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Liabilities> accounts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long usdc = rnd.nextLong(1L << 36);
            long weth = rnd.nextInt(3) == 0 ? rnd.nextLong(1L << 38) : 0;
            long wbtc = rnd.nextInt(3) == 0 ? rnd.nextLong(1L << 30) : 0;
            long usd = usdc + assets.get(1).valueE6(weth) + assets.get(2).valueE6(wbtc);
            accounts.add(new Liabilities(Address.ofIndex(i + 1), new long[] {usdc, weth, wbtc, usd}));
        }
        return new Round(info, accounts);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static String loadAverage() {
        return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
