// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {IERC20} from "./interfaces/IERC20.sol";

/// @title marginsim margin protocol
/// @notice Multi-collateral cross and isolated margin for perpetuals traded at the oracle price.
///         docs/protocol.md is its specification; the Java engine reproduces every integer.
/// @dev Stored quantities are int64 in the units their names carry (E6 USD, E8 price, E9 size or
///      collateral, E12 funding index). Intermediates are int256; every narrowing is checked and
///      reverts Overflow(), so the same inputs revert in the contract and in the engine.
contract MarginProtocol {
    // ---- errors (docs/protocol.md §10) ----
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
    error TransferFailed();

    // ---- events (docs/protocol.md §11) ----
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

    // ---- constants ----
    int256 private constant BPS = 10_000;
    int256 private constant VALUE_SCALE = 1e11;
    int256 private constant FUNDING_SCALE = 1e15;
    uint8 private constant MAX_ASSETS = 8;
    uint8 private constant MAX_MARKETS = 8;
    uint8 private constant NO_MARKET = 255;
    int256 private constant INT64_MAX = type(int64).max;

    // ---- state ----
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
        int64 marginE6;
    }

    struct Account {
        bool exists;
        int64 quoteE6;
        int64[8] collateralE9;
    }

    /// @dev A margin pool's valuation (docs/protocol.md §6).
    struct Valuation {
        int256 equity;
        int256 weightedInitial;
        int256 initialRequirement;
        int256 weightedMaint;
        int256 maintenanceRequirement;
    }

    address public immutable owner;
    address public immutable settlementToken;
    uint8 public assetCount = 1;
    uint8 public marketCount;
    int64 private insuranceFundE6;
    int64 private poolE6;
    int64 private totalQuoteE6;
    uint16 private liquidationBufferBps;
    int64 private dustNotionalE6;
    address private sequencerFeed;
    uint32 private sequencerGrace;

    mapping(uint8 => Asset) private assets;
    mapping(uint8 => Market) private markets;
    mapping(address => Account) private accounts;
    /// @dev key: marketId * 2 + (isolated ? 1 : 0)
    mapping(address => mapping(uint256 => Position)) private positions;

    constructor(address settlementToken_) {
        if (settlementToken_.code.length == 0 || IERC20(settlementToken_).decimals() != 6) {
            revert InvalidSettlementToken();
        }
        owner = msg.sender;
        settlementToken = settlementToken_;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    // =============================================================================================
    // owner
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
        _setAssetRisk(assetId, initialWeightBps, maintenanceWeightBps, liquidationBonusBps, depositCapE9, feed);
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
        _setAssetRisk(assetId, initialWeightBps, maintenanceWeightBps, liquidationBonusBps, depositCapE9, address(0));
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
        if (marketCount >= MAX_MARKETS) revert TooManyMarkets();
        Oracle memory oracle = _validatedOracle(feed, heartbeat, minAnswer, maxAnswer);
        _validateMarketParams(
            imrBps, mmrBps, liquidationPenaltyBps, liquidatorShareBps, takerFeeBps, maxOpenInterestE9, fundingRateE12PerSec
        );
        marketId = marketCount++;
        Market storage m = markets[marketId];
        m.oracle = oracle;
        m.lastFundingTime = uint64(block.timestamp);
        emit MarketListed(marketId, feed);
        _setMarketParams(
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
        _accrue(marketId); // funding so far is charged at the old rate
        _setMarketParams(
            marketId, imrBps, mmrBps, liquidationPenaltyBps, liquidatorShareBps, takerFeeBps, maxOpenInterestE9,
            fundingRateE12PerSec
        );
    }

    function setSequencerFeed(address feed, uint32 gracePeriod) external onlyOwner {
        if (feed != address(0) && feed.code.length == 0) revert FeedHasNoCode();
        sequencerFeed = feed;
        sequencerGrace = gracePeriod;
        emit SequencerFeedSet(feed, gracePeriod);
    }

    function setLiquidationConfig(uint16 bufferBps, int64 dustNotionalE6_) external onlyOwner {
        if (bufferBps > 10_000 || dustNotionalE6_ < 0) revert InvalidLiquidationConfig();
        liquidationBufferBps = bufferBps;
        dustNotionalE6 = dustNotionalE6_;
        emit LiquidationConfigUpdated(bufferBps, dustNotionalE6_);
    }

    function fundPool(uint256 tokenAmount) external onlyOwner {
        if (tokenAmount == 0) revert ZeroAmount();
        poolE6 = _add(poolE6, _toInt64(_checkedQuote(tokenAmount)));
        _pull(settlementToken, msg.sender, tokenAmount);
        emit PoolFunded(msg.sender, tokenAmount);
    }

    // =============================================================================================
    // users
    // =============================================================================================

    function fundInsurance(uint256 tokenAmount) external {
        if (tokenAmount == 0) revert ZeroAmount();
        insuranceFundE6 = _add(insuranceFundE6, _toInt64(_checkedQuote(tokenAmount)));
        _pull(settlementToken, msg.sender, tokenAmount);
        emit InsuranceFunded(msg.sender, tokenAmount);
    }

    function deposit(uint8 assetId, uint256 tokenAmount) external {
        if (assetId >= assetCount) revert UnknownAsset();
        if (tokenAmount == 0) revert ZeroAmount();
        Account storage acct = accounts[msg.sender];
        int64 credited;
        if (assetId == 0) {
            credited = _toInt64(_checkedQuote(tokenAmount));
            acct.quoteE6 = _add(acct.quoteE6, credited);
            totalQuoteE6 = _add(totalQuoteE6, credited);
        } else {
            Asset storage a = assets[assetId];
            credited = _toInt64(_creditE9(tokenAmount, a.decimals));
            if (credited == 0) revert ZeroAmount();
            if (int256(a.totalDepositsE9) + credited > a.depositCapE9) revert DepositCapExceeded();
            acct.collateralE9[assetId] = _add(acct.collateralE9[assetId], credited);
            a.totalDepositsE9 = _add(a.totalDepositsE9, credited);
        }
        acct.exists = true;
        _pull(_tokenOf(assetId), msg.sender, tokenAmount);
        emit Deposited(msg.sender, assetId, tokenAmount, credited);
    }

    function withdraw(uint8 assetId, uint256 tokenAmount) external {
        Account storage acct = _existing(msg.sender);
        if (assetId >= assetCount) revert UnknownAsset();
        if (tokenAmount == 0) revert ZeroAmount();
        _accrueAll();
        int64 debited;
        if (assetId == 0) {
            if (tokenAmount > uint256(int256(acct.quoteE6 < 0 ? int64(0) : acct.quoteE6))) {
                revert InsufficientBalance();
            }
            if (IERC20(settlementToken).balanceOf(address(this)) < tokenAmount) revert InsufficientLiquidity();
            debited = int64(int256(tokenAmount));
            acct.quoteE6 -= debited;
            totalQuoteE6 = _sub(totalQuoteE6, debited);
        } else {
            Asset storage a = assets[assetId];
            debited = _toInt64(_debitE9(tokenAmount, a.decimals));
            if (acct.collateralE9[assetId] < debited) revert InsufficientBalance();
            acct.collateralE9[assetId] -= debited;
            a.totalDepositsE9 -= debited;
        }
        _requireCrossInitial(msg.sender);
        _push(_tokenOf(assetId), msg.sender, tokenAmount);
        emit Withdrawn(msg.sender, assetId, tokenAmount, debited);
    }

    function trade(uint8 marketId, bool isolated, int64 sizeDeltaE9) external {
        _existing(msg.sender);
        if (marketId >= marketCount) revert UnknownMarket();
        if (sizeDeltaE9 == 0) revert ZeroAmount();
        _accrueAll();
        Market storage m = markets[marketId];
        int256 p = _priceOrRevert(m.oracle);
        Position storage pos = positions[msg.sender][_key(marketId, isolated)];
        int256 funding = _settleFunding(msg.sender, pos, isolated, m.cumulativeFundingE12);
        int256 s0 = pos.sizeE9;
        int256 realized = _applyTrade(pos, sizeDeltaE9, p);
        _creditMarginPool(msg.sender, pos, isolated, realized);
        poolE6 = _toInt64(int256(poolE6) - realized);
        int256 fee = _ceilDiv(_abs(sizeDeltaE9) * p * int256(uint256(m.takerFeeBps)), FUNDING_SCALE);
        _creditMarginPool(msg.sender, pos, isolated, -fee);
        insuranceFundE6 = _toInt64(int256(insuranceFundE6) + fee);
        int256 s = pos.sizeE9;
        _updateOpenInterest(m, s0, s, true);
        bool riskIncreasing = _abs(s) > _abs(s0) || (s0 != 0 && s != 0 && (s0 > 0) != (s > 0));
        if (riskIncreasing) {
            if (isolated) {
                _requireIsolatedInitial(pos, marketId, p);
            } else {
                _requireCrossInitial(msg.sender);
            }
        }
        if (isolated && s == 0) {
            _closeIsolatedIntoCross(msg.sender, marketId);
        }
        emit PositionChanged(
            msg.sender,
            marketId,
            isolated,
            sizeDeltaE9,
            int64(s),
            int64(p),
            int64(realized),
            int64(fee),
            int64(funding)
        );
    }

    function addMargin(uint8 marketId, int64 amountE6) external {
        Account storage acct = _existing(msg.sender);
        if (marketId >= marketCount) revert UnknownMarket();
        if (amountE6 <= 0) revert ZeroAmount();
        _accrueAll();
        if (acct.quoteE6 < amountE6) revert InsufficientBalance();
        acct.quoteE6 -= amountE6;
        Position storage pos = positions[msg.sender][_key(marketId, true)];
        pos.marginE6 = _add(pos.marginE6, amountE6);
        _requireCrossInitial(msg.sender);
        emit IsolatedMarginMoved(msg.sender, marketId, amountE6);
    }

    function removeMargin(uint8 marketId, int64 amountE6) external {
        Account storage acct = _existing(msg.sender);
        if (marketId >= marketCount) revert UnknownMarket();
        if (amountE6 <= 0) revert ZeroAmount();
        _accrueAll();
        Position storage pos = positions[msg.sender][_key(marketId, true)];
        if (pos.marginE6 < amountE6) revert InsufficientBalance();
        pos.marginE6 -= amountE6;
        acct.quoteE6 = _add(acct.quoteE6, amountE6);
        if (pos.sizeE9 != 0) {
            _requireIsolatedInitial(pos, marketId, _priceOrRevert(markets[marketId].oracle));
        } else if (pos.marginE6 == 0) {
            delete positions[msg.sender][_key(marketId, true)];
        }
        emit IsolatedMarginMoved(msg.sender, marketId, -amountE6);
    }

    function liquidatePosition(address account, uint8 marketId, bool isolated) external {
        _existing(account);
        if (marketId >= marketCount) revert UnknownMarket();
        Position storage pos = positions[account][_key(marketId, isolated)];
        if (pos.sizeE9 == 0) revert NoPosition();
        _accrueAll();
        Market storage m = markets[marketId];
        Valuation memory v = isolated ? _isolatedValuation(account, marketId) : _crossValuation(account);
        if (v.weightedMaint >= v.maintenanceRequirement) revert NotLiquidatable();
        int256 p = _priceOrRevert(m.oracle);
        int256 funding = _settleFunding(account, pos, isolated, m.cumulativeFundingE12);
        int256 s0 = pos.sizeE9;
        int256 close = _closeSize(v, m, s0, p);
        int256 delta = s0 > 0 ? -close : close;
        int256 realized = _applyTrade(pos, delta, p);
        _creditMarginPool(account, pos, isolated, realized);
        poolE6 = _toInt64(int256(poolE6) - realized);
        _updateOpenInterest(m, s0, pos.sizeE9, false);
        int256 penalty = _ceilDiv(close * p * int256(uint256(m.liquidationPenaltyBps)), FUNDING_SCALE);
        _creditMarginPool(account, pos, isolated, -penalty);
        int256 reward = _floorDiv(penalty * int256(uint256(m.liquidatorShareBps)), BPS);
        Account storage liq = accounts[msg.sender];
        liq.exists = true;
        liq.quoteE6 = _toInt64(int256(liq.quoteE6) + reward);
        totalQuoteE6 = _toInt64(int256(totalQuoteE6) + reward);
        insuranceFundE6 = _toInt64(int256(insuranceFundE6) + penalty - reward);
        emit PositionLiquidated(
            account,
            marketId,
            isolated,
            msg.sender,
            int64(delta),
            int64(p),
            int64(realized),
            int64(funding),
            int64(penalty),
            int64(reward)
        );
        if (isolated) {
            if (pos.sizeE9 == 0) {
                int64 margin = pos.marginE6;
                if (margin >= 0) {
                    _closeIsolatedIntoCross(account, marketId);
                } else {
                    delete positions[account][_key(marketId, true)];
                    totalQuoteE6 = _sub(totalQuoteE6, margin);
                    _settleBadDebt(account, marketId, -int256(margin));
                }
            }
        } else {
            _checkCrossBadDebt(account);
        }
    }

    function liquidateCollateral(address account, uint8 assetId, int64 repayE6) external {
        Account storage acct = _existing(account);
        if (assetId == 0 || assetId >= assetCount) revert UnknownAsset();
        if (repayE6 <= 0) revert ZeroAmount();
        _accrueAll();
        Valuation memory v = _crossValuation(account);
        if (v.weightedMaint >= v.maintenanceRequirement) revert NotLiquidatable();
        if (acct.quoteE6 >= 0) revert NothingToRepay();
        if (acct.collateralE9[assetId] == 0) revert InsufficientBalance();
        Asset storage a = assets[assetId];
        int256 p = _priceOrRevert(a.oracle);
        int256 repay = _min(repayE6, -int256(acct.quoteE6));
        int256 bonusFactor = BPS + int256(uint256(a.liquidationBonusBps));
        int256 seize = _floorDiv(repay * bonusFactor * 1e7, p);
        if (seize > acct.collateralE9[assetId]) {
            seize = acct.collateralE9[assetId];
            repay = _ceilDiv(seize * p, bonusFactor * 1e7);
        }
        acct.quoteE6 = _toInt64(int256(acct.quoteE6) + repay);
        totalQuoteE6 = _toInt64(int256(totalQuoteE6) + repay);
        acct.collateralE9[assetId] -= int64(seize);
        a.totalDepositsE9 -= int64(seize);
        _pull(settlementToken, msg.sender, uint256(repay));
        uint256 paid = _seizedTokens(uint256(seize), a.decimals);
        if (paid > 0) _push(a.token, msg.sender, paid);
        emit CollateralLiquidated(account, assetId, msg.sender, int64(repay), int64(seize));
        _checkCrossBadDebt(account);
    }

    // =============================================================================================
    // views
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
        Position storage p = positions[account][_key(marketId, isolated)];
        return (p.sizeE9, p.openNotionalE6, p.fundingSnapshotE12, p.marginE6);
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

    function getProtocolState() external view returns (int64, int64, int64) {
        return (insuranceFundE6, poolE6, totalQuoteE6);
    }

    function accountHealth(address account)
        external
        view
        returns (int64, int64, int64, int64, int64, int64, int64)
    {
        _existing(account);
        return _healthTuple(_crossValuation(account));
    }

    function isolatedHealth(address account, uint8 marketId)
        external
        view
        returns (int64, int64, int64, int64, int64, int64, int64)
    {
        _existing(account);
        if (marketId >= marketCount) revert UnknownMarket();
        return _healthTuple(_isolatedValuation(account, marketId));
    }

    function liquidationPrice(address account, uint8 marketId, bool isolated) external view returns (int64) {
        _existing(account);
        if (marketId >= marketCount) revert UnknownMarket();
        int256 s = positions[account][_key(marketId, isolated)].sizeE9;
        if (s == 0) return 0;
        Valuation memory v = isolated ? _isolatedValuation(account, marketId) : _crossValuation(account);
        Market storage m = markets[marketId];
        int256 p = _priceOrRevert(m.oracle);
        int256 denom = s * BPS - _abs(s) * int256(uint256(m.mmrBps));
        int256 liq = p - ((v.weightedMaint - v.maintenanceRequirement) * FUNDING_SCALE) / denom;
        return _toInt64(liq < 0 ? int256(0) : liq);
    }

    function assetPrice(uint8 assetId) external view returns (int64) {
        if (assetId >= assetCount) revert UnknownAsset();
        if (assetId == 0) return 1e8;
        return int64(_priceOrRevert(assets[assetId].oracle));
    }

    function marketPrice(uint8 marketId) external view returns (int64) {
        if (marketId >= marketCount) revert UnknownMarket();
        return int64(_priceOrRevert(markets[marketId].oracle));
    }

    function solvency(uint8 assetId) external view returns (uint256 held, uint256 owed) {
        if (assetId >= assetCount) revert UnknownAsset();
        held = IERC20(_tokenOf(assetId)).balanceOf(address(this));
        if (assetId == 0) {
            int256 o = int256(totalQuoteE6) + poolE6 + insuranceFundE6;
            owed = o > 0 ? uint256(o) : 0;
        } else {
            Asset storage a = assets[assetId];
            uint256 x = uint256(int256(a.totalDepositsE9));
            owed = a.decimals >= 9 ? x * 10 ** (a.decimals - 9) : _ceilDivU(x, 10 ** (9 - a.decimals));
        }
    }

    // =============================================================================================
    // valuation
    // =============================================================================================

    function _crossValuation(address account) private view returns (Valuation memory v) {
        Account storage acct = accounts[account];
        v.equity = acct.quoteE6;
        v.weightedInitial = acct.quoteE6;
        v.weightedMaint = acct.quoteE6;
        for (uint8 id = 1; id < assetCount; id++) {
            int256 c = acct.collateralE9[id];
            if (c == 0) continue;
            Asset storage a = assets[id];
            int256 value = _floorDiv(c * _priceOrRevert(a.oracle), VALUE_SCALE);
            v.equity += value;
            v.weightedInitial += _floorDiv(value * int256(uint256(a.initialWeightBps)), BPS);
            v.weightedMaint += _floorDiv(value * int256(uint256(a.maintenanceWeightBps)), BPS);
        }
        for (uint8 m = 0; m < marketCount; m++) {
            Position storage pos = positions[account][_key(m, false)];
            if (pos.sizeE9 != 0) _addPosition(v, pos, m);
        }
    }

    function _isolatedValuation(address account, uint8 marketId) private view returns (Valuation memory v) {
        Position storage pos = positions[account][_key(marketId, true)];
        v.equity = pos.marginE6;
        v.weightedInitial = pos.marginE6;
        v.weightedMaint = pos.marginE6;
        if (pos.sizeE9 != 0) _addPosition(v, pos, marketId);
    }

    function _addPosition(Valuation memory v, Position storage pos, uint8 marketId) private view {
        Market storage m = markets[marketId];
        int256 p = _priceOrRevert(m.oracle);
        int256 s = pos.sizeE9;
        int256 pnl = _pnl(pos, marketId, p);
        v.equity += pnl;
        v.weightedInitial += pnl;
        v.weightedMaint += pnl;
        v.initialRequirement += _ceilDiv(_abs(s) * p * int256(uint256(m.imrBps)), FUNDING_SCALE);
        v.maintenanceRequirement += _ceilDiv(_abs(s) * p * int256(uint256(m.mmrBps)), FUNDING_SCALE);
    }

    function _healthTuple(Valuation memory v)
        private
        pure
        returns (int64, int64, int64, int64, int64, int64, int64)
    {
        int256 free = v.weightedInitial - v.initialRequirement;
        int256 health =
            v.maintenanceRequirement == 0 ? INT64_MAX : _floorDiv(v.weightedMaint * BPS, v.maintenanceRequirement);
        return (
            _toInt64(v.equity),
            _toInt64(v.weightedInitial),
            _toInt64(v.initialRequirement),
            _toInt64(v.weightedMaint),
            _toInt64(v.maintenanceRequirement),
            _toInt64(free > 0 ? free : int256(0)),
            _toInt64(health)
        );
    }

    function _requireCrossInitial(address account) private view {
        Account storage acct = accounts[account];
        if (acct.quoteE6 >= 0) {
            bool anyPosition;
            for (uint8 m = 0; m < marketCount; m++) {
                if (positions[account][_key(m, false)].sizeE9 != 0) {
                    anyPosition = true;
                    break;
                }
            }
            if (!anyPosition) return; // short-circuit of docs/protocol.md §6: no price is read
        }
        Valuation memory v = _crossValuation(account);
        if (v.weightedInitial < v.initialRequirement) revert InsufficientMargin();
    }

    /// @dev docs/protocol.md §6: value + open notional + funding not yet settled.
    function _pnl(Position storage pos, uint8 marketId, int256 p) private view returns (int256) {
        int256 s = pos.sizeE9;
        return _floorDiv(s * p, VALUE_SCALE) + pos.openNotionalE6
            + _floorDiv(-s * (_fundingIndexNow(marketId) - pos.fundingSnapshotE12), FUNDING_SCALE);
    }

    function _requireIsolatedInitial(Position storage pos, uint8 marketId, int256 p) private view {
        Market storage m = markets[marketId];
        int256 s = pos.sizeE9;
        int256 pnl = _pnl(pos, marketId, p);
        int256 requirement = _ceilDiv(_abs(s) * p * int256(uint256(m.imrBps)), FUNDING_SCALE);
        if (int256(pos.marginE6) + pnl < requirement) revert InsufficientMargin();
    }

    function _closeSize(Valuation memory v, Market storage m, int256 s0, int256 p) private view returns (int256 close) {
        int256 k = BPS + int256(uint256(liquidationBufferBps));
        int256 notional = _ceilDiv(
            (v.maintenanceRequirement * k - v.weightedMaint * BPS) * BPS,
            int256(uint256(m.mmrBps)) * k - int256(uint256(m.liquidationPenaltyBps)) * BPS
        );
        int256 size = _abs(s0);
        close = _min(size, _ceilDiv(notional * VALUE_SCALE, p));
        if (close < size && _floorDiv((size - close) * p, VALUE_SCALE) < dustNotionalE6) close = size;
    }

    // =============================================================================================
    // positions, funding, bad debt
    // =============================================================================================

    /// @dev docs/protocol.md §8 trade step 4; returns the realized PnL.
    function _applyTrade(Position storage pos, int256 d, int256 p) private returns (int256 realized) {
        int256 s0 = pos.sizeE9;
        int256 on0 = pos.openNotionalE6;
        if (s0 == 0 || (s0 > 0) == (d > 0)) {
            pos.openNotionalE6 = _toInt64(on0 + _floorDiv(-d * p, VALUE_SCALE));
            pos.sizeE9 = _toInt64(s0 + d);
            return 0;
        }
        int256 c = _min(_abs(d), _abs(s0));
        if (d < 0) c = -c;
        int256 released = _floorDiv(on0 * _abs(c), _abs(s0));
        realized = _floorDiv(-c * p, VALUE_SCALE) + released;
        int256 on = on0 - released;
        int256 s = s0 + c;
        int256 r = d - c;
        if (r != 0) {
            on = _floorDiv(-r * p, VALUE_SCALE);
            s = r;
        }
        pos.openNotionalE6 = _toInt64(on);
        pos.sizeE9 = _toInt64(s);
        _toInt64(realized);
    }

    function _settleFunding(address account, Position storage pos, bool isolated, int64 index)
        private
        returns (int256 f)
    {
        f = _floorDiv(-int256(pos.sizeE9) * (int256(index) - pos.fundingSnapshotE12), FUNDING_SCALE);
        pos.fundingSnapshotE12 = index;
        poolE6 = _toInt64(int256(poolE6) - f);
        _creditMarginPool(account, pos, isolated, f);
    }

    function _creditMarginPool(address account, Position storage pos, bool isolated, int256 x) private {
        if (isolated) {
            pos.marginE6 = _toInt64(int256(pos.marginE6) + x);
        } else {
            Account storage acct = accounts[account];
            acct.quoteE6 = _toInt64(int256(acct.quoteE6) + x);
        }
        totalQuoteE6 = _toInt64(int256(totalQuoteE6) + x);
    }

    function _updateOpenInterest(Market storage m, int256 s0, int256 s, bool enforceCap) private {
        int256 longOi = int256(m.longOpenInterestE9) + _max(s, 0) - _max(s0, 0);
        int256 shortOi = int256(m.shortOpenInterestE9) + _max(-s, 0) - _max(-s0, 0);
        if (enforceCap) {
            if (longOi > m.longOpenInterestE9 && longOi > m.maxOpenInterestE9) revert OpenInterestCapExceeded();
            if (shortOi > m.shortOpenInterestE9 && shortOi > m.maxOpenInterestE9) revert OpenInterestCapExceeded();
        }
        m.longOpenInterestE9 = _toInt64(longOi);
        m.shortOpenInterestE9 = _toInt64(shortOi);
    }

    function _closeIsolatedIntoCross(address account, uint8 marketId) private {
        Position storage pos = positions[account][_key(marketId, true)];
        Account storage acct = accounts[account];
        acct.quoteE6 = _add(acct.quoteE6, pos.marginE6);
        delete positions[account][_key(marketId, true)];
    }

    function _checkCrossBadDebt(address account) private {
        Account storage acct = accounts[account];
        if (acct.quoteE6 >= 0) return;
        for (uint8 m = 0; m < marketCount; m++) {
            if (positions[account][_key(m, false)].sizeE9 != 0) return;
        }
        for (uint8 id = 1; id < assetCount; id++) {
            if (acct.collateralE9[id] != 0) return;
        }
        int256 debt = -int256(acct.quoteE6);
        acct.quoteE6 = 0;
        totalQuoteE6 = _toInt64(int256(totalQuoteE6) + debt);
        _settleBadDebt(account, NO_MARKET, debt);
    }

    function _settleBadDebt(address account, uint8 marketId, int256 debt) private {
        int256 available = insuranceFundE6 > 0 ? int256(insuranceFundE6) : int256(0);
        int256 fromInsurance = _min(debt, available);
        insuranceFundE6 = _toInt64(int256(insuranceFundE6) - fromInsurance);
        int256 socialized = debt - fromInsurance;
        poolE6 = _toInt64(int256(poolE6) - socialized);
        emit BadDebtSettled(account, marketId, _toInt64(debt), int64(fromInsurance), _toInt64(socialized));
    }

    function _accrueAll() private {
        for (uint8 m = 0; m < marketCount; m++) {
            _accrue(m);
        }
    }

    function _accrue(uint8 marketId) private {
        Market storage m = markets[marketId];
        if (block.timestamp == m.lastFundingTime) return;
        (bool ok, int256 delta) = _pendingFunding(m);
        if (!ok) return; // charged later, at the price then
        m.cumulativeFundingE12 = _toInt64(int256(m.cumulativeFundingE12) + delta);
        m.lastFundingTime = uint64(block.timestamp);
        emit FundingAccrued(marketId, int64(delta), m.cumulativeFundingE12);
    }

    function _fundingIndexNow(uint8 marketId) private view returns (int256) {
        Market storage m = markets[marketId];
        (bool ok, int256 delta) = _pendingFunding(m);
        return int256(m.cumulativeFundingE12) + (ok ? delta : int256(0));
    }

    function _pendingFunding(Market storage m) private view returns (bool ok, int256 delta) {
        int256 dt = int256(block.timestamp) - int256(uint256(m.lastFundingTime));
        if (dt == 0) return (true, 0);
        (int256 p, uint8 code) = _price(m.oracle);
        if (code != 0) return (false, 0);
        int256 longOi = m.longOpenInterestE9;
        int256 shortOi = m.shortOpenInterestE9;
        if (longOi + shortOi == 0) return (true, 0);
        delta = (p * int256(m.fundingRateE12PerSec) * dt * (longOi - shortOi)) / (1e8 * (longOi + shortOi));
        _toInt64(delta);
        return (true, delta);
    }

    // =============================================================================================
    // oracles
    // =============================================================================================

    function _validatedOracle(address feed, uint32 heartbeat, int64 minAnswer, int64 maxAnswer)
        private
        view
        returns (Oracle memory o)
    {
        if (feed.code.length == 0) revert FeedHasNoCode();
        uint8 fd = AggregatorV3Interface(feed).decimals();
        if (fd == 0 || fd > 18) revert InvalidFeedDecimals();
        if (minAnswer <= 0 || minAnswer >= maxAnswer) revert InvalidOracleConfig();
        if (fd < 8 && int256(maxAnswer) * int256(10 ** (8 - fd)) > INT64_MAX) revert InvalidOracleConfig();
        if (fd > 8 && int256(minAnswer) / int256(10 ** (fd - 8)) < 1) revert InvalidOracleConfig();
        return Oracle(feed, heartbeat, fd, minAnswer, maxAnswer);
    }

    function _priceOrRevert(Oracle storage o) private view returns (int256 p) {
        uint8 code;
        (p, code) = _price(o);
        if (code != 0) revert OracleFailure(code);
    }

    /// @dev docs/protocol.md §3: the guards in order; code 0 means the price is good.
    function _price(Oracle storage o) private view returns (int256, uint8) {
        if (sequencerFeed != address(0)) {
            (, int256 status, uint256 startedAt,,) = AggregatorV3Interface(sequencerFeed).latestRoundData();
            if (status != 0) return (0, 5);
            if (block.timestamp < startedAt || block.timestamp - startedAt <= sequencerGrace) return (0, 6);
        }
        (uint80 roundId, int256 answer,, uint256 updatedAt, uint80 answeredInRound) =
            AggregatorV3Interface(o.feed).latestRoundData();
        if (answer <= 0) return (0, 1);
        if (updatedAt == 0 || answeredInRound < roundId) return (0, 2);
        if (block.timestamp > updatedAt + o.heartbeat) return (0, 3);
        if (answer < o.minAnswer || answer > o.maxAnswer) return (0, 4);
        uint8 fd = o.decimals;
        return (fd <= 8 ? answer * int256(10 ** (8 - fd)) : answer / int256(10 ** (fd - 8)), 0);
    }

    // =============================================================================================
    // parameters
    // =============================================================================================

    function _validateAssetRisk(uint16 iw, uint16 mw, uint16 bonus, int64 cap) private pure {
        if (iw == 0 || iw > mw || mw > 10_000) revert InvalidWeights();
        if (bonus > 5_000 || (10_000 + uint256(bonus)) * mw > 10_000 * 10_000) revert InvalidLiquidationBonus();
        if (cap <= 0) revert InvalidCap();
    }

    function _setAssetRisk(uint8 assetId, uint16 iw, uint16 mw, uint16 bonus, int64 cap, address listedFeed) private {
        Asset storage a = assets[assetId];
        a.initialWeightBps = iw;
        a.maintenanceWeightBps = mw;
        a.liquidationBonusBps = bonus;
        a.depositCapE9 = cap;
        if (listedFeed != address(0)) emit AssetListed(assetId, a.token, listedFeed);
        emit AssetRiskUpdated(assetId, iw, mw, bonus, cap);
    }

    function _validateMarketParams(
        uint16 imr,
        uint16 mmr,
        uint16 penalty,
        uint16 share,
        uint16 fee,
        int64 maxOi,
        int64 rate
    ) private pure {
        if (mmr == 0 || mmr >= imr || imr > 10_000) revert InvalidMarginRatios();
        if (penalty >= mmr || share > 10_000) revert InvalidPenalty();
        if (fee > 1_000) revert InvalidFee();
        if (maxOi <= 0) revert InvalidCap();
        if (rate < 0 || rate > 1e9) revert InvalidFundingRate();
    }

    function _setMarketParams(
        uint8 marketId,
        uint16 imr,
        uint16 mmr,
        uint16 penalty,
        uint16 share,
        uint16 fee,
        int64 maxOi,
        int64 rate
    ) private {
        Market storage m = markets[marketId];
        m.imrBps = imr;
        m.mmrBps = mmr;
        m.liquidationPenaltyBps = penalty;
        m.liquidatorShareBps = share;
        m.takerFeeBps = fee;
        m.maxOpenInterestE9 = maxOi;
        m.fundingRateE12PerSec = rate;
        emit MarketParamsUpdated(marketId, imr, mmr, penalty, share, fee, maxOi, rate);
    }

    // =============================================================================================
    // tokens and accounts
    // =============================================================================================

    function _existing(address account) private view returns (Account storage acct) {
        acct = accounts[account];
        if (!acct.exists) revert UnknownAccount();
    }

    function _tokenOf(uint8 assetId) private view returns (address) {
        return assetId == 0 ? settlementToken : assets[assetId].token;
    }

    function _key(uint8 marketId, bool isolated) private pure returns (uint256) {
        return uint256(marketId) * 2 + (isolated ? 1 : 0);
    }

    function _checkedQuote(uint256 tokenAmount) private pure returns (int256) {
        if (tokenAmount > uint256(INT64_MAX)) revert Overflow();
        return int256(tokenAmount);
    }

    function _creditE9(uint256 t, uint8 d) private pure returns (int256) {
        uint256 x = d >= 9 ? t / 10 ** (d - 9) : _mulOrOverflow(t, 10 ** (9 - d));
        if (x > uint256(INT64_MAX)) revert Overflow();
        return int256(x);
    }

    function _debitE9(uint256 t, uint8 d) private pure returns (int256) {
        uint256 x = d >= 9 ? _ceilDivU(t, 10 ** (d - 9)) : _mulOrOverflow(t, 10 ** (9 - d));
        if (x > uint256(INT64_MAX)) revert Overflow();
        return int256(x);
    }

    function _seizedTokens(uint256 x, uint8 d) private pure returns (uint256) {
        return d >= 9 ? x * 10 ** (d - 9) : x / 10 ** (9 - d);
    }

    function _mulOrOverflow(uint256 a, uint256 b) private pure returns (uint256) {
        if (a > uint256(INT64_MAX)) revert Overflow(); // a larger a can only give a larger credit
        return a * b;
    }

    function _pull(address token, address from, uint256 amount) private {
        if (!IERC20(token).transferFrom(from, address(this), amount)) revert TransferFailed();
    }

    function _push(address token, address to, uint256 amount) private {
        if (!IERC20(token).transfer(to, amount)) revert TransferFailed();
    }

    // =============================================================================================
    // arithmetic (docs/protocol.md §1)
    // =============================================================================================

    function _toInt64(int256 x) private pure returns (int64) {
        if (x > INT64_MAX || x < type(int64).min) revert Overflow();
        return int64(x);
    }

    function _add(int64 a, int256 b) private pure returns (int64) {
        return _toInt64(int256(a) + b);
    }

    function _sub(int64 a, int256 b) private pure returns (int64) {
        return _toInt64(int256(a) - b);
    }

    /// @dev Rounds toward −∞; b > 0.
    function _floorDiv(int256 a, int256 b) private pure returns (int256 q) {
        q = a / b;
        if (a % b != 0 && a < 0) q -= 1;
    }

    /// @dev Rounds toward +∞; b > 0.
    function _ceilDiv(int256 a, int256 b) private pure returns (int256 q) {
        q = a / b;
        if (a % b != 0 && a > 0) q += 1;
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
