package dev.marginsim.simulator.scenario;

/**
 * What a crash run measured. Counters the scenario keeps itself; bad-debt and penalty totals come
 * from the protocol's events (see {@link #observe}).
 */
public final class CrashMetrics {
    public long positionLiquidations;
    public long collateralLiquidations;
    public long liquidatedNotionalE6;
    public long penaltiesE6;
    public long liquidatorRewardsE6;
    public long badDebtE6;
    public long badDebtFromInsuranceE6;
    public long badDebtSocializedE6;
    public long insuranceBeforeE6;
    public long insuranceAfterE6;
    public long poolAfterE6;
    public long topUps;
    public long refused;
}
