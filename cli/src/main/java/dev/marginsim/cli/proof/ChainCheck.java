package dev.marginsim.cli.proof;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.snapshot.SnapshotException;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;

/**
 * Checks a published round's public facts against the chain it names: the node's chain id, the
 * block's timestamp, every feed's latest round at the block, and each asset's price and the
 * protocol's token balance (reserves) at the block — re-read exactly as {@code prove --rpc} read them.
 * This is how "reserves ≥ liabilities" becomes checkable by anyone: the liabilities come from the tree,
 * the reserves from the chain.
 */
final class ChainCheck {
    private ChainCheck() {
    }

    /**
     * @throws VerificationException {@code ROUND_MISMATCH} (another chain or block time),
     *                               {@code PRICE_SNAPSHOT_MISMATCH}, {@code PRICE_MISMATCH} or {@code RESERVES_MISMATCH}
     * @throws IllegalArgumentException for a simulated round, which names no chain
     */
    static String check(String url, RoundInfo published) throws VerificationException {
        if (published.chainId() == 0) {
            throw new IllegalArgumentException("a simulated round (chain id 0) cannot be checked against a chain");
        }
        long block = published.blockNumber();
        RoundInfo chain;
        try {
            chain = ChainRound.readInfo(url, published.protocol().toString(), block, published.roundId());
        } catch (SnapshotException e) {
            throw new VerificationException(Failure.PRICE_MISMATCH, "at block " + block + " the protocol cannot price its assets: "
                    + e.getMessage());
        }
        if (chain.chainId() != published.chainId()) {
            throw new VerificationException(Failure.ROUND_MISMATCH, "the node serves chain " + Long.toUnsignedString(chain.chainId())
                    + ", the round names chain " + Long.toUnsignedString(published.chainId()));
        }
        if (chain.timestamp() != published.timestamp()) {
            throw new VerificationException(Failure.ROUND_MISMATCH, "block " + block + " has timestamp " + chain.timestamp()
                    + ", the round says " + published.timestamp());
        }
        for (PriceRound round : published.prices().rounds()) {
            PriceRound onChain = chain.prices().rounds().stream().filter(r -> r.source().equalsIgnoreCase(round.source()))
                    .findFirst().orElse(null);
            if (!round.equals(onChain)) {
                throw new VerificationException(Failure.PRICE_SNAPSHOT_MISMATCH, "feed " + round.source() + " at block " + block
                        + " answers " + (onChain == null ? "nothing (not a feed of the protocol)" : onChain) + ", the round says " + round);
            }
        }
        if (!chain.prices().equals(published.prices())) {
            throw new VerificationException(Failure.PRICE_SNAPSHOT_MISMATCH, "the protocol's feeds at block " + block
                    + " are not the round's snapshot (a feed is missing)");
        }
        if (chain.assets().size() != published.assets().size()) {
            throw new VerificationException(Failure.ROUND_MISMATCH, "the protocol lists " + chain.assets().size()
                    + " assets at block " + block + ", the round " + published.assets().size());
        }
        for (int i = 0; i < chain.assets().size(); i++) {
            RoundAsset c = chain.assets().get(i);
            RoundAsset p = published.assets().get(i);
            if (!c.reservesTokens().equals(p.reservesTokens())) {
                throw new VerificationException(Failure.RESERVES_MISMATCH, "asset " + p.assetId() + ": the protocol holds "
                        + c.reservesTokens() + " token units at block " + block + ", the round says " + p.reservesTokens());
            }
            if (!c.equals(p)) {
                throw new VerificationException(Failure.PRICE_MISMATCH, "asset " + p.assetId() + " at block " + block + " is " + c
                        + ", the round says " + p);
            }
        }
        return String.format("chain %s, block %d: feeds, prices and reserves are the chain's", Long.toUnsignedString(chain.chainId()),
                block);
    }
}
