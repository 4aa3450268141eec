package dev.marginsim.prover.margin;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a margin-sufficiency proof for one statement (docs/proofs-private-tree.md, "Margin
 * proof"): which values are committed (the bases) and which linear forms of them are range-proven,
 * each in [0, 2^width) (the slots): quotients, amounts, sizes and the slack in [0, 2^64), a
 * remainder of a division by d in the narrowest such range that holds [0, d), a position's |size|
 * in [0, 2^63). Every floor division {@code Q = floor(X / d)} of the valuation is a
 * committed quotient Q whose remainder {@code R = X − d·Q} is not committed at all: its commitment is
 * derived from the others, so {@code d·Q + R = X} holds by construction and the range proofs on R
 * (≥ 0) and on Q (an int64) make Q the exact floor. See the document for why one-sided remainders
 * suffice (the slack is monotone in every quotient).
 *
 * <p>Bases, in order: the quote; per asset {amount c, value Q1, weighted value Q2}; per market
 * {size s, absolute size a = |s|, open notional ON, funding snapshot σ, product P = s·σ,
 * position value Qv, funding owed Qf, negated requirement Qr}. Each market carries two Σ-proofs on
 * its bases: {@link ProductProof} (P = s·σ) and {@link AbsoluteSizeProof} ((s − a)(s + a) = 0, so with
 * a range-proven s = ±a).
 */
public final class MarginCircuit {
    public static final int QUOTE = 0;
    public static final int A_AMOUNT = 0;
    public static final int A_VALUE = 1;
    public static final int A_WEIGHTED = 2;
    static final int ASSET_BASES = 3;
    public static final int M_SIZE = 0;
    public static final int M_ABS_SIZE = 1;
    public static final int M_OPEN_NOTIONAL = 2;
    public static final int M_SNAPSHOT = 3;
    public static final int M_PRODUCT = 4;
    public static final int M_VALUE = 5;
    public static final int M_FUNDING = 6;
    public static final int M_NEG_REQUIREMENT = 7;
    static final int MARKET_BASES = 8;
    /** Width of every slot but the remainders: [0, 2^64); signed int64 values are offset by 2^63. */
    public static final int BITS = 64;
    static final BigInteger OFFSET = BigInteger.ONE.shiftLeft(63);
    /** Width of |size|: [0, 2^63) holds |s| of every int64 but the minimum (which the prover refuses). */
    static final int ABS_SIZE_BITS = 63;
    /** Widths of the remainders of the divisions by 1e11 (values), 1e4 (weights) and 1e15 (funding, requirement). */
    static final int VALUE_REMAINDER = remainderWidth(MarginWitness.VALUE_SCALE);
    static final int WEIGHTED_REMAINDER = remainderWidth(MarginWitness.BPS);
    static final int FUNDING_REMAINDER = remainderWidth(MarginWitness.FUNDING_SCALE);

    private final int assetCount;
    private final int marketCount;
    private final List<LinearForm> slots;
    private final List<String> slotNames;
    private final int[] slotWidths;

    private MarginCircuit(MarginStatement statement) {
        this.assetCount = statement.assets().size();
        this.marketCount = statement.markets().size();
        List<LinearForm> forms = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        List<Integer> slackBases = new ArrayList<>();
        List<BigInteger> slackCoefficients = new ArrayList<>();
        slackBases.add(QUOTE);
        slackCoefficients.add(BigInteger.ONE);
        for (int i = 0; i < assetCount; i++) {
            AssetTerm a = statement.assets().get(i);
            int c = asset(i, A_AMOUNT);
            int q1 = asset(i, A_VALUE);
            int q2 = asset(i, A_WEIGHTED);
            String tag = "asset[" + i + "].";
            add(forms, names, widths, tag + "amount", BITS, LinearForm.single(c, BigInteger.ZERO));
            add(forms, names, widths, tag + "value", BITS, LinearForm.single(q1, OFFSET));
            add(forms, names, widths, tag + "valueRemainder", VALUE_REMAINDER, form(new int[] {c, q1},
                    BigInteger.valueOf(a.priceE8()), MarginWitness.VALUE_SCALE.negate()));
            add(forms, names, widths, tag + "weighted", BITS, LinearForm.single(q2, OFFSET));
            add(forms, names, widths, tag + "weightedRemainder", WEIGHTED_REMAINDER, form(new int[] {q1, q2},
                    BigInteger.valueOf(a.weightBps()), MarginWitness.BPS.negate()));
            slackBases.add(q2);
            slackCoefficients.add(BigInteger.ONE);
        }
        for (int j = 0; j < marketCount; j++) {
            MarketTerm m = statement.markets().get(j);
            int size = market(j, M_SIZE);
            int abs = market(j, M_ABS_SIZE);
            int qv = market(j, M_VALUE);
            int qf = market(j, M_FUNDING);
            int qr = market(j, M_NEG_REQUIREMENT);
            BigInteger p = BigInteger.valueOf(m.priceE8());
            BigInteger index = BigInteger.valueOf(m.fundingIndexE12());
            BigInteger pr = p.multiply(BigInteger.valueOf(m.ratioBps()));
            String tag = "market[" + j + "].";
            // With a in [0, 2^63) and the absolute-size proof, s = ±a: an int64 other than the minimum.
            add(forms, names, widths, tag + "absSize", ABS_SIZE_BITS, LinearForm.single(abs, BigInteger.ZERO));
            add(forms, names, widths, tag + "value", BITS, LinearForm.single(qv, OFFSET));
            // Rv = p·s − 1e11·Qv
            add(forms, names, widths, tag + "valueRemainder", VALUE_REMAINDER, form(new int[] {size, qv},
                    p, MarginWitness.VALUE_SCALE.negate()));
            add(forms, names, widths, tag + "funding", BITS, LinearForm.single(qf, OFFSET));
            // Rf = −I·s + P − 1e15·Qf   (−s·(I − σ) = −I·s + s·σ)
            add(forms, names, widths, tag + "fundingRemainder", FUNDING_REMAINDER,
                    form(new int[] {size, market(j, M_PRODUCT), qf},
                    index.negate(), BigInteger.ONE, MarginWitness.FUNDING_SCALE.negate()));
            add(forms, names, widths, tag + "requirement", BITS, LinearForm.single(qr, OFFSET));
            // Rr = −p·ratio·|s| − 1e15·Qr
            add(forms, names, widths, tag + "requirementRemainder", FUNDING_REMAINDER, form(new int[] {abs, qr},
                    pr.negate(), MarginWitness.FUNDING_SCALE.negate()));
            for (int b : new int[] {qv, market(j, M_OPEN_NOTIONAL), qf, qr}) {
                slackBases.add(b);
                slackCoefficients.add(BigInteger.ONE);
            }
        }
        add(forms, names, widths, "slack", BITS, new LinearForm(BigInteger.ZERO,
                slackBases.stream().mapToInt(Integer::intValue).toArray(), slackCoefficients.toArray(new BigInteger[0])));
        // No padding here: the range proofs pack the slots into chunks (RangeChunks.pack).
        this.slots = List.copyOf(forms);
        this.slotNames = List.copyOf(names);
        this.slotWidths = widths.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The circuit of a statement (depends on its terms, not on any secret). */
    public static MarginCircuit of(MarginStatement statement) {
        return new MarginCircuit(statement);
    }

    public int baseCount() {
        return 1 + ASSET_BASES * assetCount + MARKET_BASES * marketCount;
    }

    /** Index of base {@code field} of statement asset {@code i}. */
    public int asset(int i, int field) {
        return 1 + ASSET_BASES * i + field;
    }

    /** Index of base {@code field} of statement market {@code j}. */
    public int market(int j, int field) {
        return 1 + ASSET_BASES * assetCount + MARKET_BASES * j + field;
    }

    /** The range-proven slots: per asset 5, per market 7, then the slack. */
    public List<LinearForm> slots() {
        return slots;
    }

    /** A readable name per slot (for refusals and failures). */
    public List<String> slotNames() {
        return slotNames;
    }

    /** Per slot, the width w of its range [0, 2^w). */
    public int[] slotWidths() {
        return slotWidths.clone();
    }

    /**
     * The narrowest range [0, 2^w) that holds every remainder of a division by {@code divisor}, i.e.
     * [0, divisor). Only R ≥ 0 matters for soundness
     * (docs/proofs-private-tree.md §7.7); a narrower range than 64 bits costs fewer proven bits.
     */
    static int remainderWidth(BigInteger divisor) {
        return divisor.subtract(BigInteger.ONE).bitLength();
    }

    private static void add(List<LinearForm> forms, List<String> names, List<Integer> widths, String name, int width,
            LinearForm form) {
        forms.add(form);
        names.add(name);
        widths.add(width);
    }

    private static LinearForm form(int[] bases, BigInteger... coefficients) {
        return new LinearForm(BigInteger.ZERO, bases, coefficients);
    }
}
