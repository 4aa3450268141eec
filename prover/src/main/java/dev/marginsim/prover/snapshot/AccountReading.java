package dev.marginsim.prover.snapshot;

import java.util.Objects;

/**
 * One account's state as read at the snapshot, from the engine or from the chain's views, in the
 * protocol's units: the inputs of {@link LiabilityRule}.
 *
 * @param account            the account
 * @param quoteE6            the cross quote balance (may be negative: a debt)
 * @param collateralE9       collateral per asset id (index 0 unused), each ≥ 0
 * @param crossEquityE6      {@code accountHealth(account).equityE6}: quote + Σ collateral value + Σ cross PnL (§6)
 * @param isolatedEquityE6   per market id, {@code isolatedHealth(account, m).equityE6} = margin + PnL (0 if none)
 */
public record AccountReading(Address account, long quoteE6, long[] collateralE9, long crossEquityE6,
        long[] isolatedEquityE6) {
    public AccountReading {
        Objects.requireNonNull(account, "account");
        collateralE9 = collateralE9.clone();
        isolatedEquityE6 = isolatedEquityE6.clone();
        for (long c : collateralE9) {
            if (c < 0) {
                throw new IllegalArgumentException("collateral is never negative: " + c);
            }
        }
    }
}
