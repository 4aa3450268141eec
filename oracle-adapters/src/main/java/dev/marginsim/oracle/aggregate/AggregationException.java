package dev.marginsim.oracle.aggregate;

/** An aggregate could not produce a price: too few usable sources, or no history for the window. */
public final class AggregationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why; stable names a caller can switch on. */
    public enum Reason { TOO_FEW_SOURCES, NO_PRICE_YET, HISTORY_TOO_SHORT }

    private final Reason reason;

    public AggregationException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
