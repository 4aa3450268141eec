package dev.marginsim.prover.verify;

/**
 * Every reason a proof, a round or a statement is rejected: one closed set for both tiers, so a
 * caller (the CLI, the RPC server) maps each to an exit code or error code in one exhaustive switch.
 * Names are stable: they appear in CLI output and in tests. Add a constant for a new reason rather
 * than reusing a loose one; never add a catch-all.
 *
 * <p>{@link #unreadable()} separates input that cannot be read at all (not JSON, truncated) from input
 * that was read and found invalid; the CLI exits 2 for the first and 1 for the second.
 */
public enum Failure {
    // ---- input that cannot be read ----
    /** Not JSON, truncated, trailing bytes, duplicate keys. */
    MALFORMED_JSON(true),

    // ---- structure of a readable document ----
    /** The {@code "type"} field names another document (e.g. a round where a proof was expected). */
    WRONG_TYPE(false),
    /** The {@code "version"} field is not one this verifier implements. */
    UNSUPPORTED_VERSION(false),
    /** A required field is absent. */
    MISSING_FIELD(false),
    /** A field this format does not define (nothing unbound may ride along in a proof). */
    UNKNOWN_FIELD(false),
    /** A field of the wrong JSON type, or a non-canonical encoding (upper-case hex, leading zeros, wrong length). */
    MALFORMED_FIELD(false),
    /** An integer outside its declared range: a negative or above-int64 balance, a depth beyond the limit. */
    VALUE_OUT_OF_RANGE(false),
    /** A secp256k1 scalar not below the group order. */
    SCALAR_OUT_OF_RANGE(false),
    /** A point encoding that is not a point of secp256k1. */
    POINT_NOT_ON_CURVE(false),
    /** The point at infinity where a commitment or generator is required. */
    POINT_AT_INFINITY(false),
    /** An array outside its length bounds, or lists whose lengths must agree that do not (balances vs. columns, path vs. depth). */
    LENGTH_MISMATCH(false),

    // ---- binding to the round ----
    /** The price snapshot's hash differs from the one the round commits to. */
    PRICE_SNAPSHOT_MISMATCH(false),
    /** An asset's price is not its feed's answer in the snapshot, normalised to 1e8. */
    PRICE_MISMATCH(false),
    /** The round hash carried in the document is not the hash of its fields. */
    ROUND_HASH_MISMATCH(false),
    /** The proof is for another round than the published one (other id, chain, protocol or fields). */
    ROUND_MISMATCH(false),
    /** The path does not lead to the published root. */
    ROOT_MISMATCH(false),
    /** The root's sums are not the published totals. */
    TOTALS_MISMATCH(false),
    /** A node's sum left the value range: a wrapped or overflowing balance. */
    SUM_OVERFLOW(false),
    /** The leaf index does not fit the tree's depth. */
    INDEX_OUT_OF_RANGE(false),

    // ---- what the account holder knows ----
    /** The leaf is another account's. */
    ACCOUNT_MISMATCH(false),
    /** The leaf's balances are not the ones the account holder expects. */
    BALANCE_MISMATCH(false),
    /** The leaf's USD column is not its balances valued at the round's prices with the protocol's rounding. */
    USD_VALUE_MISMATCH(false),
    /** Two accounts were shown the same leaf of one round. */
    LEAF_SHARED(false),
    /** One salt appears in two leaves (two rounds, or two accounts). */
    SALT_REUSED(false),

    // ---- solvency ----
    /** Reserves below total liabilities for some token. */
    INSOLVENT(false),
    /**
     * Reserves disagree: a solvency statement's with its own round's (converted to internal units), or a
     * round's with the protocol's token balances on chain at the round's block (the CLI's {@code verify --rpc}).
     */
    RESERVES_MISMATCH(false),

    // ---- private tier ----
    /** A range proof does not verify. */
    RANGE_PROOF_INVALID(false),
    /** A commitment does not open to, or sum to, what it must. */
    COMMITMENT_MISMATCH(false),
    /** A proof that does not verify for a reason more specific names do not cover (e.g. a failed final equation). */
    PROOF_INVALID(false);

    private final boolean unreadable;

    Failure(boolean unreadable) {
        this.unreadable = unreadable;
    }

    /** True when the input could not be read at all (CLI exit 2), false when it was read and found invalid (exit 1). */
    public boolean unreadable() {
        return unreadable;
    }
}
