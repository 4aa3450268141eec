package dev.marginsim.prover.snapshot;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the protocol owes one account in one round: a vector with one non-negative int64 per asset
 * (internal units, in the round's asset order) and the USD E6 total last (see {@link RoundInfo}).
 * How the vector is computed from protocol state is {@link LiabilityRule}'s business.
 */
public final class Liabilities {
    private final Address account;
    private final long[] columns;

    public Liabilities(Address account, long[] columns) {
        this.account = Objects.requireNonNull(account, "account");
        this.columns = columns.clone();
        for (long c : this.columns) {
            if (c < 0) {
                throw new IllegalArgumentException("a liability is never negative: " + c + " for " + account);
            }
        }
    }

    public Address account() {
        return account;
    }

    /** Number of entries (assets + 1). */
    public int size() {
        return columns.length;
    }

    /** Entry {@code i}. */
    public long column(int i) {
        return columns[i];
    }

    /** A copy of the vector. */
    public long[] columns() {
        return columns.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Liabilities l && account.equals(l.account) && Arrays.equals(columns, l.columns);
    }

    @Override
    public int hashCode() {
        return account.hashCode() * 31 + Arrays.hashCode(columns);
    }

    @Override
    public String toString() {
        return account + Arrays.toString(columns);
    }
}
