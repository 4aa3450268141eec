package dev.marginsim.prover.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A round: its public {@link RoundInfo} and every account's {@link Liabilities}, sorted by address,
 * one entry per account. This is the prover's input for both tiers; the per-account vectors are
 * private to the operator.
 */
public record Round(RoundInfo info, List<Liabilities> accounts) {

    public Round {
        Objects.requireNonNull(info, "info");
        List<Liabilities> sorted = new ArrayList<>(accounts);
        sorted.sort(Comparator.comparing(Liabilities::account));
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).size() != info.columns()) {
                throw new IllegalArgumentException("account " + sorted.get(i).account() + " has " + sorted.get(i).size()
                        + " columns; the round has " + info.columns());
            }
            if (i > 0 && sorted.get(i).account().equals(sorted.get(i - 1).account())) {
                throw new IllegalArgumentException("account " + sorted.get(i).account() + " appears twice");
            }
        }
        accounts = List.copyOf(sorted);
    }

    /** Column sums over all accounts, checked: a sum above int64 max is refused, never wrapped. */
    public long[] totals() {
        long[] t = new long[info.columns()];
        for (Liabilities l : accounts) {
            for (int c = 0; c < t.length; c++) {
                t[c] = Math.addExact(t[c], l.column(c));
            }
        }
        return t;
    }
}
