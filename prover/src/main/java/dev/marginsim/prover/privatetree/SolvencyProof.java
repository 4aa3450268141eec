package dev.marginsim.prover.privatetree;

import dev.marginsim.prover.bulletproofs.RangeProof;
import dev.marginsim.prover.curve.Scalar;
import java.util.Objects;

/**
 * The private tier's solvency statement for a round: per asset, total liabilities ≤ reserves. Either
 * {@link Mode#REVEALED} (the root commitments are opened: totals and their blindings are public) or
 * {@link Mode#BOUNDED} (one aggregated range proof that every total T_t and every {@code R_t − T_t}
 * lie in [0, 2^bits), with {@code R_t = min(reserves_t in internal units, 2^bits − 1)}: the totals
 * stay hidden, only "0 ≤ total ≤ reserves" is shown).
 */
public final class SolvencyProof {
    /** How the totals are shown. */
    public enum Mode {
        REVEALED("revealed"),
        BOUNDED("bounded");

        private final String wireName;

        Mode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Mode fromWire(String s) {
            for (Mode m : values()) {
                if (m.wireName.equals(s)) {
                    return m;
                }
            }
            return null;
        }
    }

    private final PrivateRound round;
    private final Mode mode;
    private final long[] totals;
    private final Scalar[] blindings;
    private final int bits;
    private final RangeProof rangeProof;

    private SolvencyProof(PrivateRound round, Mode mode, long[] totals, Scalar[] blindings, int bits, RangeProof rangeProof) {
        this.round = Objects.requireNonNull(round, "round");
        this.mode = mode;
        this.totals = totals;
        this.blindings = blindings;
        this.bits = bits;
        this.rangeProof = rangeProof;
    }

    public static SolvencyProof revealed(PrivateRound round, long[] totals, Scalar[] blindings) {
        if (totals.length != round.root().tokens() || blindings.length != totals.length) {
            throw new IllegalArgumentException("one total and one blinding per asset");
        }
        return new SolvencyProof(round, Mode.REVEALED, totals.clone(), blindings.clone(), 0, null);
    }

    public static SolvencyProof bounded(PrivateRound round, int bits, RangeProof rangeProof) {
        return new SolvencyProof(round, Mode.BOUNDED, null, null, bits, Objects.requireNonNull(rangeProof, "rangeProof"));
    }

    public PrivateRound round() {
        return round;
    }

    public Mode mode() {
        return mode;
    }

    /** Revealed totals (REVEALED only). */
    public long[] totals() {
        return totals.clone();
    }

    public Scalar[] blindings() {
        return blindings.clone();
    }

    /** Range width (BOUNDED only). */
    public int bits() {
        return bits;
    }

    public RangeProof rangeProof() {
        return rangeProof;
    }
}
