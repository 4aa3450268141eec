package dev.marginsim.simulator.scenario;

import java.math.BigInteger;

/**
 * One thing that happens to the protocol in a scenario: a user or liquidator operation, an oracle
 * update, or block time moving. Scenarios emit actions, so one run can be applied to the Java engine
 * and, in lockstep, to a deployed contract (see {@link ActionSink}).
 */
public sealed interface Action {
    /** Block time moves to {@code timestamp}. */
    record SetTime(long timestamp) implements Action {
    }

    /** A feed (index into the setup's feeds) publishes a round. */
    record SetRound(int feed, long roundId, long answer, long startedAt, long updatedAt, long answeredInRound)
            implements Action {
    }

    record Deposit(int account, int asset, BigInteger tokenAmount) implements Action {
    }

    record Trade(int account, int market, boolean isolated, long sizeDeltaE9) implements Action {
    }

    record AddMargin(int account, int market, long amountE6) implements Action {
    }

    record LiquidatePosition(int liquidator, int account, int market, boolean isolated) implements Action {
    }

    record LiquidateCollateral(int liquidator, int account, int asset, long repayE6) implements Action {
    }

    record FundInsurance(int from, BigInteger tokenAmount) implements Action {
    }

    record FundPool(int from, BigInteger tokenAmount) implements Action {
    }
}
