package dev.marginsim.prover.snapshot;

/** A round that cannot be taken, with the reason named. */
public final class SnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a round cannot be taken. */
    public enum Reason {
        /** A price the valuation needs fails its oracle guard (the protocol's views revert). */
        PRICE_UNAVAILABLE,
        /** An asset's price is not its feed's answer in the price snapshot. */
        PRICE_MISMATCH,
        /** A liability or a sum leaves int64. */
        OVERFLOW,
        /** The state and the snapshot do not describe one protocol (asset counts, feeds, decimals). */
        INCONSISTENT_STATE
    }

    private final Reason reason;

    public SnapshotException(Reason reason, String detail) {
        super(reason.name() + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
