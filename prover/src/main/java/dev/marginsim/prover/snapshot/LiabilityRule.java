package dev.marginsim.prover.snapshot;

import dev.marginsim.core.ProtocolRevert;

/**
 * What the protocol owes an account, per asset and in USD (docs/proofs.md, "Liabilities"):
 * <ul>
 *   <li>collateral asset {@code i ≥ 1}: the account's {@code collateralE9[i]}, in full. Collateral is
 *       the account's property whatever its debts; seizing it is a liquidation, not a netting.</li>
 *   <li>settlement asset 0: {@code max(0, cross settlement claim) + Σ_m max(0, isolated equity_m)}, where
 *       the cross settlement claim is {@code quoteE6 + Σ cross PnL} (= cross equity − Σ collateral values,
 *       so PnL with its funding comes from the protocol's own valuation, §6) and isolated equity is
 *       {@code marginE6 + PnL} of that isolated position.</li>
 *   <li>USD: the settlement claim plus each collateral amount valued with the protocol's
 *       {@code value(amountE9, priceE8)} (floor, §1).</li>
 * </ul>
 * A negative quote balance or negative pool equity counts as zero: a debt is never netted against
 * another account's claim, nor against the same account's other pools or tokens. Liabilities are
 * thereby never understated in any token (a debtor's collateral stays owed in full), which is the
 * side a solvency proof must err on.
 */
public final class LiabilityRule {
    private LiabilityRule() {
    }

    /**
     * The liability vector of one account.
     *
     * @throws SnapshotException {@code OVERFLOW} where a sum leaves int64 (the contract would revert)
     */
    public static Liabilities apply(RoundInfo info, AccountReading r) {
        try {
            long[] columns = new long[info.columns()];
            long collateralValue = 0;
            long usd = 0;
            for (int i = 1; i < info.assets().size(); i++) {
                RoundAsset asset = info.assets().get(i);
                long amount = asset.assetId() < r.collateralE9().length ? r.collateralE9()[asset.assetId()] : 0;
                columns[i] = amount;
                long value = asset.valueE6(amount);
                collateralValue = Math.addExact(collateralValue, value);
                usd = Math.addExact(usd, value);
            }
            long settlement = Math.max(0, Math.subtractExact(r.crossEquityE6(), collateralValue));
            for (long isolated : r.isolatedEquityE6()) {
                settlement = Math.addExact(settlement, Math.max(0, isolated));
            }
            columns[0] = settlement;
            columns[info.usdColumn()] = Math.addExact(usd, settlement);
            return new Liabilities(r.account(), columns);
        } catch (ArithmeticException | ProtocolRevert e) {
            throw new SnapshotException(SnapshotException.Reason.OVERFLOW,
                    "liabilities of " + r.account() + " leave int64: " + e.getMessage());
        }
    }
}
