package dev.marginsim.core;

import java.util.Objects;

/**
 * The protocol refused an operation; nothing it touched has changed. Thrown by the Java engine and
 * by the chain client alike, so both sides of a differential test can be compared with equals.
 */
public final class ProtocolRevert extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final RevertReason reason;
    private final OracleFailureCode oracleCode;

    public ProtocolRevert(RevertReason reason) {
        this(reason, null);
    }

    public ProtocolRevert(RevertReason reason, OracleFailureCode oracleCode) {
        super(describe(reason, oracleCode), null, false, false);
        this.reason = Objects.requireNonNull(reason);
        if ((reason == RevertReason.OracleFailure) != (oracleCode != null)) {
            throw new IllegalArgumentException("an oracle code goes with OracleFailure and nothing else");
        }
        this.oracleCode = oracleCode;
    }

    public static ProtocolRevert oracle(OracleFailureCode code) {
        return new ProtocolRevert(RevertReason.OracleFailure, code);
    }

    public RevertReason reason() {
        return reason;
    }

    /** The failed guard, or null unless the reason is {@link RevertReason#OracleFailure}. */
    public OracleFailureCode oracleCode() {
        return oracleCode;
    }

    /** The Solidity form, e.g. {@code InsufficientMargin()} or {@code OracleFailure(3)}. */
    public String solidityForm() {
        return describe(reason, oracleCode);
    }

    private static String describe(RevertReason reason, OracleFailureCode code) {
        return reason + "(" + (code == null ? "" : code.code()) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtocolRevert r && r.reason == reason && r.oracleCode == oracleCode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, oracleCode);
    }
}
