// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {IERC20} from "./interfaces/IERC20.sol";

/// @title marginsim margin protocol
/// @notice Multi-collateral cross and isolated margin for perpetuals traded at the oracle price.
///         docs/protocol.md is its specification; the Java engine reproduces every integer, revert
///         and event, so every formula here follows that page literally (section numbers cited).
/// @dev Stored quantities are int64 in the units their names carry (E6 USD, E8 price, E9 size or
///      collateral, E12 funding index, Bps ratios). Intermediates are int256, which cannot overflow for
///      products of at most three int64 values; every narrowing back to int64 is checked and reverts
///      Overflow() (never a Panic), so the same inputs revert here and in the engine.
contract MarginProtocol {
    // =============================================================================================
    // errors (§10)
    // =============================================================================================

    error NotOwner();
    error InvalidSettlementToken();
    error InvalidToken();
    error InvalidWeights();
    error InvalidLiquidationBonus();
    error InvalidCap();
    error InvalidOracleConfig();
    error FeedHasNoCode();
    error InvalidFeedDecimals();
    error InvalidMarginRatios();
    error InvalidPenalty();
    error InvalidFee();
    error InvalidFundingRate();
    error InvalidLiquidationConfig();
    error TooManyAssets();
    error TooManyMarkets();
    error UnknownAsset();
    error UnknownMarket();
    error UnknownAccount();
    error ZeroAmount();
    error Overflow();
    error DepositCapExceeded();
    error InsufficientBalance();
    error InsufficientMargin();
    error InsufficientLiquidity();
    error OpenInterestCapExceeded();
    error NoPosition();
    error NotLiquidatable();
    error NothingToRepay();
    error OracleFailure(uint8 code);
    /// @dev A token's transfer/transferFrom returned false (§10: contract only, listed tokens never do).
    error TransferFailed();

    // =============================================================================================
    // events (§11, same fields in the same order)
    // =============================================================================================

    event AssetListed(uint8 indexed assetId, address token, address feed);
    event AssetRiskUpdated(
        uint8 indexed assetId,
        uint16 initialWeightBps,
        uint16 maintenanceWeightBps,
        uint16 liquidationBonusBps,
        int64 depositCapE9
    );
    event MarketListed(uint8 indexed marketId, address feed);
    event MarketParamsUpdated(
        uint8 indexed marketId,
        uint16 imrBps,
        uint16 mmrBps,
        uint16 liquidationPenaltyBps,
        uint16 liquidatorShareBps,
        uint16 takerFeeBps,
        int64 maxOpenInterestE9,
        int64 fundingRateE12PerSec
    );
    event SequencerFeedSet(address feed, uint32 gracePeriod);
    event LiquidationConfigUpdated(uint16 bufferBps, int64 dustNotionalE6);
    event Deposited(address indexed account, uint8 indexed assetId, uint256 tokenAmount, int64 creditedInternal);
    event Withdrawn(address indexed account, uint8 indexed assetId, uint256 tokenAmount, int64 debitedInternal);
    event PositionChanged(
        address indexed account,
        uint8 indexed marketId,
        bool isolated,
        int64 sizeDeltaE9,
        int64 newSizeE9,
        int64 priceE8,
        int64 realizedPnlE6,
        int64 feeE6,
        int64 fundingE6
    );
    event IsolatedMarginMoved(address indexed account, uint8 indexed marketId, int64 amountE6);
    event FundingAccrued(uint8 indexed marketId, int64 deltaE12, int64 cumulativeFundingE12);
    event PositionLiquidated(
        address indexed account,
        uint8 indexed marketId,
        bool isolated,
        address liquidator,
        int64 sizeDeltaE9,
        int64 priceE8,
        int64 realizedPnlE6,
        int64 fundingE6,
        int64 penaltyE6,
        int64 rewardE6
    );
    event CollateralLiquidated(
        address indexed account, uint8 indexed assetId, address liquidator, int64 repaidE6, int64 seizedE9
    );
    event BadDebtSettled(
        address indexed account, uint8 marketId, int64 amountE6, int64 fromInsuranceE6, int64 socializedE6
    );
    event InsuranceFunded(address indexed from, uint256 tokenAmount);
    event PoolFunded(address indexed from, uint256 tokenAmount);

    // =============================================================================================
    // constants (§1)
    // =============================================================================================

    int256 private constant BPS = 10_000;
    /// @dev E9 amount × E8 price / VALUE_SCALE = E6 USD (1e9 · 1e8 / 1e6).
    int256 private constant VALUE_SCALE = 1e11;
    /// @dev E9 size × E12 index / FUNDING_SCALE = E6 USD (1e9 · 1e12 / 1e6); also 1e11 · BPS, the
    ///      divisor of size × price × ratioBps.
    int256 private constant FUNDING_SCALE = 1e15;
    /// @dev repay E6 × (BPS + bonus) × SEIZE_SCALE / price E8 = seized E9 (1e9 · 1e8 / (1e6 · BPS)).
    int256 private constant SEIZE_SCALE = 1e7;
    /// @dev Funding delta divisor factor: price E8 → the index is per whole base unit.
    int256 private constant PRICE_ONE_E8 = 1e8;
    uint8 private constant MAX_ASSETS = 8;
    uint8 private constant MAX_MARKETS = 8;
    uint8 private constant NO_MARKET = 255;
    int256 private constant INT64_MAX = type(int64).max;
    int256 private constant INT64_MIN = type(int64).min;

    // OracleFailure codes (§3), in guard order.
    uint8 private constant NON_POSITIVE = 1;
    uint8 private constant INCOMPLETE_ROUND = 2;
    uint8 private constant STALE = 3;
    uint8 private constant OUT_OF_BOUNDS = 4;
    uint8 private constant SEQUENCER_DOWN = 5;
    uint8 private constant GRACE_PERIOD = 6;

    // =============================================================================================
    // state (§5)
    // =============================================================================================

    /// @dev An oracle config in the feed's own decimals (§3); decimals read once at listing.
    struct Oracle {
        address feed;
        uint32 heartbeat;
        uint8 decimals;
        int64 minAnswer;
        int64 maxAnswer;
    }

    struct Asset {
        address token;
        uint8 decimals;
        uint16 initialWeightBps;
        uint16 maintenanceWeightBps;
        uint16 liquidationBonusBps;
        int64 depositCapE9;
        int64 totalDepositsE9;
        Oracle oracle;
    }

    struct Market {
        Oracle oracle;
        uint16 imrBps;
        uint16 mmrBps;
        uint16 liquidationPenaltyBps;
        uint16 liquidatorShareBps;
        uint16 takerFeeBps;
        int64 maxOpenInterestE9;
        int64 fundingRateE12PerSec;
        int64 longOpenInterestE9;
        int64 shortOpenInterestE9;
        int64 cumulativeFundingE12;
        uint64 lastFundingTime;
    }

    struct Position {
        int64 sizeE9;
        int64 openNotionalE6;
        int64 fundingSnapshotE12;
        int64 marginE6; // isolated positions only
    }

    struct Account {
        bool exists;
        int64 quoteE6;
        int64[8] collateralE9; // index 0 (the settlement asset) is unused: its balance is quoteE6
    }

    /// @dev A margin pool's valuation (§6), exact sums (narrowed only when returned by a view).
    struct Valuation {
        int256 equityE6;
        int256 weightedInitialE6;
        int256 initialRequirementE6;
        int256 weightedMaintE6;
        int256 maintenanceRequirementE6;
    }

    address public immutable owner;
    address public immutable settlementToken;
    uint8 public assetCount = 1; // asset 0 is the settlement token, listed by the constructor
    uint8 public marketCount;

    // Underscored so that the §11 names stay free for getter outputs and arguments.
    int64 private _insuranceFundE6;
    int64 private _poolE6; // the counterparty vault; may go negative
    int64 private _totalQuoteE6; // Σ quoteE6 + Σ isolated marginE6
    uint16 private liquidationBufferBps;
    int64 private _dustNotionalE6;
    address private sequencerFeed;
    uint32 private sequencerGracePeriod;

    mapping(uint8 => Asset) private assets;
    mapping(uint8 => Market) private markets;
    mapping(address => Account) private accounts;
    /// @dev key: marketId * 2 + (isolated ? 1 : 0)
    mapping(address => mapping(uint256 => Position)) private positions;

    constructor(address settlementToken_) {
        // The settlement token's amount is the E6 quote amount itself (§2): it must have 6 decimals.
        if (settlementToken_.code.length == 0 || IERC20(settlementToken_).decimals() != 6) {
            revert InvalidSettlementToken();
        }
        owner = msg.sender;
        settlementToken = settlementToken_;
    }

    /// @dev The owner check comes before any argument check (§4).
    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    // =============================================================================================
    // owner (§4)
    // =============================================================================================

    function listAsset(
        address token,
        address feed,
        uint32 heartbeat,
        int64 minAnswer,
        int64 maxAnswer,
        uint16 initialWeightBps,
        uint16 maintenanceWeightBps,
        uint16 liquidationBonusBps,
        int64 depositCapE9
    ) external onlyOwner returns (uint8 assetId) {
        // Check order (§4): count, token, oracle (§3), risk parameters.
        if (assetCount >= MAX_ASSETS) revert TooManyAssets();
        if (token.code.length == 0) revert InvalidToken();
        uint8 tokenDecimals = IERC20(token).decimals();
        if (tokenDecimals > 36) revert InvalidToken();
        Oracle memory oracle = _validatedOracle(feed, heartbeat, minAnswer, maxAnswer);
        _validateAssetRisk(initialWeightBps, maintenanceWeightBps, liquidationBonusBps, depositCapE9);
        assetId = assetCount++;
        Asset storage a = assets[assetId];
        a.token = token;
        a.decimals = tokenDecimals;
        a.oracle = oracle;
        emit AssetListed(assetId, token, feed);
        _storeAssetRisk(assetId, initialWeightBps, maintenanceWeightBps, liquidationBonusBps, depositCapE9);
    }

    function setAssetRisk(
        uint8 assetId,
        uint16 initialWeightBps,
        uint16 maintenanceWeightBps,
        uint16 liquidationBonusBps,
        int64 depositCapE9
    ) external onlyOwner {
        if (assetId == 0 || assetId >= assetCount) revert UnknownAsset();
        _validateAssetRisk(initialWeightBps, maintenanceWeightBps, liquidationBonusBps, depositCapE9);
        // A cap below current deposits is allowed: it only blocks new deposits.
        _storeAssetRisk(assetId, initialWeightBps, maintenanceWeightBps, liquidationBonusBps, depositCapE9);
    }

    function listMarket(
        address feed,
        uint32 heartbeat,
        int64 minAnswer,
        int64 maxAnswer,
        uint16 imrBps,
        uint16 mmrBps,
        uint16 liquidationPenaltyBps,
        uint16 liquidatorShareBps,
        uint16 takerFeeBps,
        int64 maxOpenInterestE9,
        int64 fundingRateE12PerSec
    ) external onlyOwner returns (uint8 marketId) {
        // Check order (§4): count, oracle (§3), market parameters.
        if (marketCount >= MAX_MARKETS) revert TooManyMarkets();
        Oracle memory oracle = _validatedOracle(feed, heartbeat, minAnswer, maxAnswer);
        _validateMarketParams(
            imrBps, mmrBps, liquidationPenaltyBps, liquidatorShareBps, takerFeeBps, maxOpenInterestE9, fundingRateE12PerSec
        );
        marketId = marketCount++;
        Market storage m = markets[marketId];
        m.oracle = oracle;
        m.lastFundingTime = uint64(block.timestamp); // index 0 from now (§7)
        emit MarketListed(marketId, feed);
        _storeMarketParams(
            marketId, imrBps, mmrBps, liquidationPenaltyBps, liquidatorShareBps, takerFeeBps, maxOpenInterestE9,
            fundingRateE12PerSec
        );
    }

    function setMarketParams(
        uint8 marketId,
        uint16 imrBps,
        uint16 mmrBps,
        uint16 liquidationPenaltyBps,
        uint16 liquidatorShareBps,
        uint16 takerFeeBps,
        int64 maxOpenInterestE9,
        int64 fundingRateE12PerSec
    ) external onlyOwner {
        if (marketId >= marketCount) revert UnknownMarket();
        _validateMarketParams(
            imrBps, mmrBps, liquidationPenaltyBps, liquidatorShareBps, takerFeeBps, maxOpenInterestE9, fundingRateE12PerSec
        );
        // Funding up to now is charged at the old rate, before the new one applies.
        _accrue(marketId);
        _storeMarketParams(
            marketId, imrBps, mmrBps, liquidationPenaltyBps, liquidatorShareBps, takerFeeBps, maxOpenInterestE9,
            fundingRateE12PerSec
        );
    }

    function setSequencerFeed(address feed, uint32 gracePeriod) external onlyOwner {
        // address(0) disables the sequencer guard.
        if (feed != address(0) && feed.code.length == 0) revert FeedHasNoCode();
        sequencerFeed = feed;
        sequencerGracePeriod = gracePeriod;
        emit SequencerFeedSet(feed, gracePeriod);
    }

    function setLiquidationConfig(uint16 bufferBps, int64 dustNotionalE6) external onlyOwner {
        if (bufferBps > 10_000 || dustNotionalE6 < 0) revert InvalidLiquidationConfig();
        liquidationBufferBps = bufferBps;
        _dustNotionalE6 = dustNotionalE6;
        emit LiquidationConfigUpdated(bufferBps, dustNotionalE6);
    }

    function fundPool(uint256 tokenAmount) external onlyOwner {
        if (tokenAmount == 0) revert ZeroAmount();
        _poolE6 = _toInt64(int256(_poolE6) + _quoteAmountE6(tokenAmount));
        _pull(settlementToken, msg.sender, tokenAmount);
        emit PoolFunded(msg.sender, tokenAmount);
    }

    // =============================================================================================
    // users (§8)
    // =============================================================================================

    function fundInsurance(uint256 tokenAmount) external {
        if (tokenAmount == 0) revert ZeroAmount();
        _insuranceFundE6 = _toInt64(int256(_insuranceFundE6) + _quoteAmountE6(tokenAmount));
        _pull(settlementToken, msg.sender, tokenAmount);
        emit InsuranceFunded(msg.sender, tokenAmount);
    }

    function deposit(uint8 assetId, uint256 tokenAmount) external {
        if (assetId >= assetCount) revert UnknownAsset();
        if (tokenAmount == 0) revert ZeroAmount();
        Account storage acct = accounts[msg.sender];
        int256 creditedInternal;
        if (assetId == 0) {
            creditedInternal = _quoteAmountE6(tokenAmount);
            acct.quoteE6 = _toInt64(int256(acct.quoteE6) + creditedInternal);
            _totalQuoteE6 = _toInt64(int256(_totalQuoteE6) + creditedInternal);
        } else {
            Asset storage a = assets[assetId];
            creditedInternal = _depositCreditE9(tokenAmount, a.decimals);
            if (creditedInternal == 0) revert ZeroAmount(); // all of it below one E9 unit
            int256 totalE9 = int256(a.totalDepositsE9) + creditedInternal;
            if (totalE9 > a.depositCapE9) revert DepositCapExceeded();
            acct.collateralE9[assetId] = _toInt64(int256(acct.collateralE9[assetId]) + creditedInternal);
            a.totalDepositsE9 = _toInt64(totalE9);
        }
        acct.exists = true;
        _pull(_tokenOf(assetId), msg.sender, tokenAmount);
        emit Deposited(msg.sender, assetId, tokenAmount, int64(creditedInternal)); // narrowed above
    }

    function withdraw(uint8 assetId, uint256 tokenAmount) external {
        Account storage acct = _existingAccount(msg.sender);
        if (assetId >= assetCount) revert UnknownAsset();
        if (tokenAmount == 0) revert ZeroAmount();
        _accrueAll();
        int256 debitedInternal;
        if (assetId == 0) {
            // Withdrawing never borrows: at most the positive quote balance.
            if (acct.quoteE6 < 0 || tokenAmount > uint256(int256(acct.quoteE6))) revert InsufficientBalance();
            if (IERC20(settlementToken).balanceOf(address(this)) < tokenAmount) revert InsufficientLiquidity();
            debitedInternal = int256(tokenAmount); // ≤ quoteE6 ≤ int64 max
            acct.quoteE6 = _toInt64(int256(acct.quoteE6) - debitedInternal);
            _totalQuoteE6 = _toInt64(int256(_totalQuoteE6) - debitedInternal);
        } else {
            Asset storage a = assets[assetId];
            debitedInternal = _withdrawDebitE9(tokenAmount, a.decimals);
            if (acct.collateralE9[assetId] < debitedInternal) revert InsufficientBalance();
            acct.collateralE9[assetId] = _toInt64(int256(acct.collateralE9[assetId]) - debitedInternal);
            a.totalDepositsE9 = _toInt64(int256(a.totalDepositsE9) - debitedInternal);
        }
        _requireCrossInitialHealthy(msg.sender);
        _push(_tokenOf(assetId), msg.sender, tokenAmount);
        emit Withdrawn(msg.sender, assetId, tokenAmount, int64(debitedInternal)); // narrowed above
    }

    function trade(uint8 marketId, bool isolated, int64 sizeDeltaE9) external {
        _existingAccount(msg.sender);
        if (marketId >= marketCount) revert UnknownMarket();
        if (sizeDeltaE9 == 0) revert ZeroAmount();
        _accrueAll();
        Market storage m = markets[marketId];
        int256 priceE8 = _readPriceE8(m.oracle);
        Position storage pos = positions[msg.sender][_key(marketId, isolated)];
        int256 fundingE6 = _settleFunding(msg.sender, pos, isolated, m.cumulativeFundingE12);
        int256 s0 = pos.sizeE9;
        int256 realizedE6 = _applyTrade(msg.sender, pos, isolated, sizeDeltaE9, priceE8);
        // Taker fee on the whole traded size, rounded up, from the margin pool to the insurance fund.
        int256 feeE6 = _requirementE6(sizeDeltaE9, priceE8, m.takerFeeBps);
        _creditMarginPool(msg.sender, pos, isolated, -feeE6);
        _insuranceFundE6 = _toInt64(int256(_insuranceFundE6) + feeE6);
        int256 s = pos.sizeE9;
        _updateOpenInterest(m, s0, s, true);
        // Risk-increasing: larger, or flipped to the other side.
        if (_abs(s) > _abs(s0) || (s0 > 0 && s < 0) || (s0 < 0 && s > 0)) {
            if (isolated) {
                Valuation memory v = _isolatedValuation(msg.sender, marketId);
                if (v.weightedInitialE6 < v.initialRequirementE6) revert InsufficientMargin();
            } else {
                _requireCrossInitialHealthy(msg.sender);
            }
        }
        // A voluntary close never creates bad debt: the owner's cross quote takes the margin, any sign.
        if (isolated && s == 0) _closeIsolatedIntoCross(msg.sender, marketId);
        emit PositionChanged(
            msg.sender,
            marketId,
            isolated,
            sizeDeltaE9,
            int64(s),
            int64(priceE8),
            int64(realizedE6),
            int64(feeE6),
            int64(fundingE6)
        ); // every value here was narrowed when it was computed or stored
    }

    /// @notice Moves quote from the cross pool to the isolated margin of `marketId` (cross → isolated).
    function addMargin(uint8 marketId, int64 amountE6) external {
        Account storage acct = _beginMarginMove(marketId, amountE6);
        if (acct.quoteE6 < amountE6) revert InsufficientBalance();
        acct.quoteE6 = _toInt64(int256(acct.quoteE6) - amountE6);
        Position storage pos = positions[msg.sender][_key(marketId, true)];
        pos.marginE6 = _toInt64(int256(pos.marginE6) + amountE6);
        _requireCrossInitialHealthy(msg.sender);
        emit IsolatedMarginMoved(msg.sender, marketId, amountE6);
    }

    /// @notice Moves isolated margin of `marketId` back to the cross quote (isolated → cross).
    function removeMargin(uint8 marketId, int64 amountE6) external {
        Account storage acct = _beginMarginMove(marketId, amountE6);
        Position storage pos = positions[msg.sender][_key(marketId, true)];
        if (pos.marginE6 < amountE6) revert InsufficientBalance();
        pos.marginE6 = _toInt64(int256(pos.marginE6) - amountE6);
        acct.quoteE6 = _toInt64(int256(acct.quoteE6) + amountE6);
        if (pos.sizeE9 != 0) {
            // Funding is not settled here; the valuation counts it (§13).
            Valuation memory v = _isolatedValuation(msg.sender, marketId);
            if (v.weightedInitialE6 < v.initialRequirementE6) revert InsufficientMargin();
        } else if (pos.marginE6 == 0) {
            delete positions[msg.sender][_key(marketId, true)];
        }
        emit IsolatedMarginMoved(msg.sender, marketId, -amountE6); // amountE6 > 0: negation fits
    }

    function liquidatePosition(address account, uint8 marketId, bool isolated) external {
        _existingAccount(account);
        if (marketId >= marketCount) revert UnknownMarket();
        Position storage pos = positions[account][_key(marketId, isolated)];
        if (pos.sizeE9 == 0) revert NoPosition();
        _accrueAll();
        Market storage m = markets[marketId];
        // Every price of the pool is read (no short-circuit): liquidations pause while one fails.
        Valuation memory v = isolated ? _isolatedValuation(account, marketId) : _crossValuation(account);
        if (v.weightedMaintE6 >= v.maintenanceRequirementE6) revert NotLiquidatable();
        int256 priceE8 = _readPriceE8(m.oracle);
        // The valuation already counted this funding, so settling it leaves ME unchanged.
        int256 fundingE6 = _settleFunding(account, pos, isolated, m.cumulativeFundingE12);
        int256 s0 = pos.sizeE9;
        int256 closeE9 = _closeSizeE9(v, m, s0, priceE8);
        int256 sizeDeltaE9 = s0 > 0 ? -closeE9 : closeE9;
        // Same mechanics as a trade, but no taker fee, no open-interest cap and no margin check.
        int256 realizedE6 = _applyTrade(account, pos, isolated, sizeDeltaE9, priceE8);
        _updateOpenInterest(m, s0, pos.sizeE9, false);
        int256 penaltyE6 = _requirementE6(closeE9, priceE8, m.liquidationPenaltyBps);
        _creditMarginPool(account, pos, isolated, -penaltyE6);
        int256 rewardE6 = _weightedE6(penaltyE6, m.liquidatorShareBps);
        Account storage liquidatorAcct = accounts[msg.sender];
        liquidatorAcct.exists = true; // even for a zero reward (§5)
        liquidatorAcct.quoteE6 = _toInt64(int256(liquidatorAcct.quoteE6) + rewardE6);
        _totalQuoteE6 = _toInt64(int256(_totalQuoteE6) + rewardE6);
        _insuranceFundE6 = _toInt64(int256(_insuranceFundE6) + penaltyE6 - rewardE6);
        emit PositionLiquidated(
            account,
            marketId,
            isolated,
            msg.sender,
            _toInt64(sizeDeltaE9),
            int64(priceE8),
            int64(realizedE6),
            int64(fundingE6),
            int64(penaltyE6),
            int64(rewardE6)
        ); // every value but the size was narrowed when it was computed
        if (isolated) {
            if (pos.sizeE9 == 0) {
                int256 marginE6 = pos.marginE6;
                if (marginE6 >= 0) {
                    _closeIsolatedIntoCross(account, marketId);
                } else {
                    // The deficit leaves totalQuoteE6 and is covered by insurance, then the pool.
                    delete positions[account][_key(marketId, true)];
                    _totalQuoteE6 = _toInt64(int256(_totalQuoteE6) - marginE6);
                    _settleBadDebt(account, marketId, -marginE6);
                }
            }
        } else {
            _checkCrossBadDebt(account);
        }
    }

    function liquidateCollateral(address account, uint8 assetId, int64 repayE6) external {
        Account storage acct = _existingAccount(account);
        if (assetId == 0 || assetId >= assetCount) revert UnknownAsset();
        if (repayE6 <= 0) revert ZeroAmount();
        _accrueAll();
        Valuation memory v = _crossValuation(account);
        if (v.weightedMaintE6 >= v.maintenanceRequirementE6) revert NotLiquidatable();
        if (acct.quoteE6 >= 0) revert NothingToRepay();
        int256 collateralE9 = acct.collateralE9[assetId];
        if (collateralE9 == 0) revert InsufficientBalance();
        Asset storage a = assets[assetId];
        int256 priceE8 = _readPriceE8(a.oracle);
        int256 repaidE6 = _min(repayE6, -int256(acct.quoteE6));
        int256 bonusFactorBps = BPS + int256(uint256(a.liquidationBonusBps));
        // Exact, then clamped to the balance: a seize beyond int64 is clamped, never an Overflow (§8).
        int256 seizedE9 = _floorDiv(repaidE6 * bonusFactorBps * SEIZE_SCALE, priceE8);
        if (seizedE9 > collateralE9) {
            seizedE9 = collateralE9;
            repaidE6 = _ceilDiv(seizedE9 * priceE8, bonusFactorBps * SEIZE_SCALE); // ≤ the repay asked
        }
        acct.quoteE6 = _toInt64(int256(acct.quoteE6) + repaidE6);
        _totalQuoteE6 = _toInt64(int256(_totalQuoteE6) + repaidE6);
        acct.collateralE9[assetId] = _toInt64(collateralE9 - seizedE9);
        a.totalDepositsE9 = _toInt64(int256(a.totalDepositsE9) - seizedE9);
        _pull(settlementToken, msg.sender, uint256(repaidE6));
        uint256 paidTokens = _seizedTokenAmount(uint256(seizedE9), a.decimals);
        if (paidTokens > 0) _push(a.token, msg.sender, paidTokens);
        emit CollateralLiquidated(account, assetId, msg.sender, int64(repaidE6), int64(seizedE9)); // both ≤ int64 max
        _checkCrossBadDebt(account);
    }

    // =============================================================================================
    // storage getters (never revert)
    // =============================================================================================

    function getAccount(address account)
        external
        view
        returns (bool exists, int64 quoteE6, int64[8] memory collateralE9)
    {
        Account storage acct = accounts[account];
        return (acct.exists, acct.quoteE6, acct.collateralE9);
    }

    function getPosition(address account, uint8 marketId, bool isolated)
        external
        view
        returns (int64 sizeE9, int64 openNotionalE6, int64 fundingSnapshotE12, int64 marginE6)
    {
        Position storage pos = positions[account][_key(marketId, isolated)];
        return (pos.sizeE9, pos.openNotionalE6, pos.fundingSnapshotE12, pos.marginE6);
    }

    function getMarketState(uint8 marketId)
        external
        view
        returns (
            int64 longOpenInterestE9,
            int64 shortOpenInterestE9,
            int64 cumulativeFundingE12,
            uint64 lastFundingTime
        )
    {
        Market storage m = markets[marketId];
        return (m.longOpenInterestE9, m.shortOpenInterestE9, m.cumulativeFundingE12, m.lastFundingTime);
    }

    function getAssetState(uint8 assetId) external view returns (int64 totalDepositsE9) {
        return assets[assetId].totalDepositsE9;
    }

    function getProtocolState() external view returns (int64 insuranceFundE6, int64 poolE6, int64 totalQuoteE6) {
        return (_insuranceFundE6, _poolE6, _totalQuoteE6);
    }

    // =============================================================================================
    // valuation views (§6, §11): funding counted as if accrued now; revert like the operations
    // =============================================================================================

    /// @notice The cross pool, valued fully (no short-circuit, §13).
    function accountHealth(address account)
        external
        view
        returns (
            int64 equityE6,
            int64 weightedEquityInitialE6,
            int64 initialRequirementE6,
            int64 weightedEquityMaintE6,
            int64 maintenanceRequirementE6,
            int64 freeCollateralE6,
            int64 healthBps
        )
    {
        _existingAccount(account);
        return _healthTuple(_crossValuation(account));
    }

    /// @notice The isolated pool of `marketId` (size 0: its margin alone, no price read).
    function isolatedHealth(address account, uint8 marketId)
        external
        view
        returns (
            int64 equityE6,
            int64 weightedEquityInitialE6,
            int64 initialRequirementE6,
            int64 weightedEquityMaintE6,
            int64 maintenanceRequirementE6,
            int64 freeCollateralE6,
            int64 healthBps
        )
    {
        _existingAccount(account);
        if (marketId >= marketCount) revert UnknownMarket();
        return _healthTuple(_isolatedValuation(account, marketId));
    }

    /// @notice The price of `marketId` at which the position's pool reaches maintenance, all else
    ///         fixed, to first order; 0 for no position.
    function liquidationPrice(address account, uint8 marketId, bool isolated) external view returns (int64 priceE8) {
        _existingAccount(account);
        if (marketId >= marketCount) revert UnknownMarket();
        int256 s = positions[account][_key(marketId, isolated)].sizeE9;
        if (s == 0) return 0;
        Valuation memory v = isolated ? _isolatedValuation(account, marketId) : _crossValuation(account);
        Market storage m = markets[marketId];
        int256 p = _readPriceE8(m.oracle);
        // d(ME − MR)/dp per E8 price unit, × 1e15: positive for a long, negative for a short.
        int256 slope = s * BPS - _abs(s) * int256(uint256(m.mmrBps));
        int256 liq = p - _truncDiv((v.weightedMaintE6 - v.maintenanceRequirementE6) * FUNDING_SCALE, slope);
        return _toInt64(_max(liq, 0));
    }

    function assetPrice(uint8 assetId) external view returns (int64 priceE8) {
        if (assetId >= assetCount) revert UnknownAsset();
        if (assetId == 0) return 1e8; // the settlement asset is valued at par
        return int64(_readPriceE8(assets[assetId].oracle)); // the guards keep it in [1, int64 max]
    }

    function marketPrice(uint8 marketId) external view returns (int64 priceE8) {
        if (marketId >= marketCount) revert UnknownMarket();
        return int64(_readPriceE8(markets[marketId].oracle)); // the guards keep it in [1, int64 max]
    }

    /// @notice §9: tokens held vs tokens owed; held ≥ owed is the solvency invariant.
    function solvency(uint8 assetId) external view returns (uint256 held, uint256 owed) {
        if (assetId >= assetCount) revert UnknownAsset();
        held = IERC20(_tokenOf(assetId)).balanceOf(address(this));
        if (assetId == 0) {
            int256 owedE6 = int256(_totalQuoteE6) + _poolE6 + _insuranceFundE6;
            owed = owedE6 > 0 ? uint256(owedE6) : 0;
        } else {
            Asset storage a = assets[assetId];
            uint256 x = uint256(int256(a.totalDepositsE9)); // ≥ 0
            uint8 d = a.decimals;
            owed = d >= 9 ? x * 10 ** (d - 9) : _ceilDivU(x, 10 ** (9 - d));
        }
    }

    // =============================================================================================
    // valuation internals (§6)
    // =============================================================================================

    /// @dev Reads only assets with a balance (ascending id), then markets with a cross position
    ///      (ascending id); the first failing price reverts.
    function _crossValuation(address account) private view returns (Valuation memory v) {
        Account storage acct = accounts[account];
        int256 quoteE6 = acct.quoteE6;
        v.equityE6 = quoteE6;
        v.weightedInitialE6 = quoteE6;
        v.weightedMaintE6 = quoteE6;
        uint8 n = assetCount;
        for (uint8 id = 1; id < n; id++) {
            int256 c = acct.collateralE9[id];
            if (c == 0) continue;
            Asset storage a = assets[id];
            int256 valueE6 = _valueE6(c, _readPriceE8(a.oracle));
            v.equityE6 += valueE6;
            v.weightedInitialE6 += _weightedE6(valueE6, a.initialWeightBps);
            v.weightedMaintE6 += _weightedE6(valueE6, a.maintenanceWeightBps);
        }
        n = marketCount;
        for (uint8 m = 0; m < n; m++) {
            Position storage pos = positions[account][_key(m, false)];
            if (pos.sizeE9 != 0) _addPosition(v, pos, m);
        }
    }

    /// @dev equity = weighted = marginE6 + pnl; a size-0 isolated position reads no price.
    function _isolatedValuation(address account, uint8 marketId) private view returns (Valuation memory v) {
        Position storage pos = positions[account][_key(marketId, true)];
        int256 marginE6 = pos.marginE6;
        v.equityE6 = marginE6;
        v.weightedInitialE6 = marginE6;
        v.weightedMaintE6 = marginE6;
        if (pos.sizeE9 != 0) _addPosition(v, pos, marketId);
    }

    /// @dev Adds one position's PnL (unsettled funding included) and requirements to a valuation.
    function _addPosition(Valuation memory v, Position storage pos, uint8 marketId) private view {
        Market storage m = markets[marketId];
        int256 p = _readPriceE8(m.oracle);
        int256 s = pos.sizeE9;
        int256 pnlE6 = _toInt64(
            int256(_valueE6(s, p)) + pos.openNotionalE6
                + _fundingOwedE6(s, _fundingIndexNowE12(m), pos.fundingSnapshotE12)
        );
        v.equityE6 += pnlE6;
        v.weightedInitialE6 += pnlE6;
        v.weightedMaintE6 += pnlE6;
        v.initialRequirementE6 += _requirementE6(s, p, m.imrBps);
        v.maintenanceRequirementE6 += _requirementE6(s, p, m.mmrBps);
    }

    function _healthTuple(Valuation memory v)
        private
        pure
        returns (int64, int64, int64, int64, int64, int64, int64)
    {
        int256 healthBps = v.maintenanceRequirementE6 == 0
            ? INT64_MAX
            : _floorDiv(v.weightedMaintE6 * BPS, v.maintenanceRequirementE6);
        return (
            _toInt64(v.equityE6),
            _toInt64(v.weightedInitialE6),
            _toInt64(v.initialRequirementE6),
            _toInt64(v.weightedMaintE6),
            _toInt64(v.maintenanceRequirementE6),
            _toInt64(_max(v.weightedInitialE6 - v.initialRequirementE6, 0)),
            _toInt64(healthBps)
        );
    }

    /// @dev Initial health of the cross pool, with the §6 short-circuit: no cross position and a
    ///      non-negative quote is healthy without reading any price (so oracle outages never block
    ///      a withdrawal that cannot hurt anyone).
    function _requireCrossInitialHealthy(address account) private view {
        if (accounts[account].quoteE6 >= 0 && !_hasCrossPosition(account)) return;
        Valuation memory v = _crossValuation(account);
        if (v.weightedInitialE6 < v.initialRequirementE6) revert InsufficientMargin();
    }

    function _hasCrossPosition(address account) private view returns (bool) {
        uint8 n = marketCount;
        for (uint8 m = 0; m < n; m++) {
            if (positions[account][_key(m, false)].sizeE9 != 0) return true;
        }
        return false;
    }

    /// @dev §8 liquidatePosition step 5: the size that brings the pool back to maintenance × (1 +
    ///      buffer) after the penalty; a remainder below the dust notional is closed too.
    function _closeSizeE9(Valuation memory v, Market storage m, int256 s0, int256 priceE8)
        private
        view
        returns (int256 closeE9)
    {
        int256 k = BPS + int256(uint256(liquidationBufferBps));
        // > 0: penalty < mmr and k ≥ BPS (validated).
        int256 divisor = int256(uint256(m.mmrBps)) * k - int256(uint256(m.liquidationPenaltyBps)) * BPS;
        int256 notionalE6 =
            _ceilDiv((v.maintenanceRequirementE6 * k - v.weightedMaintE6 * BPS) * BPS, divisor);
        int256 sizeE9 = _abs(s0);
        closeE9 = _min(sizeE9, _ceilDiv(notionalE6 * VALUE_SCALE, priceE8));
        if (closeE9 < sizeE9 && _floorDiv((sizeE9 - closeE9) * priceE8, VALUE_SCALE) < _dustNotionalE6) {
            closeE9 = sizeE9;
        }
    }

    // =============================================================================================
    // positions, funding, bad debt (§7, §8)
    // =============================================================================================

    /// @dev §8 trade step 4: moves the position by d at price p; the realized PnL goes from the
    ///      pool to the margin pool. Returns the realized PnL (narrowed).
    function _applyTrade(address account, Position storage pos, bool isolated, int256 d, int256 p)
        private
        returns (int256 realizedE6)
    {
        int256 s0 = pos.sizeE9;
        int256 on0 = pos.openNotionalE6;
        if (s0 == 0 || (s0 > 0) == (d > 0)) {
            // Increase: the cost basis grows by the traded value, rounded against the account.
            pos.openNotionalE6 = _toInt64(on0 + _valueE6(-d, p));
            pos.sizeE9 = _toInt64(s0 + d);
            return 0; // nothing realized: no pool movement
        }
        // Reduce (and maybe flip): c is the part that closes existing size.
        int256 absC = _min(_abs(d), _abs(s0));
        int256 c = d < 0 ? -absC : absC;
        int256 releasedE6 = _toInt64(_floorDiv(on0 * absC, _abs(s0)));
        realizedE6 = _toInt64(int256(_valueE6(-c, p)) + releasedE6);
        int256 on = on0 - releasedE6;
        int256 s = s0 + c;
        int256 r = d - c;
        if (r != 0) {
            // Flip: the rest opens a new position on the other side at p.
            on = _valueE6(-r, p);
            s = r;
        }
        pos.openNotionalE6 = _toInt64(on);
        pos.sizeE9 = _toInt64(s);
        _creditMarginPool(account, pos, isolated, realizedE6);
        _poolE6 = _toInt64(int256(_poolE6) - realizedE6);
    }

    /// @dev §7 settling: the pool pays the funding owed to the position into its margin pool and the
    ///      snapshot moves to the current (just accrued) index. Returns the amount (narrowed).
    function _settleFunding(address account, Position storage pos, bool isolated, int64 indexE12)
        private
        returns (int256 fundingE6)
    {
        fundingE6 = _fundingOwedE6(pos.sizeE9, indexE12, pos.fundingSnapshotE12);
        pos.fundingSnapshotE12 = indexE12;
        _poolE6 = _toInt64(int256(_poolE6) - fundingE6);
        _creditMarginPool(account, pos, isolated, fundingE6);
    }

    /// @dev Adds x to the position's margin pool (cross: the account's quote; isolated: its margin).
    ///      totalQuoteE6 counts both, so it moves too.
    function _creditMarginPool(address account, Position storage pos, bool isolated, int256 x) private {
        if (isolated) {
            pos.marginE6 = _toInt64(int256(pos.marginE6) + x);
        } else {
            Account storage acct = accounts[account];
            acct.quoteE6 = _toInt64(int256(acct.quoteE6) + x);
        }
        _totalQuoteE6 = _toInt64(int256(_totalQuoteE6) + x);
    }

    /// @dev §8 trade step 6. The cap only stops a side that grows beyond it: closing always works.
    function _updateOpenInterest(Market storage m, int256 s0, int256 s, bool enforceCap) private {
        int256 longOiE9 = int256(m.longOpenInterestE9) + _max(s, 0) - _max(s0, 0);
        int256 shortOiE9 = int256(m.shortOpenInterestE9) + _max(-s, 0) - _max(-s0, 0);
        if (enforceCap) {
            if (longOiE9 > m.longOpenInterestE9 && longOiE9 > m.maxOpenInterestE9) revert OpenInterestCapExceeded();
            if (shortOiE9 > m.shortOpenInterestE9 && shortOiE9 > m.maxOpenInterestE9) {
                revert OpenInterestCapExceeded();
            }
        }
        m.longOpenInterestE9 = _toInt64(longOiE9);
        m.shortOpenInterestE9 = _toInt64(shortOiE9);
    }

    /// @dev An isolated position of size 0 goes away; its margin (any sign) joins the cross quote.
    ///      totalQuoteE6 counts both, so it does not move.
    function _closeIsolatedIntoCross(address account, uint8 marketId) private {
        uint256 key = _key(marketId, true);
        Account storage acct = accounts[account];
        acct.quoteE6 = _toInt64(int256(acct.quoteE6) + positions[account][key].marginE6);
        delete positions[account][key];
    }

    /// @dev §8 checkCrossBadDebt: a negative quote with nothing left to liquidate is bad debt.
    function _checkCrossBadDebt(address account) private {
        Account storage acct = accounts[account];
        if (acct.quoteE6 >= 0 || _hasCrossPosition(account)) return;
        uint8 n = assetCount;
        for (uint8 id = 1; id < n; id++) {
            if (acct.collateralE9[id] != 0) return;
        }
        int256 debtE6 = -int256(acct.quoteE6);
        acct.quoteE6 = 0;
        _totalQuoteE6 = _toInt64(int256(_totalQuoteE6) + debtE6);
        _settleBadDebt(account, NO_MARKET, debtE6);
    }

    /// @dev Insurance pays what it has; the counterparty pool absorbs the rest, so no deficit is left
    ///      unaccounted.
    function _settleBadDebt(address account, uint8 marketId, int256 debtE6) private {
        int256 fromInsuranceE6 = _min(debtE6, _max(_insuranceFundE6, 0));
        _insuranceFundE6 = _toInt64(int256(_insuranceFundE6) - fromInsuranceE6);
        int256 socializedE6 = debtE6 - fromInsuranceE6;
        _poolE6 = _toInt64(int256(_poolE6) - socializedE6);
        emit BadDebtSettled(
            account, marketId, _toInt64(debtE6), _toInt64(fromInsuranceE6), _toInt64(socializedE6)
        );
    }

    /// @dev §7: markets 0..n−1 in order, each emitting FundingAccrued when it moves.
    function _accrueAll() private {
        uint8 n = marketCount;
        for (uint8 m = 0; m < n; m++) {
            _accrue(m);
        }
    }

    function _accrue(uint8 marketId) private {
        Market storage m = markets[marketId];
        if (block.timestamp == m.lastFundingTime) return;
        (bool priced, int256 deltaE12, int256 indexE12) = _pendingFunding(m);
        // A failed price skips the market: the elapsed time is charged later, at the price then.
        if (!priced) return;
        m.cumulativeFundingE12 = int64(indexE12); // narrowed by _pendingFunding
        m.lastFundingTime = uint64(block.timestamp);
        emit FundingAccrued(marketId, int64(deltaE12), int64(indexE12));
    }

    /// @dev The funding index as if accrued now, without storing (views and valuations).
    function _fundingIndexNowE12(Market storage m) private view returns (int256) {
        (bool priced,, int256 indexE12) = _pendingFunding(m);
        return priced ? indexE12 : int256(m.cumulativeFundingE12);
    }

    /// @dev What _accrue would do now: (false, ..) when the price fails its guards; otherwise the delta
    ///      and the new index, both narrowed exactly as _accrue stores and emits them.
    function _pendingFunding(Market storage m)
        private
        view
        returns (bool priced, int256 deltaE12, int256 indexE12)
    {
        indexE12 = m.cumulativeFundingE12;
        int256 dt = int256(block.timestamp - uint256(m.lastFundingTime));
        if (dt == 0) return (true, 0, indexE12);
        (int256 p, uint8 failure) = _price(m.oracle);
        if (failure != 0) return (false, 0, indexE12);
        int256 longOiE9 = m.longOpenInterestE9;
        int256 shortOiE9 = m.shortOpenInterestE9;
        if (longOiE9 + shortOiE9 != 0) {
            // Proportional to the imbalance; positive when longs dominate (longs pay shorts).
            deltaE12 = _toInt64(
                _truncDiv(
                    p * int256(m.fundingRateE12PerSec) * dt * (longOiE9 - shortOiE9),
                    PRICE_ONE_E8 * (longOiE9 + shortOiE9)
                )
            );
        }
        return (true, deltaE12, _toInt64(indexE12 + deltaE12));
    }

    // =============================================================================================
    // oracles (§3)
    // =============================================================================================

    function _validatedOracle(address feed, uint32 heartbeat, int64 minAnswer, int64 maxAnswer)
        private
        view
        returns (Oracle memory)
    {
        if (feed.code.length == 0) revert FeedHasNoCode();
        uint8 fd = AggregatorV3Interface(feed).decimals();
        if (fd == 0 || fd > 18) revert InvalidFeedDecimals();
        if (minAnswer <= 0 || minAnswer >= maxAnswer) revert InvalidOracleConfig();
        // Every answer inside the bounds must normalise to a price in [1, int64 max].
        if (_normalisedE8(maxAnswer, fd) > INT64_MAX || _normalisedE8(minAnswer, fd) < 1) {
            revert InvalidOracleConfig();
        }
        return Oracle(feed, heartbeat, fd, minAnswer, maxAnswer);
    }

    function _readPriceE8(Oracle storage o) private view returns (int256 priceE8) {
        uint8 failure;
        (priceE8, failure) = _price(o);
        if (failure != 0) revert OracleFailure(failure);
    }

    /// @dev The guards in the order of §3; failure 0 means priceE8 is good (then 1 ≤ priceE8 ≤ int64
    ///      max, by the listing checks).
    function _price(Oracle storage o) private view returns (int256 priceE8, uint8 failure) {
        address sequencer = sequencerFeed;
        if (sequencer != address(0)) {
            (, int256 status, uint256 startedAt,,) = AggregatorV3Interface(sequencer).latestRoundData();
            if (status != 0) return (0, SEQUENCER_DOWN);
            // A status change in the future counts as inside the grace period.
            if (block.timestamp < startedAt || block.timestamp - startedAt <= sequencerGracePeriod) {
                return (0, GRACE_PERIOD);
            }
        }
        (uint80 roundId, int256 answer,, uint256 updatedAt, uint80 answeredInRound) =
            AggregatorV3Interface(o.feed).latestRoundData();
        if (answer <= 0) return (0, NON_POSITIVE);
        if (updatedAt == 0 || answeredInRound < roundId) return (0, INCOMPLETE_ROUND);
        // now > updatedAt + heartbeat, written so that no updatedAt can overflow the sum.
        if (block.timestamp > updatedAt && block.timestamp - updatedAt > o.heartbeat) return (0, STALE);
        if (answer < o.minAnswer || answer > o.maxAnswer) return (0, OUT_OF_BOUNDS);
        return (_normalisedE8(answer, o.decimals), 0);
    }

    /// @dev answer × 10^(8 − fd), or floor(answer / 10^(fd − 8)) (fd ≤ 18, |answer| ≤ int64 range).
    function _normalisedE8(int256 answer, uint8 fd) private pure returns (int256) {
        return fd <= 8 ? answer * int256(10 ** (8 - fd)) : _floorDiv(answer, int256(10 ** (fd - 8)));
    }

    // =============================================================================================
    // parameters (§4)
    // =============================================================================================

    function _validateAssetRisk(uint16 iwBps, uint16 mwBps, uint16 bonusBps, int64 capE9) private pure {
        if (iwBps == 0 || iwBps > mwBps || mwBps > 10_000) revert InvalidWeights();
        // Seizing collateral at the bonus must never lower the account's maintenance health.
        if (bonusBps > 5_000 || (10_000 + uint256(bonusBps)) * mwBps > 10_000 * 10_000) {
            revert InvalidLiquidationBonus();
        }
        if (capE9 <= 0) revert InvalidCap();
    }

    function _storeAssetRisk(uint8 assetId, uint16 iwBps, uint16 mwBps, uint16 bonusBps, int64 capE9) private {
        Asset storage a = assets[assetId];
        a.initialWeightBps = iwBps;
        a.maintenanceWeightBps = mwBps;
        a.liquidationBonusBps = bonusBps;
        a.depositCapE9 = capE9;
        emit AssetRiskUpdated(assetId, iwBps, mwBps, bonusBps, capE9);
    }

    function _validateMarketParams(
        uint16 imrBps,
        uint16 mmrBps,
        uint16 penaltyBps,
        uint16 shareBps,
        uint16 feeBps,
        int64 maxOiE9,
        int64 rateE12PerSec
    ) private pure {
        if (mmrBps == 0 || mmrBps >= imrBps || imrBps > 10_000) revert InvalidMarginRatios();
        if (penaltyBps >= mmrBps || shareBps > 10_000) revert InvalidPenalty();
        if (feeBps > 1_000) revert InvalidFee();
        if (maxOiE9 <= 0) revert InvalidCap();
        if (rateE12PerSec < 0 || rateE12PerSec > 1e9) revert InvalidFundingRate();
    }

    function _storeMarketParams(
        uint8 marketId,
        uint16 imrBps,
        uint16 mmrBps,
        uint16 penaltyBps,
        uint16 shareBps,
        uint16 feeBps,
        int64 maxOiE9,
        int64 rateE12PerSec
    ) private {
        Market storage m = markets[marketId];
        m.imrBps = imrBps;
        m.mmrBps = mmrBps;
        m.liquidationPenaltyBps = penaltyBps;
        m.liquidatorShareBps = shareBps;
        m.takerFeeBps = feeBps;
        m.maxOpenInterestE9 = maxOiE9;
        m.fundingRateE12PerSec = rateE12PerSec;
        emit MarketParamsUpdated(marketId, imrBps, mmrBps, penaltyBps, shareBps, feeBps, maxOiE9, rateE12PerSec);
    }

    // =============================================================================================
    // accounts and tokens (§2)
    // =============================================================================================

    function _existingAccount(address account) private view returns (Account storage acct) {
        acct = accounts[account];
        if (!acct.exists) revert UnknownAccount();
    }

    /// @dev The checks addMargin and removeMargin start with, then funding accrual.
    function _beginMarginMove(uint8 marketId, int64 amountE6) private returns (Account storage acct) {
        acct = _existingAccount(msg.sender);
        if (marketId >= marketCount) revert UnknownMarket();
        if (amountE6 <= 0) revert ZeroAmount();
        _accrueAll();
    }

    function _tokenOf(uint8 assetId) private view returns (address) {
        return assetId == 0 ? settlementToken : assets[assetId].token;
    }

    function _key(uint8 marketId, bool isolated) private pure returns (uint256) {
        return uint256(marketId) * 2 + (isolated ? 1 : 0);
    }

    /// @dev A settlement-token amount is the E6 amount itself; above int64 max it cannot be held.
    function _quoteAmountE6(uint256 tokenAmount) private pure returns (int256) {
        return _uintToInt64Range(tokenAmount);
    }

    /// @dev Tokens → credited E9, rounding down (the dust stays in the contract).
    function _depositCreditE9(uint256 tokenAmount, uint8 d) private pure returns (int256) {
        return _uintToInt64Range(d >= 9 ? tokenAmount / 10 ** (d - 9) : _scaleUpE9(tokenAmount, d));
    }

    /// @dev Tokens → debited E9, rounding up (the account pays the dust).
    function _withdrawDebitE9(uint256 tokenAmount, uint8 d) private pure returns (int256) {
        return _uintToInt64Range(d >= 9 ? _ceilDivU(tokenAmount, 10 ** (d - 9)) : _scaleUpE9(tokenAmount, d));
    }

    /// @dev tokenAmount × 10^(9 − d) for d < 9. An amount above int64 max can only give a result above
    ///      it too, so it is refused first: the product then cannot leave uint256.
    function _scaleUpE9(uint256 tokenAmount, uint8 d) private pure returns (uint256) {
        _uintToInt64Range(tokenAmount);
        return tokenAmount * 10 ** (9 - d);
    }

    /// @dev Seized E9 → tokens paid to the liquidator, rounding down.
    function _seizedTokenAmount(uint256 seizedE9, uint8 d) private pure returns (uint256) {
        return d >= 9 ? seizedE9 * 10 ** (d - 9) : seizedE9 / 10 ** (9 - d);
    }

    function _pull(address token, address from, uint256 amount) private {
        if (!IERC20(token).transferFrom(from, address(this), amount)) revert TransferFailed();
    }

    function _push(address token, address to, uint256 amount) private {
        if (!IERC20(token).transfer(to, amount)) revert TransferFailed();
    }

    // =============================================================================================
    // arithmetic (§1)
    // =============================================================================================

    /// @dev value(amountE9, priceE8) = floorDiv(amount × price, 1e11), narrowed. Also the signed
    ///      trade value (floorDiv(−d × p, 1e11)) of §8.
    function _valueE6(int256 amountE9, int256 priceE8) private pure returns (int64) {
        return _toInt64(_floorDiv(amountE9 * priceE8, VALUE_SCALE));
    }

    /// @dev requirement(size, p, ratioBps) = ceilDiv(|size| × p × ratio, 1e15), narrowed; also the taker
    ///      fee and the liquidation penalty, which round up the same way.
    function _requirementE6(int256 sizeE9, int256 priceE8, uint16 ratioBps) private pure returns (int64) {
        return _toInt64(_ceilDiv(_abs(sizeE9) * priceE8 * int256(uint256(ratioBps)), FUNDING_SCALE));
    }

    /// @dev weighted(value, weightBps) = floorDiv(value × weight, 10 000), narrowed; also the
    ///      liquidator's share of a penalty.
    function _weightedE6(int256 valueE6, uint16 weightBps) private pure returns (int64) {
        return _toInt64(_floorDiv(valueE6 * int256(uint256(weightBps)), BPS));
    }

    /// @dev fundingOwed = floorDiv(−s × (I − snap), 1e15), narrowed: credited to the account, negative
    ///      when it owes.
    function _fundingOwedE6(int256 sizeE9, int256 indexE12, int256 snapshotE12) private pure returns (int64) {
        return _toInt64(_floorDiv(-sizeE9 * (indexE12 - snapshotE12), FUNDING_SCALE));
    }

    /// @dev Unsigned → int64 range, else Overflow() (a token amount or conversion too large to hold).
    function _uintToInt64Range(uint256 x) private pure returns (int256) {
        if (x > uint256(INT64_MAX)) revert Overflow();
        return int256(x);
    }

    /// @dev The only narrowing to int64: out of range reverts Overflow() (never a Panic, never a wrap).
    function _toInt64(int256 x) private pure returns (int64) {
        if (x > INT64_MAX || x < INT64_MIN) revert Overflow();
        return int64(x);
    }

    /// @dev Rounds toward −∞; b > 0. (Solidity's / truncates toward zero.)
    function _floorDiv(int256 a, int256 b) private pure returns (int256 q) {
        q = a / b;
        if (a % b != 0 && a < 0) q -= 1;
    }

    /// @dev Rounds toward +∞; b > 0.
    function _ceilDiv(int256 a, int256 b) private pure returns (int256 q) {
        q = a / b;
        if (a % b != 0 && a > 0) q += 1;
    }

    /// @dev Rounds toward zero; b ≠ 0 of either sign (liquidation price) — Solidity's / itself.
    function _truncDiv(int256 a, int256 b) private pure returns (int256) {
        return a / b;
    }

    function _ceilDivU(uint256 a, uint256 b) private pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }

    function _abs(int256 x) private pure returns (int256) {
        return x < 0 ? -x : x;
    }

    function _min(int256 a, int256 b) private pure returns (int256) {
        return a < b ? a : b;
    }

    function _max(int256 a, int256 b) private pure returns (int256) {
        return a > b ? a : b;
    }
}
