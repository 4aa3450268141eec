package dev.marginsim.core;

/** Why a price read failed its guards; the numeric code is what {@code OracleFailure(uint8)} carries. */
public enum OracleFailureCode {
    NON_POSITIVE(1),
    INCOMPLETE_ROUND(2),
    STALE(3),
    OUT_OF_BOUNDS(4),
    SEQUENCER_DOWN(5),
    GRACE_PERIOD(6);

    private final int code;

    OracleFailureCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static OracleFailureCode ofCode(int code) {
        for (OracleFailureCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown oracle failure code " + code);
    }
}
