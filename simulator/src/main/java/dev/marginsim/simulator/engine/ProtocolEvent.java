package dev.marginsim.simulator.engine;

import java.math.BigInteger;

/**
 * The protocol's events, one record per Solidity event with the same fields in the same order.
 * Accounts, liquidators, tokens and feeds are engine ids where the contract has addresses.
 */
public sealed interface ProtocolEvent {
    record AssetListed(int assetId, int token, int feed) implements ProtocolEvent {
    }

    record AssetRiskUpdated(int assetId, int initialWeightBps, int maintenanceWeightBps, int liquidationBonusBps,
            long depositCapE9) implements ProtocolEvent {
    }

    record MarketListed(int marketId, int feed) implements ProtocolEvent {
    }

    record MarketParamsUpdated(int marketId, int imrBps, int mmrBps, int liquidationPenaltyBps, int liquidatorShareBps,
            int takerFeeBps, long maxOpenInterestE9, long fundingRateE12PerSec) implements ProtocolEvent {
    }

    record SequencerFeedSet(int feed, long gracePeriod) implements ProtocolEvent {
    }

    record LiquidationConfigUpdated(int bufferBps, long dustNotionalE6) implements ProtocolEvent {
    }

    record Deposited(int account, int assetId, BigInteger tokenAmount, long creditedInternal) implements ProtocolEvent {
    }

    record Withdrawn(int account, int assetId, BigInteger tokenAmount, long debitedInternal) implements ProtocolEvent {
    }

    record PositionChanged(int account, int marketId, boolean isolated, long sizeDeltaE9, long newSizeE9, long priceE8,
            long realizedPnlE6, long feeE6, long fundingE6) implements ProtocolEvent {
    }

    record IsolatedMarginMoved(int account, int marketId, long amountE6) implements ProtocolEvent {
    }

    record FundingAccrued(int marketId, long deltaE12, long cumulativeFundingE12) implements ProtocolEvent {
    }

    record PositionLiquidated(int account, int marketId, boolean isolated, int liquidator, long sizeDeltaE9,
            long priceE8, long realizedPnlE6, long fundingE6, long penaltyE6, long rewardE6) implements ProtocolEvent {
    }

    record CollateralLiquidated(int account, int assetId, int liquidator, long repaidE6, long seizedE9)
            implements ProtocolEvent {
    }

    record BadDebtSettled(int account, int marketId, long amountE6, long fromInsuranceE6, long socializedE6)
            implements ProtocolEvent {
    }

    record InsuranceFunded(int from, BigInteger tokenAmount) implements ProtocolEvent {
    }

    record PoolFunded(int from, BigInteger tokenAmount) implements ProtocolEvent {
    }
}
