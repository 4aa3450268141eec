package dev.marginsim.simulator.scenario;

import dev.marginsim.simulator.engine.ProtocolEvent;

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

    /** Adds what an event tells: penalties, liquidator rewards, bad debt and who covered it. */
    public void observe(ProtocolEvent e) {
        if (e instanceof ProtocolEvent.PositionLiquidated l) {
            penaltiesE6 += l.penaltyE6();
            liquidatorRewardsE6 += l.rewardE6();
        } else if (e instanceof ProtocolEvent.BadDebtSettled b) {
            badDebtE6 += b.amountE6();
            badDebtFromInsuranceE6 += b.fromInsuranceE6();
            badDebtSocializedE6 += b.socializedE6();
        }
    }
}
