package dev.marginsim.prover.transparent;

import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator publishes for a round of the transparent tier (in a round document and in the
 * {@code SolvencyRegistry} contract): the {@link RoundInfo}, the tree's depth, root hash and root sums
 * (the column totals). Its {@link #roundHash()} commits to all of it:
 * <pre>
 * roundHash = SHA-256(ROUND ‖ chainId(8) ‖ protocol(20) ‖ roundId(8) ‖ blockNumber(8) ‖ timestamp(8)
 *                     ‖ priceSnapshotHash(32) ‖ assetCount(1)
 *                     ‖ per asset: assetId(1) ‖ priceE8(8) ‖ tokenDecimals(1) ‖ reservesTokens(32) ‖ feedLength(2) ‖ feed(UTF-8)
 *                     ‖ depth(1) ‖ rootHash(32) ‖ total_0(8) ‖ … ‖ total_{c−1}(8))
 * </pre>
 * (big-endian; the layout of Solidity's {@code abi.encodePacked} of those types, so the contract
 * computes the same hash).
 */
public final class PublishedRound {
    /** Deepest tree a verifier accepts: 2^32 leaves. */
    public static final int MAX_DEPTH = 32;

    private final RoundInfo info;
    private final int depth;
    private final byte[] rootHash;
    private final long[] totals;

    public PublishedRound(RoundInfo info, int depth, byte[] rootHash, long[] totals) {
        this.info = Objects.requireNonNull(info, "info");
        if (depth < 1 || depth > MAX_DEPTH) { // the builder's smallest tree has two leaves
            throw new IllegalArgumentException("depth must be 1.." + MAX_DEPTH + ": " + depth);
        }
        if (rootHash.length != 32) {
            throw new IllegalArgumentException("a root hash is 32 bytes");
        }
        if (totals.length != info.columns()) {
            throw new IllegalArgumentException("totals must have " + info.columns() + " columns, not " + totals.length);
        }
        for (long t : totals) {
            if (t < 0) {
                throw new IllegalArgumentException("totals are never negative");
            }
        }
        this.depth = depth;
        this.rootHash = rootHash.clone();
        this.totals = totals.clone();
    }

    public RoundInfo info() {
        return info;
    }

    public int depth() {
        return depth;
    }

    public byte[] rootHash() {
        return rootHash.clone();
    }

    public long[] totals() {
        return totals.clone();
    }

    /** The commitment to everything above. */
    public byte[] roundHash() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Tags.ROUND);
        out.writeBytes(ByteBuffer.allocate(52).putLong(info.chainId()).put(info.protocol().toBytes())
                .putLong(info.roundId()).putLong(info.blockNumber()).putLong(info.timestamp()).array());
        out.writeBytes(info.prices().hash());
        out.write(info.assets().size());
        for (RoundAsset a : info.assets()) {
            byte[] feed = a.feed().getBytes(StandardCharsets.UTF_8);
            out.write(a.assetId());
            out.writeBytes(ByteBuffer.allocate(9).putLong(a.priceE8()).put((byte) a.tokenDecimals()).array());
            out.writeBytes(uint256(a.reservesTokens()));
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) feed.length).array());
            out.writeBytes(feed);
        }
        out.write(depth);
        out.writeBytes(rootHash);
        ByteBuffer t = ByteBuffer.allocate(8 * totals.length);
        for (long v : totals) {
            t.putLong(v);
        }
        out.writeBytes(t.array());
        MessageDigest md = JdkSha256.newMessageDigest();
        return md.digest(out.toByteArray());
    }

    /**
     * The solvency statement: for every asset, reserves (in internal units, rounded down) ≥ the
     * total liabilities in that asset. Empty when it holds; else which asset falls short.
     */
    public Optional<String> shortfall() {
        for (int i = 0; i < info.assets().size(); i++) {
            RoundAsset a = info.assets().get(i);
            if (a.reservesInternal().compareTo(BigInteger.valueOf(totals[i])) < 0) {
                return Optional.of("asset " + a.assetId() + ": reserves " + a.reservesInternal() + " < liabilities " + totals[i]
                        + " (internal units, 1e-" + a.internalDecimals() + ")");
            }
        }
        return Optional.empty();
    }

    static byte[] uint256(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] w = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, w, 32 - len, len);
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishedRound p && Arrays.equals(roundHash(), p.roundHash());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rootHash);
    }
}
