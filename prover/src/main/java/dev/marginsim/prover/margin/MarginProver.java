package dev.marginsim.prover.margin;

import dev.marginsim.prover.bulletproofs.DigitRangeProof;
import dev.marginsim.prover.bulletproofs.DigitRangeProver;
import dev.marginsim.prover.bulletproofs.Transcript;
import dev.marginsim.prover.curve.Scalar;
import dev.marginsim.prover.pedersen.Commitment;
import dev.marginsim.prover.pedersen.Opening;
import dev.marginsim.prover.privatetree.AccountLeaf;
import dev.marginsim.prover.privatetree.PrivateRound;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes margin-sufficiency proofs. Refuses ({@link MarginRefusedException}) rather than proves when
 * the pool does not meet the requirement, when the protocol would revert valuing it, or when the
 * pool's collateral is not what the account's leaf commits to.
 */
public final class MarginProver {
    private MarginProver() {
    }

    /**
     * @param round     the published private round the account's leaf is in
     * @param leaf      the account's leaf with its opening ({@code PrivateTree.accountLeaf})
     * @param statement the public terms (level, prices, weights, ratios, funding indices)
     * @param pool      the account's cross pool, aligned with the statement
     */
    public static MarginProof prove(PrivateRound round, AccountLeaf leaf, MarginStatement statement, PoolOpening pool,
            SecureRandom rng) throws MarginRefusedException {
        MarginWitness witness = MarginWitness.compute(statement, pool);
        witness.requireSufficient();
        return build(round, leaf, statement, witness, rng, false);
    }

    /**
     * Builds the proof whatever the slack, putting the low 64 bits of each out-of-range slot value into
     * the range proof, which is what a cheating prover would do: for soundness tests only.
     */
    static MarginProof proveForced(PrivateRound round, AccountLeaf leaf, MarginStatement statement, PoolOpening pool,
            SecureRandom rng) throws MarginRefusedException {
        return build(round, leaf, statement, MarginWitness.compute(statement, pool), rng, true);
    }

    /** As {@link #proveForced} but from arbitrary base values (for attacks on the rounding). */
    static MarginProof proveWithBases(PrivateRound round, AccountLeaf leaf, MarginStatement statement, BigInteger[] baseValues,
            SecureRandom rng) throws MarginRefusedException {
        return build(round, leaf, statement, baseValues, rng, true);
    }

    /** An honest proof on a transcript that leaves out the labelled inputs: for binding tests only. */
    static MarginProof proveOmitting(PrivateRound round, AccountLeaf leaf, MarginStatement statement, PoolOpening pool,
            SecureRandom rng, java.util.Set<String> omit) throws MarginRefusedException {
        return build(round, leaf, statement, MarginWitness.compute(statement, pool).baseValues(), rng, false, omit);
    }

    private static MarginProof build(PrivateRound round, AccountLeaf leaf, MarginStatement statement, MarginWitness witness,
            SecureRandom rng, boolean forced) throws MarginRefusedException {
        return build(round, leaf, statement, witness.baseValues(), rng, forced);
    }

    private static MarginProof build(PrivateRound round, AccountLeaf leaf, MarginStatement statement, BigInteger[] values,
            SecureRandom rng, boolean forced) throws MarginRefusedException {
        return build(round, leaf, statement, values, rng, forced, java.util.Set.of());
    }

    private static MarginProof build(PrivateRound round, AccountLeaf leaf, MarginStatement statement, BigInteger[] values,
            SecureRandom rng, boolean forced, java.util.Set<String> omit) throws MarginRefusedException {
        MarginCircuit circuit = MarginCircuit.of(statement);
        RoundInfo info = round.info();
        int[] columns = MarginBinding.collateralColumns(info, statement);
        Scalar[] blindings = new Scalar[circuit.baseCount()];
        List<Commitment> leafCommitments = leaf.commitments();
        Commitment[] bases = new Commitment[circuit.baseCount()];
        boolean[] fromLeaf = new boolean[circuit.baseCount()];
        for (int i = 0; i < columns.length; i++) {
            int b = circuit.asset(i, MarginCircuit.A_AMOUNT);
            if (!BigInteger.valueOf(leaf.values()[columns[i]]).equals(values[b])) {
                throw new MarginRefusedException(MarginRefusedException.Reason.OPENING_MISMATCH, "asset "
                        + statement.assets().get(i).assetId() + ": the pool holds " + values[b] + " but the leaf commits to "
                        + leaf.values()[columns[i]]);
            }
            blindings[b] = leaf.blindings()[columns[i]];
            bases[b] = leafCommitments.get(columns[i]);
            fromLeaf[b] = true;
        }
        for (int b = 0; b < bases.length; b++) {
            if (!fromLeaf[b]) {
                blindings[b] = Scalar.random(rng);
            }
        }
        // The Σ-proofs' first moves: their points are commitments to known openings, computed in one
        // batch with the base commitments (they need no challenge).
        int markets = statement.markets().size();
        ProductProof.Start[] productStarts = new ProductProof.Start[markets];
        AbsoluteSizeProof.Start[] sizeStarts = new AbsoluteSizeProof.Start[markets];
        for (int j = 0; j < markets; j++) {
            Opening size = opening(values, blindings, circuit.market(j, MarginCircuit.M_SIZE));
            productStarts[j] = ProductProof.Start.draw(size, opening(values, blindings, circuit.market(j, MarginCircuit.M_SNAPSHOT)),
                    opening(values, blindings, circuit.market(j, MarginCircuit.M_PRODUCT)), rng);
            sizeStarts[j] = AbsoluteSizeProof.Start.draw(size, opening(values, blindings, circuit.market(j, MarginCircuit.M_ABS_SIZE)), rng);
        }
        BatchedCommitments batch = new BatchedCommitments();
        int[] baseAt = new int[bases.length];
        for (int b = 0; b < bases.length; b++) {
            baseAt[b] = fromLeaf[b] ? -1 : batch.add(Scalar.reduce(values[b]), blindings[b]);
        }
        int[] productAt = new int[markets];
        int[] sizeAt = new int[markets];
        for (int j = 0; j < markets; j++) {
            productAt[j] = batch.add(productStarts[j].values(), productStarts[j].blindings());
            sizeAt[j] = batch.add(sizeStarts[j].values(), sizeStarts[j].blindings());
        }
        Commitment[] computed = batch.compute();
        List<Commitment> transmitted = new ArrayList<>();
        for (int b = 0; b < bases.length; b++) {
            if (!fromLeaf[b]) {
                bases[b] = computed[baseAt[b]];
                transmitted.add(bases[b]);
            }
        }
        Transcript t = MarginTranscript.start(round.roundHash(), info.prices().hash(), round.root().hash(), leaf.account(),
                leaf.accountHash(), statement, leafCommitments, transmitted, omit);
        List<ProductProof> products = new ArrayList<>();
        List<AbsoluteSizeProof> absoluteSizes = new ArrayList<>();
        for (int j = 0; j < markets; j++) {
            int at = productAt[j];
            products.add(productStarts[j].finish(t, computed[at].point(), computed[at + 1].point(), computed[at + 2].point()));
            at = sizeAt[j];
            absoluteSizes.add(sizeStarts[j].finish(t, computed[at].point(), computed[at + 1].point()));
        }
        BigInteger[] blindingValues = new BigInteger[blindings.length];
        for (int b = 0; b < blindings.length; b++) {
            blindingValues[b] = blindings[b].toBigInteger();
        }
        List<Opening> openings = new ArrayList<>();
        int[] widths = circuit.slotWidths();
        for (int s = 0; s < circuit.slots().size(); s++) {
            LinearForm form = circuit.slots().get(s);
            BigInteger v = form.evaluate(values);
            BigInteger range = BigInteger.ONE.shiftLeft(widths[s]);
            if (v.signum() < 0 || v.compareTo(range) >= 0) {
                if (!forced) {
                    throw new IllegalStateException("slot " + circuit.slotNames().get(s) + " = " + v + " is outside [0, 2^"
                            + widths[s] + ")");
                }
                v = v.mod(range);
            }
            openings.add(new Opening(Scalar.ofCanonical(v), Scalar.ofCanonical(form.evaluateBlinding(blindingValues, Scalar.ORDER))));
        }
        // The slots' commitments are public linear forms of the base commitments already appended: the
        // range proof does not append them again (and the prover never computes them).
        DigitRangeProof range = DigitRangeProver.prove(t, widths, openings, rng);
        return new MarginProof(round.roundHash(), statement, leaf.account(), leaf.salt(), leafCommitments, transmitted, products, absoluteSizes,
                range);
    }

    private static Opening opening(BigInteger[] values, Scalar[] blindings, int base) {
        return new Opening(Scalar.reduce(values[base]), blindings[base]);
    }

    /** Commitments gathered from several places and computed in one {@link Commitment#commitAll} call. */
    private static final class BatchedCommitments {
        private final List<Scalar> values = new ArrayList<>();
        private final List<Scalar> blindings = new ArrayList<>();

        /** Queues v·G + r·H; returns its index in {@link #compute}'s result. */
        int add(Scalar value, Scalar blinding) {
            values.add(value);
            blindings.add(blinding);
            return values.size() - 1;
        }

        /** Queues several; returns the index of the first. */
        int add(Scalar[] vs, Scalar[] rs) {
            int first = values.size();
            for (int i = 0; i < vs.length; i++) {
                add(vs[i], rs[i]);
            }
            return first;
        }

        Commitment[] compute() {
            return Commitment.commitAll(values.toArray(new Scalar[0]), blindings.toArray(new Scalar[0]));
        }
    }
}
