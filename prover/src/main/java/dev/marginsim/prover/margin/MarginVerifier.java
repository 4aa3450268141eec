package dev.marginsim.prover.margin;

import dev.marginsim.prover.bulletproofs.RangeVerifier;
import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.curve.Msm;
import dev.marginsim.prover.curve.Point;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.PedersenGenerators;
import dev.marginsim.prover.privatetree.AccountLeaf;
import dev.marginsim.prover.privatetree.PrivateHashing;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.verify.Failure;
import dev.marginsim.prover.verify.VerificationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a {@link MarginProof}. Returns normally or throws a {@link VerificationException} naming the
 * first failed check, in this order: the round ({@link Failure#ROUND_MISMATCH}); the statement
 * against the one the verifier expects and the round's collateral prices ({@link Failure#PRICE_MISMATCH});
 * the account ({@link Failure#ACCOUNT_MISMATCH}); the shape ({@link Failure#LENGTH_MISMATCH}); the
 * leaf: the proof's salt, account and commitments hash to the leaf the verifier holds from a verified
 * inclusion proof ({@link Failure#COMMITMENT_MISMATCH}); each product proof ({@link Failure#PROOF_INVALID});
 * the range proof over every derived slot ({@link Failure#RANGE_PROOF_INVALID}).
 *
 * <p>Passing shows: for integer openings of the commitments (collateral = the leaf's), the protocol's
 * valuation with its exact rounding gives weighted equity ≥ requirement at the statement's level
 * (docs/proofs-private-tree.md, "Why it is sound").
 */
public final class MarginVerifier {
    private MarginVerifier() {
    }

    /**
     * @param published the private round as published
     * @param expected  the statement the verifier computed itself (round prices, parameters, funding indices)
     * @param account   the account the proof must be about
     * @param leafHash  the account's leaf hash from a verified {@code PrivateInclusionProof} of the same round
     */
    public static void verify(MarginProof proof, PrivateRound published, MarginStatement expected, Address account, byte[] leafHash)
            throws VerificationException {
        if (!Arrays.equals(proof.roundHash(), published.roundHash())) {
            throw new VerificationException(Failure.ROUND_MISMATCH, "the margin proof is for another round than the published one");
        }
        MarginStatement statement = proof.statement();
        if (!statement.equals(expected)) {
            throw new VerificationException(Failure.PRICE_MISMATCH,
                    "the proof's statement (level, prices, weights, ratios, funding indices) is not the expected one");
        }
        RoundInfo info = published.info();
        int[] columns = MarginBinding.collateralColumnsOrMissing(info, statement);
        for (int i = 0; i < columns.length; i++) {
            AssetTerm a = statement.assets().get(i);
            if (columns[i] < 0) {
                throw new VerificationException(Failure.LENGTH_MISMATCH, "the round has no asset " + a.assetId());
            }
            if (info.assets().get(columns[i]).priceE8() != a.priceE8()) {
                throw new VerificationException(Failure.PRICE_MISMATCH, "asset " + a.assetId() + " is priced "
                        + a.priceE8() + " but the round prices it " + info.assets().get(columns[i]).priceE8());
            }
        }
        if (!proof.account().equals(account)) {
            throw new VerificationException(Failure.ACCOUNT_MISMATCH, "the proof is " + proof.account() + "'s, not " + account + "'s");
        }
        MarginCircuit circuit = MarginCircuit.of(statement);
        int tokens = info.assets().size();
        int transmittedCount = circuit.baseCount() - statement.assets().size();
        if (proof.leafCommitments().size() != tokens || proof.commitments().size() != transmittedCount
                || proof.products().size() != statement.markets().size()) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "expected " + tokens + " leaf commitments, "
                    + transmittedCount + " commitments and " + statement.markets().size() + " product proofs");
        }
        if (!Arrays.equals(AccountLeaf.leafHash(account, proof.salt(), proof.leafCommitments()), leafHash)) {
            throw new VerificationException(Failure.COMMITMENT_MISMATCH,
                    "the proof's salt and collateral commitments are not the account's leaf in the round");
        }
        Commitment[] bases = new Commitment[circuit.baseCount()];
        for (int i = 0; i < columns.length; i++) {
            bases[circuit.asset(i, MarginCircuit.A_AMOUNT)] = proof.leafCommitments().get(columns[i]);
        }
        int next = 0;
        for (int b = 0; b < bases.length; b++) {
            if (bases[b] == null) {
                bases[b] = proof.commitments().get(next++);
            }
        }
        Transcript t = MarginTranscript.start(published.roundHash(), info.prices().hash(), published.root().hash(), account,
                PrivateHashing.accountHash(proof.salt(), account),
                statement, proof.leafCommitments(), proof.commitments());
        for (int j = 0; j < statement.markets().size(); j++) {
            Commitment size = bases[circuit.market(j, MarginCircuit.M_LONG)].subtract(bases[circuit.market(j, MarginCircuit.M_SHORT)]);
            proof.products().get(j).verify(t, size, bases[circuit.market(j, MarginCircuit.M_SNAPSHOT)],
                    bases[circuit.market(j, MarginCircuit.M_PRODUCT)], "market " + statement.markets().get(j).marketId());
        }
        List<Commitment> slots = new ArrayList<>();
        for (LinearForm form : circuit.slots()) {
            slots.add(derive(form, bases));
        }
        RangeVerifier.verify(t, MarginCircuit.BITS, slots, proof.rangeProof());
    }

    /** {@code constant·G + Σ coefficient·C}: a slot's commitment from the base commitments. */
    static Commitment derive(LinearForm form, Commitment[] bases) {
        int[] idx = form.bases();
        BigInteger[] coefficients = form.coefficients();
        Scalar[] k = new Scalar[idx.length + 1];
        Point[] p = new Point[idx.length + 1];
        for (int i = 0; i < idx.length; i++) {
            k[i] = Scalar.reduce(coefficients[i]);
            p[i] = bases[idx[i]].point();
        }
        k[idx.length] = Scalar.reduce(form.constant());
        p[idx.length] = PedersenGenerators.STANDARD.g();
        return Commitment.ofPoint(Msm.sum(k, p));
    }
}
