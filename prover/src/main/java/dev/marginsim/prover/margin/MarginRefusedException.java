package dev.marginsim.prover.margin;

/**
 * The prover declines to prove: the pool does not meet the requirement, or the protocol itself would
 * revert while valuing it. A business outcome of honest proving, not broken input.
 */
public final class MarginRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why no proof was made. */
    public enum Reason {
        /** weightedEquity − requirement &lt; 0 at the statement's level: the claim is false. */
        INSUFFICIENT_MARGIN,
        /** The protocol's valuation reverts with {@code Overflow()} (a helper or sum leaves int64). */
        OVERFLOW,
        /** The opening does not match the statement (counts) or a size is int64 min (|s| has no int64). */
        OPENING_MISMATCH
    }

    private final Reason reason;

    public MarginRefusedException(Reason reason, String detail) {
        super(reason.name() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
