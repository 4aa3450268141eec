package dev.marginsim.prover.margin;

import dev.marginsim.prover.bulletproofs.DigitRangeProof;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.snapshot.Address;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A margin-sufficiency proof (docs/proofs-private-tree.md, "Margin proof"): an account's cross pool
 * meets the statement's requirement at its public prices and parameters, with every amount, size and
 * intermediate value hidden in a commitment.
 *
 * <p>It is bound to the account's leaf in a private round: {@code roundHash}, the account's address
 * and salt (so the verifier recomputes the leaf's salted account hash), and the leaf's commitments,
 * one per round asset. The collateral amounts of the valuation are those leaf commitments themselves
 * (asset id a ≥ 1 is the round's column of that id). {@code commitments} are the other bases of the
 * {@link MarginCircuit} in base order (the quote; per asset Q1, Q2; per market s, |s|, ON, σ, P, Qv,
 * Qf, Qr); {@code products} one product proof per market (P = s·σ); {@code absoluteSizes} one
 * absolute-size proof per market; {@code rangeProof} one digit range proof over every slot of the
 * circuit, each in its own width ({@code DigitRangeProver}, docs/proofs-private.md §10).
 */
public final class MarginProof {
    private final byte[] roundHash;
    private final MarginStatement statement;
    private final Address account;
    private final byte[] salt;
    private final List<Commitment> leafCommitments;
    private final List<Commitment> commitments;
    private final List<ProductProof> products;
    private final List<AbsoluteSizeProof> absoluteSizes;
    private final DigitRangeProof rangeProof;

    public MarginProof(byte[] roundHash, MarginStatement statement, Address account, byte[] salt,
            List<Commitment> leafCommitments, List<Commitment> commitments, List<ProductProof> products,
            List<AbsoluteSizeProof> absoluteSizes, DigitRangeProof rangeProof) {
        this.roundHash = roundHash.clone();
        this.statement = Objects.requireNonNull(statement, "statement");
        this.account = Objects.requireNonNull(account, "account");
        this.salt = salt.clone();
        this.leafCommitments = List.copyOf(leafCommitments);
        this.commitments = List.copyOf(commitments);
        this.products = List.copyOf(products);
        this.absoluteSizes = List.copyOf(absoluteSizes);
        this.rangeProof = Objects.requireNonNull(rangeProof, "rangeProof");
    }

    public byte[] roundHash() {
        return roundHash.clone();
    }

    public MarginStatement statement() {
        return statement;
    }

    public Address account() {
        return account;
    }

    public byte[] salt() {
        return salt.clone();
    }

    public List<Commitment> leafCommitments() {
        return leafCommitments;
    }

    public List<Commitment> commitments() {
        return commitments;
    }

    public List<ProductProof> products() {
        return products;
    }

    public List<AbsoluteSizeProof> absoluteSizes() {
        return absoluteSizes;
    }

    public DigitRangeProof rangeProof() {
        return rangeProof;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MarginProof p && Arrays.equals(roundHash, p.roundHash) && statement.equals(p.statement)
                && account.equals(p.account) && Arrays.equals(salt, p.salt) && leafCommitments.equals(p.leafCommitments)
                && commitments.equals(p.commitments) && products.equals(p.products)
                && absoluteSizes.equals(p.absoluteSizes) && rangeProof.equals(p.rangeProof);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(roundHash) * 31 + commitments.hashCode();
    }
}
