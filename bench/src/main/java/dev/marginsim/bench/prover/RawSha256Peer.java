package dev.marginsim.bench.prover;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The peer of a transparent tree build: raw SHA-256 (the JDK's {@code MessageDigest}, the same
 * implementation the builder uses) over the same number of compression blocks the build must hash,
 * with nothing else — no tree layout, no sums, no salts' key schedule, no shuffle, no index. For
 * {@code m} accounts in {@code N = 2^depth} leaves of {@code c} columns (docs/proofs.md §5–§7):
 * <ul>
 *   <li>{@code m} account leaves: one message of {@code 84 + 8c} bytes each (2 blocks at c = 4);</li>
 *   <li>{@code N − m} padding leaves: 64 bytes each (2 blocks);</li>
 *   <li>{@code N} salts: each a 32-byte HKDF-Expand, i.e. one HMAC-SHA256 of a short info. With the
 *       key's inner and outer pad states computed once (as the builder does), an HMAC is 2 compressions:
 *       the inner hash's last block and the outer hash's last block. The peer hashes two one-block
 *       messages for it: the info plus counter (38 bytes for an account, 21 for padding) and a 32-byte
 *       inner digest;</li>
 *   <li>{@code N − 1} nodes: {@code 32 + 2·(32 + 8c)} bytes each (3 blocks at c = 4);</li>
 *   <li>{@code ⌈(N − 1) / 4⌉} blocks of the leaf-order stream: 40 bytes each (1 block).</li>
 * </ul>
 * Left out (a handful of hashes per round): the round key's HKDF-Extract, the order key and the round
 * hash. At m = N = 2^20, c = 4: 2 + 2 + 3 + 1/4 = 7.25 blocks per account, 7,602,176 in all.
 * The messages are split evenly over the threads, each thread with its own digest; every digest is
 * written back into the next message so no call can be skipped.
 */
final class RawSha256Peer {
    private final long[] counts;
    private final int[] lengths;
    private final ExecutorService pool;
    private volatile byte sink;

    RawSha256Peer(int accounts, int leaves, int columns) {
        int leaf = 84 + 8 * columns;
        int node = 32 + 2 * (32 + 8 * columns);
        int accountInfo = "marginsim.t1.salt".length() + 20 + 1;
        int paddingInfo = "marginsim.t1.pad".length() + 4 + 1;
        this.counts = new long[] {accounts, leaves - accounts, accounts, leaves - accounts, leaves, leaves - 1L,
                (leaves - 1L + 3) / 4};
        this.lengths = new int[] {leaf, 64, accountInfo, paddingInfo, 32, node, 40};
        this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "raw-sha256-peer");
            t.setDaemon(true);
            return t;
        });
    }

    /** SHA-256 compression blocks of a message of {@code length} bytes (with its 9+ bytes of padding). */
    static long blocksOf(int length) {
        return (length + 9 + 63) / 64;
    }

    long blocks() {
        long b = 0;
        for (int i = 0; i < counts.length; i++) {
            b += counts[i] * blocksOf(lengths[i]);
        }
        return b;
    }

    long messages() {
        long m = 0;
        for (long c : counts) {
            m += c;
        }
        return m;
    }

    String describe() {
        String[] names = {"account leaves", "padding leaves", "account salts' inner", "padding salts' inner",
                "salts' outer", "nodes", "order stream"};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                s.append(String.format("%d × %s of %d B (%d block%s), ", counts[i], names[i], lengths[i],
                        blocksOf(lengths[i]), blocksOf(lengths[i]) == 1 ? "" : "s"));
            }
        }
        return s.append(String.format("= %d messages, %d compression blocks", messages(), blocks())).toString();
    }

    /** Hashes every message once, split over {@code threads} threads; returns when all are done. */
    void run(int threads) throws Exception {
        List<Future<Byte>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int part = t;
            parts.add(pool.submit(() -> hashShare(part, threads)));
        }
        byte x = 0;
        for (Future<Byte> f : parts) {
            x ^= f.get();
        }
        sink = x;
    }

    private byte hashShare(int part, int threads) throws NoSuchAlgorithmException, DigestException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[256];
        for (int i = 0; i < buf.length; i++) {
            buf[i] = (byte) (i * 31 + part);
        }
        for (int k = 0; k < counts.length; k++) {
            long from = counts[k] * part / threads;
            long to = counts[k] * (part + 1) / threads;
            int len = lengths[k];
            for (long i = from; i < to; i++) {
                md.update(buf, 0, len);
                md.digest(buf, 0, 32);
            }
        }
        return buf[0];
    }
}
