package dev.marginsim.prover.margin;

import java.util.Arrays;
import java.util.List;

/**
 * The secret side of a margin-sufficiency proof: the account's cross pool, aligned with a
 * {@link MarginStatement} (one collateral amount per statement asset, one position per statement
 * market). Given only to the account holder (inside the proof's opening) and to the prover.
 */
public record PoolOpening(long quoteE6, long[] collateralE9, List<PositionOpening> positions) {
    public PoolOpening {
        collateralE9 = collateralE9.clone();
        for (long c : collateralE9) {
            if (c < 0) {
                throw new IllegalArgumentException("collateral amounts are non-negative: " + c);
            }
        }
        positions = List.copyOf(positions);
    }

    @Override
    public long[] collateralE9() {
        return collateralE9.clone();
    }

    /** Whether this opening has one entry per asset and market of the statement. */
    public boolean fits(MarginStatement statement) {
        return collateralE9.length == statement.assets().size() && positions.size() == statement.markets().size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolOpening p && p.quoteE6 == quoteE6 && Arrays.equals(p.collateralE9, collateralE9)
                && p.positions.equals(positions);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(quoteE6) * 31 + Arrays.hashCode(collateralE9) * 17 + positions.hashCode();
    }

    @Override
    public String toString() {
        return "PoolOpening[quoteE6=" + quoteE6 + ", collateralE9=" + Arrays.toString(collateralE9)
                + ", positions=" + positions + "]";
    }
}
