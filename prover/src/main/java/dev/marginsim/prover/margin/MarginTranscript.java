package dev.marginsim.prover.margin;

import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.snapshot.Address;
import java.util.List;
import java.util.Set;

/**
 * The public inputs a margin proof is bound to, appended in this order to a transcript started with
 * protocol {@value #PROTOCOL} (docs/proofs-private-tree.md, "Margin transcript"): the private round's
 * hash (round id, root hash and commitments, price snapshot, assets), the price-snapshot hash and
 * root hash by name, the account, its salted account hash, the level, every statement term, then
 * every base commitment (leaf commitments first). Market by market its product proof and its
 * absolute-size proof follow on the same transcript, then the digit range proof, so each challenge
 * depends on everything before it. The slots' commitments are linear forms of the appended base
 * commitments with public coefficients, so the range proof does not append them again ("bound by
 * the caller").
 */
final class MarginTranscript {
    static final String PROTOCOL = "marginsim/margin-sufficiency/v5";

    private MarginTranscript() {
    }

    static Transcript start(byte[] roundHash, byte[] priceSnapshotHash, byte[] rootHash, Address account, byte[] accountHash,
            MarginStatement statement, List<Commitment> leafCommitments, List<Commitment> commitments) {
        return start(roundHash, priceSnapshotHash, rootHash, account, accountHash, statement, leafCommitments, commitments, Set.of());
    }

    /** As above, leaving out the inputs labelled in {@code omit}: only tests use it, to show each input is needed. */
    static Transcript start(byte[] roundHash, byte[] priceSnapshotHash, byte[] rootHash, Address account, byte[] accountHash,
            MarginStatement statement, List<Commitment> leafCommitments, List<Commitment> commitments, Set<String> omit) {
        Transcript t = Transcript.start(PROTOCOL);
        Appender a = new Appender(t, omit);
        a.bytes("round", roundHash);
        a.bytes("price-snapshot", priceSnapshotHash);
        a.bytes("root", rootHash);
        a.bytes("account", account.toBytes());
        a.bytes("account-hash", accountHash);
        a.bytes("level", statement.level().wireName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        a.number("assets", statement.assets().size());
        for (AssetTerm term : statement.assets()) {
            a.number("asset-id", term.assetId());
            a.number("asset-price", term.priceE8());
            a.number("asset-weight", term.weightBps());
        }
        a.number("markets", statement.markets().size());
        for (MarketTerm m : statement.markets()) {
            a.number("market-id", m.marketId());
            a.number("market-price", m.priceE8());
            a.number("market-ratio", m.ratioBps());
            a.number("market-funding-index", m.fundingIndexE12());
        }
        a.number("leaf-commitments", leafCommitments.size());
        for (Commitment c : leafCommitments) {
            a.bytes("leaf", c.encode());
        }
        a.number("commitments", commitments.size());
        for (Commitment c : commitments) {
            a.bytes("C", c.encode());
        }
        return t;
    }

    private record Appender(Transcript t, Set<String> omit) {
        void bytes(String label, byte[] data) {
            if (!omit.contains(label)) {
                t.append(label, data);
            }
        }

        void number(String label, long value) {
            if (!omit.contains(label)) {
                t.append(label, value);
            }
        }
    }
}
