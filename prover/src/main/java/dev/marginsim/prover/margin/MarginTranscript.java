package dev.marginsim.prover.margin;

import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.snapshot.Address;
import java.util.List;

/**
 * The public inputs a margin proof is bound to, appended in this order to a transcript started with
 * protocol {@value #PROTOCOL} (docs/proofs-private-tree.md, "Margin transcript"): the private round's
 * hash (round id, root hash and commitments, price snapshot, assets), the price-snapshot hash and
 * root hash by name, the account, its salted account hash, the level, every statement term, then
 * every base commitment (leaf commitments first). Product proofs and the range proof follow on the
 * same transcript, so each challenge depends on everything before it.
 */
final class MarginTranscript {
    static final String PROTOCOL = "marginsim/margin-sufficiency/v1";

    private MarginTranscript() {
    }

    static Transcript start(byte[] roundHash, byte[] priceSnapshotHash, byte[] rootHash, Address account, byte[] accountHash,
            MarginStatement statement, List<Commitment> leafCommitments, List<Commitment> commitments) {
        Transcript t = Transcript.start(PROTOCOL);
        t.append("round", roundHash);
        t.append("price-snapshot", priceSnapshotHash);
        t.append("root", rootHash);
        t.append("account", account.toBytes());
        t.append("account-hash", accountHash);
        t.append("level", statement.level().wireName());
        t.append("assets", statement.assets().size());
        for (AssetTerm a : statement.assets()) {
            t.append("asset-id", a.assetId());
            t.append("asset-price", a.priceE8());
            t.append("asset-weight", a.weightBps());
        }
        t.append("markets", statement.markets().size());
        for (MarketTerm m : statement.markets()) {
            t.append("market-id", m.marketId());
            t.append("market-price", m.priceE8());
            t.append("market-ratio", m.ratioBps());
            t.append("market-funding-index", m.fundingIndexE12());
        }
        t.append("leaf-commitments", leafCommitments.size());
        for (Commitment c : leafCommitments) {
            t.append("leaf", c);
        }
        t.append("commitments", commitments.size());
        for (Commitment c : commitments) {
            t.append("C", c);
        }
        return t;
    }
}
