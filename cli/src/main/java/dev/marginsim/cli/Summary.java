package dev.marginsim.cli;

import dev.marginsim.simulator.scenario.CrashMetrics;
import dev.marginsim.simulator.scenario.CrashScenario;
import java.io.PrintWriter;

/** The crash run's summary as a person reads it: dollars, counts and the run time. */
final class Summary {
    private Summary() {
    }

    static void print(PrintWriter out, String where, CrashScenario.Config c, CrashMetrics m, double seconds) {
        out.printf("marginsim crash on %s: %,d accounts, seed %d, ETH -%.0f%% / BTC -%.0f%% over %d one-minute updates%n",
                where, c.accounts(), c.seed(), c.ethDrop() * 100, c.btcDrop() * 100, c.minutes());
        out.printf("position liquidations      %,d%n", m.positionLiquidations);
        out.printf("collateral liquidations    %,d%n", m.collateralLiquidations);
        out.printf("liquidated volume          %s%n", usd(m.liquidatedNotionalE6));
        out.printf("penalties                  %s (liquidators %s, insurance %s)%n", usd(m.penaltiesE6),
                usd(m.liquidatorRewardsE6), usd(m.penaltiesE6 - m.liquidatorRewardsE6));
        out.printf("insurance fund             %s before, %s after%n", usd(m.insuranceBeforeE6), usd(m.insuranceAfterE6));
        out.printf("bad debt                   %s (insurance covered %s, socialised to the pool %s)%n",
                usd(m.badDebtE6), usd(m.badDebtFromInsuranceE6), usd(m.badDebtSocializedE6));
        out.printf("margin top-ups             %,d%n", m.topUps);
        out.printf("run time                   %.2f s%n", seconds);
        out.flush();
    }

    static String usd(long e6) {
        return String.format("$%,.2f", e6 / 1e6);
    }
}
