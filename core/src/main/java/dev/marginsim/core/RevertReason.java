package dev.marginsim.core;

/**
 * Every reason the protocol refuses an operation. The names are exactly the Solidity custom error
 * names of {@code MarginProtocol}, so a revert decoded from the chain and one thrown by the Java
 * engine compare equal.
 */
public enum RevertReason {
    NotOwner,
    InvalidSettlementToken,
    InvalidToken,
    InvalidWeights,
    InvalidLiquidationBonus,
    InvalidCap,
    InvalidOracleConfig,
    FeedHasNoCode,
    InvalidFeedDecimals,
    InvalidMarginRatios,
    InvalidPenalty,
    InvalidFee,
    InvalidFundingRate,
    InvalidLiquidationConfig,
    TooManyAssets,
    TooManyMarkets,
    UnknownAsset,
    UnknownMarket,
    UnknownAccount,
    ZeroAmount,
    Overflow,
    DepositCapExceeded,
    InsufficientBalance,
    InsufficientMargin,
    InsufficientLiquidity,
    OpenInterestCapExceeded,
    NoPosition,
    NotLiquidatable,
    NothingToRepay,
    /** Carries an {@link OracleFailureCode}. */
    OracleFailure
}
