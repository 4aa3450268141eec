package dev.marginsim.simulator.scenario;

import dev.marginsim.simulator.engine.MarginEngine;
import dev.marginsim.simulator.setup.EngineDeployment;

/** Applies actions to the Java engine of one deployment. */
public final class EngineSink implements ActionSink {
    private final EngineDeployment deployment;

    public EngineSink(EngineDeployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public void apply(Action action) {
        MarginEngine e = deployment.engine();
        // Java 17 has no pattern switch; the chain is exhaustive over the sealed Action.
        if (action instanceof Action.SetTime a) {
            e.setTime(a.timestamp());
        } else if (action instanceof Action.SetRound a) {
            e.setRound(deployment.feeds().get(a.feed()), a.roundId(), a.answer(), a.startedAt(), a.updatedAt(),
                    a.answeredInRound());
        } else if (action instanceof Action.Deposit a) {
            e.deposit(a.account(), a.asset(), a.tokenAmount());
        } else if (action instanceof Action.Trade a) {
            e.trade(a.account(), a.market(), a.isolated(), a.sizeDeltaE9());
        } else if (action instanceof Action.AddMargin a) {
            e.addMargin(a.account(), a.market(), a.amountE6());
        } else if (action instanceof Action.LiquidatePosition a) {
            e.liquidatePosition(a.liquidator(), a.account(), a.market(), a.isolated());
        } else if (action instanceof Action.LiquidateCollateral a) {
            e.liquidateCollateral(a.liquidator(), a.account(), a.asset(), a.repayE6());
        } else if (action instanceof Action.FundInsurance a) {
            e.fundInsurance(a.from(), a.tokenAmount());
        } else if (action instanceof Action.FundPool a) {
            e.fundPool(a.from(), a.tokenAmount());
        } else {
            throw new IllegalArgumentException("unknown action " + action);
        }
    }
}
