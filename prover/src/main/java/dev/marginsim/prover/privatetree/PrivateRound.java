package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What the operator publishes for a round of the private tier: the {@link RoundInfo} and the tree's
 * {@link PrivateRoot} (depth, root hash, one commitment per asset to the total liabilities in it).
 * Totals are not published here; {@link SolvencyProof} either opens the root commitments or proves
 * them ≤ reserves. {@link #roundHash()} commits to everything, in the transparent tier's layout with
 * the private tag and the root commitments in place of the totals:
 * <pre>
 * roundHash = SHA-256(PRIVATE_ROUND ‖ chainId(8) ‖ protocol(20) ‖ roundId(8) ‖ blockNumber(8) ‖ timestamp(8)
 *                     ‖ priceSnapshotHash(32) ‖ assetCount(1)
 *                     ‖ per asset: assetId(1) ‖ priceE8(8) ‖ tokenDecimals(1) ‖ reservesTokens(32) ‖ feedLength(2) ‖ feed
 *                     ‖ depth(1) ‖ rootHash(32) ‖ rootCommitment_0(33) ‖ … ‖ rootCommitment_{T−1}(33))
 * </pre>
 */
public final class PrivateRound {
    /** Deepest tree a verifier accepts: 2^32 leaves. */
    public static final int MAX_DEPTH = 32;

    private final RoundInfo info;
    private final PrivateRoot root;

    public PrivateRound(RoundInfo info, PrivateRoot root) {
        this.info = Objects.requireNonNull(info, "info");
        this.root = Objects.requireNonNull(root, "root");
        if (root.depth() < 1 || root.depth() > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be 1.." + MAX_DEPTH + ": " + root.depth());
        }
        if (root.tokens() != info.assets().size()) {
            throw new IllegalArgumentException("one root commitment per asset: " + info.assets().size());
        }
    }

    public static PrivateRound of(PrivateTree tree) {
        return new PrivateRound(tree.round(), tree.root());
    }

    public RoundInfo info() {
        return info;
    }

    public PrivateRoot root() {
        return root;
    }

    public byte[] roundHash() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PrivateTags.ROUND);
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
        out.write(root.depth());
        out.writeBytes(root.hash());
        for (byte[] c : root.commitments()) {
            out.writeBytes(c);
        }
        return PrivateTags.sha256().digest(out.toByteArray());
    }

    private static byte[] uint256(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] w = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, w, 32 - len, len);
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrivateRound p && Arrays.equals(roundHash(), p.roundHash());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(root.hash());
    }
}
