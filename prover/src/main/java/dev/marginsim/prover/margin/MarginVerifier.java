package dev.marginsim.prover.margin;

import dev.marginsim.prover.bulletproofs.DigitRangeVerifier;
import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.bulletproofs.VerificationEquation;
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
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a {@link MarginProof}. Returns normally or throws a {@link VerificationException} naming the
 * first failed check, in this order: the round ({@link Failure#ROUND_MISMATCH}); the statement
 * against the one the verifier expects and the round's collateral prices ({@link Failure#PRICE_MISMATCH});
 * the account ({@link Failure#ACCOUNT_MISMATCH}); the shape ({@link Failure#LENGTH_MISMATCH}); the
 * leaf: the proof's salt, account and commitments hash to the leaf the verifier holds from a verified
 * inclusion proof ({@link Failure#COMMITMENT_MISMATCH}); each market's product proof and absolute-size
 * proof ({@link Failure#PROOF_INVALID});
 * the digit range proof over every derived slot ({@link Failure#RANGE_PROOF_INVALID}). The Σ-proofs and
 * the range proof are checked together in one multi-scalar multiplication, each equation times a
 * random weight; only if that fails are they checked one by one to name the first failure.
 *
 * <p>Passing shows: for integer openings of the commitments (collateral = the leaf's), the protocol's
 * valuation with its exact rounding gives weighted equity ≥ requirement at the statement's level
 * (docs/proofs-private-tree.md, "Why it is sound").
 */
public final class MarginVerifier {
    /** The verifier's own randomness for the weights of the combined check (never taken from the proof). */
    private static final SecureRandom RNG = new SecureRandom();

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
        int markets = statement.markets().size();
        if (proof.leafCommitments().size() != tokens || proof.commitments().size() != transmittedCount
                || proof.products().size() != markets || proof.absoluteSizes().size() != markets) {
            throw new VerificationException(Failure.LENGTH_MISMATCH, "expected " + tokens + " leaf commitments, "
                    + transmittedCount + " commitments, " + markets + " product proofs and " + markets + " absolute-size proofs");
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
        Scalar[] challenges = new Scalar[markets];
        Scalar[] absChallenges = new Scalar[markets];
        for (int j = 0; j < markets; j++) {
            String what = "market " + statement.markets().get(j).marketId();
            challenges[j] = proof.products().get(j).challenge(t, what);
            absChallenges[j] = proof.absoluteSizes().get(j).challenge(t, what);
        }
        DigitRangeVerifier.Prepared range = DigitRangeVerifier.prepare(t, circuit.slotWidths(), proof.rangeProof());

        // Every product equation and the range proof, each with its own random weight, in one sum; the
        // slots' commitments enter as their linear forms of the bases, so no slot commitment is computed.
        VerificationEquation eq = new VerificationEquation();
        BaseTerms terms = new BaseTerms(bases.length);
        for (int j = 0; j < markets; j++) {
            int size = circuit.market(j, MarginCircuit.M_SIZE);
            terms.add(new int[] {size, circuit.market(j, MarginCircuit.M_SNAPSHOT), circuit.market(j, MarginCircuit.M_PRODUCT)},
                    proof.products().get(j).addTo(eq, challenges[j], Scalar.random(RNG), RNG));
            terms.add(new int[] {size, circuit.market(j, MarginCircuit.M_ABS_SIZE)},
                    proof.absoluteSizes().get(j).addTo(eq, absChallenges[j], Scalar.random(RNG), RNG));
        }
        terms.addSlots(circuit, range.addTo(eq, Scalar.random(RNG), RNG), eq);
        terms.addTo(eq, bases);
        if (eq.holds()) {
            return;
        }
        // Name the first failing check, in the documented order: market by market its product proof and
        // absolute-size proof, then the range proof.
        for (int j = 0; j < markets; j++) {
            String what = "market " + statement.markets().get(j).marketId();
            Commitment size = bases[circuit.market(j, MarginCircuit.M_SIZE)];
            proof.products().get(j).checkAlone(challenges[j], size, bases[circuit.market(j, MarginCircuit.M_SNAPSHOT)],
                    bases[circuit.market(j, MarginCircuit.M_PRODUCT)], what);
            proof.absoluteSizes().get(j).checkAlone(absChallenges[j], size, bases[circuit.market(j, MarginCircuit.M_ABS_SIZE)], what);
        }
        VerificationEquation alone = new VerificationEquation();
        BaseTerms own = new BaseTerms(bases.length);
        own.addSlots(circuit, range.addTo(alone, Scalar.ONE, RNG), alone);
        own.addTo(alone, bases);
        if (!alone.holds()) {
            throw new VerificationException(Failure.RANGE_PROOF_INVALID, "the range proof over the margin slots does not hold");
        }
        throw new VerificationException(Failure.RANGE_PROOF_INVALID, "the combined margin equation does not hold");
    }

    /** Coefficients of the base commitments in the combined sum, added once per base at the end. */
    private static final class BaseTerms {
        private final BigInteger[] coefficient;

        BaseTerms(int count) {
            coefficient = new BigInteger[count];
            Arrays.fill(coefficient, BigInteger.ZERO);
        }

        /** Adds {@code k[i]} to the coefficient of base {@code bases[i]}. */
        void add(int[] bases, Scalar[] k) {
            for (int i = 0; i < bases.length; i++) {
                coefficient[bases[i]] = coefficient[bases[i]].add(k[i].toBigInteger());
            }
        }

        /** Slot j's commitment is form_j applied to the bases plus constant_j·G; its weight is {@code weights[j]}. */
        void addSlots(MarginCircuit circuit, Scalar[] weights, VerificationEquation eq) {
            List<LinearForm> forms = circuit.slots();
            BigInteger constants = BigInteger.ZERO;
            for (int j = 0; j < forms.size(); j++) {
                BigInteger w = weights[j].toBigInteger();
                if (w.signum() == 0) {
                    continue;
                }
                LinearForm form = forms.get(j);
                int[] idx = form.bases();
                BigInteger[] k = form.coefficients();
                for (int i = 0; i < idx.length; i++) {
                    coefficient[idx[i]] = coefficient[idx[i]].add(w.multiply(k[i]));
                }
                constants = constants.add(w.multiply(form.constant()));
            }
            eq.addG(Scalar.reduce(constants));
        }

        void addTo(VerificationEquation eq, Commitment[] bases) {
            for (int b = 0; b < bases.length; b++) {
                eq.add(Scalar.reduce(coefficient[b]), bases[b].point());
            }
        }
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
