package dev.marginsim.simulator.engine;

import static dev.marginsim.simulator.engine.FixedPoint.add;
import static dev.marginsim.simulator.engine.FixedPoint.mulDivCeil;
import static dev.marginsim.simulator.engine.FixedPoint.mulDivFloor;
import static dev.marginsim.simulator.engine.FixedPoint.neg;
import static dev.marginsim.simulator.engine.FixedPoint.sub;

import dev.marginsim.core.AssetRisk;
import dev.marginsim.core.MarketParams;
import dev.marginsim.core.OracleConfig;
import dev.marginsim.core.OracleFailureCode;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.RevertReason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The margin protocol of docs/protocol.md in Java, bit for bit the contract {@code MarginProtocol}:
 * the same state, operations, checks in the same order, reverts ({@link ProtocolRevert} named as the
 * Solidity errors) and events. It also plays the chain's part: feeds, tokens and block time.
 *
 * <p>State is kept in flat long arrays (struct of arrays) so that valuing accounts touches memory in
 * order and allocates nothing; every write goes through a {@link Journal}, so an operation that
 * reverts leaves no trace. Products that leave 64 bits are computed in 128-bit long arithmetic
 * ({@link FixedPoint}, {@link Formulas}, {@link Int128Math}), with BigInteger only where an input is
 * too wide for that. The hot path allocates nothing: a price tick is a counter (guarded prices and
 * funding indexes are cached until the epoch moves), guard checks and valuations write into
 * preallocated arrays, and events are built only for a listener. The owner check of the contract
 * ({@code NotOwner}) has no counterpart: the
 * engine's owner is whoever runs the simulation. Not thread-safe, except {@link #revalueAll}.
 */
public final class MarginEngine {
    static final int MAX_ASSETS = 8;
    static final int MAX_MARKETS = 8;
    static final int NO_MARKET = 255;
    private static final long BPS = 10_000;
    private static final long VALUE_SCALE = 100_000_000_000L;       // 1e11
    private static final long FUNDING_SCALE = 1_000_000_000_000_000L; // 1e15
    private static final int SLOT_PAIR = 2;                          // cross and isolated, per market
    private static final int POS_FIELDS = 4;                         // size, openNotional, snapshot, margin
    private static final int SIZE = 0;
    private static final int ON = 1;
    private static final int SNAP = 2;
    private static final int MARGIN = 3;

    // ---- the chain's part: time, feeds, tokens ----
    private long now;
    private final List<long[]> rounds = new ArrayList<>();   // roundId, answer, startedAt, updatedAt, answeredInRound
    private final List<Integer> feedDecimals = new ArrayList<>();
    private final List<Integer> tokenDecimals = new ArrayList<>();

    // ---- parameters (owner-set; written only after every check of the operation passed) ----
    private int assetCount = 1;
    private int marketCount;
    private final int[] assetToken = new int[MAX_ASSETS];
    private final int[] assetDecimals = new int[MAX_ASSETS];
    private final Oracle[] assetOracle = new Oracle[MAX_ASSETS];
    private final long[] initialWeight = new long[MAX_ASSETS];
    private final long[] maintWeight = new long[MAX_ASSETS];
    private final long[] liqBonus = new long[MAX_ASSETS];
    private final long[] depositCap = new long[MAX_ASSETS];
    private final Oracle[] marketOracle = new Oracle[MAX_MARKETS];
    private final MarketParams[] params = new MarketParams[MAX_MARKETS];
    private int sequencerFeed = -1;
    private long sequencerGrace;
    private long bufferBps;
    private long dustE6;

    // ---- journaled state ----
    private final Journal journal = new Journal();
    private final TokenLedger held = new TokenLedger(journal); // the chain's part, journaled with the state
    private final long[] totalDeposits = new long[MAX_ASSETS];
    private final long[] market = new long[MAX_MARKETS * 4];  // longOI, shortOI, cumulativeFunding, lastFundingTime
    private final long[] funds = new long[3];                  // insurance, pool, totalQuote
    private static final int INSURANCE = 0;
    private static final int POOL = 1;
    private static final int TOTAL_QUOTE = 2;
    private long[] exists = new long[0];
    private long[] quote = new long[0];
    private long[] collateral = new long[0];
    private long[] positions = new long[0];
    private int capacity;
    private int maxAccount = -1;
    /**
     * Markets an account's position block has room for: the listed ones, rounded up to a power of two
     * (at most MAX_MARKETS), so a protocol with two markets keeps 128 bytes of positions per account,
     * not 512, and valuing an account reads one or two cache lines. Listing a market beyond it lays
     * the blocks out anew.
     */
    private int marketCapacity = 1;
    // Journal tags of the journaled arrays (the account arrays are rebound when they grow).
    private final int totalDepositsTag = journal.register(totalDeposits);
    private final int marketTag = journal.register(market);
    private final int fundsTag = journal.register(funds);
    private final int existsTag = journal.register(exists);
    private final int quoteTag = journal.register(quote);
    private final int collateralTag = journal.register(collateral);
    private final int positionsTag = journal.register(positions);

    private Consumer<ProtocolEvent> listener;
    private final List<ProtocolEvent> pending = new ArrayList<>();

    /** A listed oracle; {@code slot} indexes the price cache (assets 0–7, markets 8–15). */
    private record Oracle(int slot, int feed, long heartbeat, int decimals, long minAnswer, long maxAnswer) {
    }

    /**
     * Guarded prices depend only on feed rounds, the sequencer and the time, so each oracle's result
     * is cached until one of those changes (the epoch moves): a price tick then costs one guard
     * evaluation per feed, not one per account.
     */
    private long epoch;
    private final long[] cacheEpoch = new long[MAX_ASSETS + MAX_MARKETS];
    private final long[] cachePrice = new long[MAX_ASSETS + MAX_MARKETS];
    /** Two-value results of the single-threaded operations, so they allocate nothing. */
    private final long[] scratch = new long[2];
    /** The valuation an operation checks (views allocate their own: they may be called from other threads). */
    private final long[] valuation = new long[5];

    public MarginEngine() {
        Arrays.fill(cacheEpoch, -1);
        Arrays.fill(fundingCacheEpoch, -1);
        addToken(6); // token 0: the settlement asset
    }

    // =============================================================================================
    // the chain's part
    // =============================================================================================

    public void setTime(long timestamp) {
        this.now = timestamp;
        epoch++;
    }

    public long time() {
        return now;
    }

    public int addFeed(int decimals) {
        feedDecimals.add(decimals);
        rounds.add(new long[5]);
        return rounds.size() - 1;
    }

    public void setRound(int feedId, long roundId, long answer, long startedAt, long updatedAt, long answeredInRound) {
        long[] r = rounds.get(feedId);
        epoch++;
        r[0] = roundId;
        r[1] = answer;
        r[2] = startedAt;
        r[3] = updatedAt;
        r[4] = answeredInRound;
    }

    public int addToken(int decimals) {
        tokenDecimals.add(decimals);
        held.add();
        return tokenDecimals.size() - 1;
    }

    public void setEventListener(Consumer<ProtocolEvent> listener) {
        this.listener = listener;
    }

    // =============================================================================================
    // owner
    // =============================================================================================

    public int listAsset(int tokenId, OracleConfig oracle, AssetRisk risk) {
        if (assetCount >= MAX_ASSETS) {
            throw revert(RevertReason.TooManyAssets);
        }
        if (tokenId < 0 || tokenId >= tokenDecimals.size() || tokenDecimals.get(tokenId) > 36) {
            throw revert(RevertReason.InvalidToken);
        }
        Oracle o = validatedOracle(oracle, assetCount);
        validateAssetRisk(risk);
        int id = assetCount++;
        assetToken[id] = tokenId;
        assetDecimals[id] = tokenDecimals.get(tokenId);
        assetOracle[id] = o;
        setRisk(id, risk);
        if (listener != null) {
            emit(new ProtocolEvent.AssetListed(id, tokenId, o.feed()));
        }
        if (listener != null) {
            emit(new ProtocolEvent.AssetRiskUpdated(id, risk.initialWeightBps(), risk.maintenanceWeightBps(),
                    risk.liquidationBonusBps(), risk.depositCapE9()));
        }
        flush();
        return id;
    }

    public void setAssetRisk(int assetId, AssetRisk risk) {
        if (assetId <= 0 || assetId >= assetCount) {
            throw revert(RevertReason.UnknownAsset);
        }
        validateAssetRisk(risk);
        setRisk(assetId, risk);
        if (listener != null) {
            emit(new ProtocolEvent.AssetRiskUpdated(assetId, risk.initialWeightBps(), risk.maintenanceWeightBps(),
                    risk.liquidationBonusBps(), risk.depositCapE9()));
        }
        flush();
    }

    public int listMarket(OracleConfig oracle, MarketParams p) {
        if (marketCount >= MAX_MARKETS) {
            throw revert(RevertReason.TooManyMarkets);
        }
        Oracle o = validatedOracle(oracle, MAX_ASSETS + marketCount);
        validateMarketParams(p);
        int id = marketCount++;
        if (marketCount > marketCapacity) {
            widenPositionBlocks(Math.min(MAX_MARKETS, marketCapacity * 2));
        }
        marketOracle[id] = o;
        params[id] = p;
        market[id * 4 + 3] = now;
        marketVersion++;
        if (listener != null) {
            emit(new ProtocolEvent.MarketListed(id, o.feed()));
        }
        emitParams(id, p);
        flush();
        return id;
    }

    public void setMarketParams(int marketId, MarketParams p) {
        run(() -> {
            if (marketId < 0 || marketId >= marketCount) {
                throw revert(RevertReason.UnknownMarket);
            }
            validateMarketParams(p);
            accrue(marketId);
            params[marketId] = p;
            marketVersion++; // the funding rate is part of the pending funding
            emitParams(marketId, p);
        });
    }

    public void setSequencerFeed(int feedId, long gracePeriodSeconds) {
        if (feedId >= rounds.size()) {
            throw revert(RevertReason.FeedHasNoCode);
        }
        sequencerFeed = feedId < 0 ? -1 : feedId;
        epoch++;
        sequencerGrace = gracePeriodSeconds;
        if (listener != null) {
            emit(new ProtocolEvent.SequencerFeedSet(sequencerFeed, gracePeriodSeconds));
        }
        flush();
    }

    public void setLiquidationConfig(int bufferBps, long dustNotionalE6) {
        if (bufferBps < 0 || bufferBps > 10_000 || dustNotionalE6 < 0) {
            throw revert(RevertReason.InvalidLiquidationConfig);
        }
        this.bufferBps = bufferBps;
        this.dustE6 = dustNotionalE6;
        if (listener != null) {
            emit(new ProtocolEvent.LiquidationConfigUpdated(bufferBps, dustNotionalE6));
        }
        flush();
    }

    public void fundPool(int from, BigInteger tokenAmount) {
        run(() -> {
            if (tokenAmount.signum() == 0) {
                throw revert(RevertReason.ZeroAmount);
            }
            set(fundsTag, funds, POOL, add(funds[POOL], checkedQuote(tokenAmount)));
            receive(0, tokenAmount);
            if (listener != null) {
                emit(new ProtocolEvent.PoolFunded(from, tokenAmount));
            }
        });
    }

    // =============================================================================================
    // users
    // =============================================================================================

    public void fundInsurance(int from, BigInteger tokenAmount) {
        run(() -> {
            if (tokenAmount.signum() == 0) {
                throw revert(RevertReason.ZeroAmount);
            }
            set(fundsTag, funds, INSURANCE, add(funds[INSURANCE], checkedQuote(tokenAmount)));
            receive(0, tokenAmount);
            if (listener != null) {
                emit(new ProtocolEvent.InsuranceFunded(from, tokenAmount));
            }
        });
    }

    public void deposit(int account, int assetId, long tokenAmount) {
        deposit(account, assetId, BigInteger.valueOf(tokenAmount));
    }

    public void deposit(int a, int assetId, BigInteger tokenAmount) {
        ensure(a);
        run(() -> {
            if (assetId < 0 || assetId >= assetCount) {
                throw revert(RevertReason.UnknownAsset);
            }
            if (tokenAmount.signum() == 0) {
                throw revert(RevertReason.ZeroAmount);
            }
            long credited;
            if (assetId == 0) {
                credited = checkedQuote(tokenAmount);
                set(quoteTag, quote, a, add(quote[a], credited));
                set(fundsTag, funds, TOTAL_QUOTE, add(funds[TOTAL_QUOTE], credited));
            } else {
                credited = creditE9(tokenAmount, assetDecimals[assetId]);
                if (credited == 0) {
                    throw revert(RevertReason.ZeroAmount);
                }
                if (totalDeposits[assetId] + credited > depositCap[assetId]
                        || totalDeposits[assetId] + credited < 0) { // no long overflow: both ≤ int64 max
                    throw revert(RevertReason.DepositCapExceeded);
                }
                set(collateralTag, collateral, a * MAX_ASSETS + assetId, add(collateral[a * MAX_ASSETS + assetId], credited));
                set(totalDepositsTag, totalDeposits, assetId, add(totalDeposits[assetId], credited));
            }
            set(existsTag, exists, a, 1);
            receive(assetToken(assetId), tokenAmount);
            if (listener != null) {
                emit(new ProtocolEvent.Deposited(a, assetId, tokenAmount, credited));
            }
        });
    }

    public void withdraw(int account, int assetId, long tokenAmount) {
        withdraw(account, assetId, BigInteger.valueOf(tokenAmount));
    }

    public void withdraw(int a, int assetId, BigInteger tokenAmount) {
        run(() -> {
            existing(a);
            if (assetId < 0 || assetId >= assetCount) {
                throw revert(RevertReason.UnknownAsset);
            }
            if (tokenAmount.signum() == 0) {
                throw revert(RevertReason.ZeroAmount);
            }
            accrueAll();
            long debited;
            if (assetId == 0) {
                if (tokenAmount.bitLength() > 63 || tokenAmount.longValue() > Math.max(quote[a], 0)) {
                    throw revert(RevertReason.InsufficientBalance);
                }
                if (held.below(0, tokenAmount)) {
                    throw revert(RevertReason.InsufficientLiquidity);
                }
                debited = tokenAmount.longValueExact();
                set(quoteTag, quote, a, quote[a] - debited);
                set(fundsTag, funds, TOTAL_QUOTE, sub(funds[TOTAL_QUOTE], debited));
            } else {
                debited = debitE9(tokenAmount, assetDecimals[assetId]);
                int c = a * MAX_ASSETS + assetId;
                if (collateral[c] < debited) {
                    throw revert(RevertReason.InsufficientBalance);
                }
                set(collateralTag, collateral, c, collateral[c] - debited);
                set(totalDepositsTag, totalDeposits, assetId, totalDeposits[assetId] - debited);
            }
            requireCrossInitial(a);
            send(assetToken(assetId), tokenAmount);
            if (listener != null) {
                emit(new ProtocolEvent.Withdrawn(a, assetId, tokenAmount, debited));
            }
        });
    }

    public void trade(int a, int m, boolean isolated, long d) {
        run(() -> {
            existing(a);
            if (m < 0 || m >= marketCount) {
                throw revert(RevertReason.UnknownMarket);
            }
            if (d == 0) {
                throw revert(RevertReason.ZeroAmount);
            }
            accrueAll();
            MarketParams mp = params[m];
            long p = priceOrRevert(marketOracle[m]);
            int pos = slot(a, m, isolated);
            long funding = settleFunding(a, pos, isolated, market[m * 4 + 2]);
            long s0 = positions[pos + SIZE];
            long realized = applyTrade(pos, d, p);
            creditMarginPool(a, pos, isolated, realized);
            set(fundsTag, funds, POOL, sub(funds[POOL], realized));
            long fee = mulDivCeil(Math.abs(d), p, mp.takerFeeBps(), FUNDING_SCALE);
            creditMarginPool(a, pos, isolated, neg(fee));
            set(fundsTag, funds, INSURANCE, add(funds[INSURANCE], fee));
            long s = positions[pos + SIZE];
            updateOpenInterest(m, s0, s, true);
            boolean riskIncreasing = Math.abs(s) > Math.abs(s0) || (s0 != 0 && s != 0 && (s0 > 0) != (s > 0));
            if (riskIncreasing) {
                if (isolated) {
                    requireIsolatedInitial(pos, m, p);
                } else {
                    requireCrossInitial(a);
                }
            }
            if (isolated && s == 0) {
                closeIsolatedIntoCross(a, m);
            }
            if (listener != null) {
                emit(new ProtocolEvent.PositionChanged(a, m, isolated, d, s, p, realized, fee, funding));
            }
        });
    }

    public void addMargin(int a, int m, long amountE6) {
        run(() -> {
            beginMarginMove(a, m, amountE6);
            if (quote[a] < amountE6) {
                throw revert(RevertReason.InsufficientBalance);
            }
            set(quoteTag, quote, a, quote[a] - amountE6);
            int pos = slot(a, m, true);
            set(positionsTag, positions, pos + MARGIN, add(positions[pos + MARGIN], amountE6));
            requireCrossInitial(a);
            if (listener != null) {
                emit(new ProtocolEvent.IsolatedMarginMoved(a, m, amountE6));
            }
        });
    }

    public void removeMargin(int a, int m, long amountE6) {
        run(() -> {
            beginMarginMove(a, m, amountE6);
            int pos = slot(a, m, true);
            if (positions[pos + MARGIN] < amountE6) {
                throw revert(RevertReason.InsufficientBalance);
            }
            set(positionsTag, positions, pos + MARGIN, positions[pos + MARGIN] - amountE6);
            set(quoteTag, quote, a, add(quote[a], amountE6));
            if (positions[pos + SIZE] != 0) {
                requireIsolatedInitial(pos, m, priceOrRevert(marketOracle[m]));
            } else if (positions[pos + MARGIN] == 0) {
                clearSlot(pos);
            }
            if (listener != null) {
                emit(new ProtocolEvent.IsolatedMarginMoved(a, m, -amountE6));
            }
        });
    }

    /** The checks both margin moves start with, in the contract's order, then funding accrual. */
    private void beginMarginMove(int a, int m, long amountE6) {
        existing(a);
        if (m < 0 || m >= marketCount) {
            throw revert(RevertReason.UnknownMarket);
        }
        if (amountE6 <= 0) {
            throw revert(RevertReason.ZeroAmount);
        }
        accrueAll();
    }

    public void liquidatePosition(int liquidator, int a, int m, boolean isolated) {
        ensure(liquidator);
        run(() -> {
            existing(a);
            if (m < 0 || m >= marketCount) {
                throw revert(RevertReason.UnknownMarket);
            }
            int pos = slot(a, m, isolated);
            if (positions[pos + SIZE] == 0) {
                throw revert(RevertReason.NoPosition);
            }
            accrueAll();
            MarketParams mp = params[m];
            long[] v = valuation;
            if (isolated) {
                isolatedValuation(a, m, v);
            } else {
                crossValuation(a, v);
            }
            if (v[3] >= v[4]) {
                throw revert(RevertReason.NotLiquidatable);
            }
            long p = priceOrRevert(marketOracle[m]);
            long funding = settleFunding(a, pos, isolated, market[m * 4 + 2]);
            long s0 = positions[pos + SIZE];
            long close = closeSize(v, mp, s0, p);
            long delta = s0 > 0 ? -close : close;
            long realized = applyTrade(pos, delta, p);
            creditMarginPool(a, pos, isolated, realized);
            set(fundsTag, funds, POOL, sub(funds[POOL], realized));
            updateOpenInterest(m, s0, positions[pos + SIZE], false);
            long penalty = mulDivCeil(close, p, mp.liquidationPenaltyBps(), FUNDING_SCALE);
            creditMarginPool(a, pos, isolated, neg(penalty));
            long reward = mulDivFloor(penalty, mp.liquidatorShareBps(), BPS);
            set(existsTag, exists, liquidator, 1);
            set(quoteTag, quote, liquidator, add(quote[liquidator], reward));
            set(fundsTag, funds, TOTAL_QUOTE, add(funds[TOTAL_QUOTE], reward));
            set(fundsTag, funds, INSURANCE, add(funds[INSURANCE], penalty - reward));
            if (listener != null) {
                emit(new ProtocolEvent.PositionLiquidated(a, m, isolated, liquidator, delta, p, realized, funding, penalty,
                        reward));
            }
            if (isolated) {
                if (positions[pos + SIZE] == 0) {
                    long margin = positions[pos + MARGIN];
                    if (margin >= 0) {
                        closeIsolatedIntoCross(a, m);
                    } else {
                        clearSlot(pos);
                        set(fundsTag, funds, TOTAL_QUOTE, sub(funds[TOTAL_QUOTE], margin));
                        settleBadDebt(a, m, -margin);
                    }
                }
            } else {
                checkCrossBadDebt(a);
            }
        });
    }

    public void liquidateCollateral(int liquidator, int a, int assetId, long repayE6) {
        run(() -> {
            existing(a);
            if (assetId <= 0 || assetId >= assetCount) {
                throw revert(RevertReason.UnknownAsset);
            }
            if (repayE6 <= 0) {
                throw revert(RevertReason.ZeroAmount);
            }
            accrueAll();
            long[] v = valuation;
            crossValuation(a, v);
            if (v[3] >= v[4]) {
                throw revert(RevertReason.NotLiquidatable);
            }
            if (quote[a] >= 0) {
                throw revert(RevertReason.NothingToRepay);
            }
            int c = a * MAX_ASSETS + assetId;
            if (collateral[c] == 0) {
                throw revert(RevertReason.InsufficientBalance);
            }
            long p = priceOrRevert(assetOracle[assetId]);
            // −quote is exact (as in int256): quote may be int64 min, whose negation wraps in a long.
            long repay = quote[a] == Long.MIN_VALUE ? repayE6 : Math.min(repayE6, -quote[a]);
            long bonusFactor = BPS + liqBonus[assetId];
            // The first seize is compared with the balance before it is narrowed, so a seize beyond
            // int64 is clamped to the balance rather than refused (docs/protocol.md §8).
            Formulas.seizure(repay, bonusFactor, p, collateral[c], scratch);
            long seize = scratch[0];
            repay = scratch[1];
            set(quoteTag, quote, a, add(quote[a], repay));
            set(fundsTag, funds, TOTAL_QUOTE, add(funds[TOTAL_QUOTE], repay));
            set(collateralTag, collateral, c, collateral[c] - seize);
            set(totalDepositsTag, totalDeposits, assetId, totalDeposits[assetId] - seize);
            held.credit(0, repay);
            sendSeized(assetToken(assetId), seize, assetDecimals[assetId]);
            if (listener != null) {
                emit(new ProtocolEvent.CollateralLiquidated(a, assetId, liquidator, repay, seize));
            }
            checkCrossBadDebt(a);
        });
    }

    // =============================================================================================
    // getters and views
    // =============================================================================================

    public AccountState account(int a) {
        if (a < 0 || a >= capacity) {
            return new AccountState(false, 0, new long[MAX_ASSETS]);
        }
        return new AccountState(exists[a] != 0, quote[a],
                Arrays.copyOfRange(collateral, a * MAX_ASSETS, a * MAX_ASSETS + MAX_ASSETS));
    }

    public PositionState position(int a, int m, boolean isolated) {
        if (a < 0 || a >= capacity || m < 0 || m >= marketCapacity) { // no block: an unlisted market
            return new PositionState(0, 0, 0, 0);
        }
        int pos = slot(a, m, isolated);
        return new PositionState(positions[pos + SIZE], positions[pos + ON], positions[pos + SNAP], positions[pos + MARGIN]);
    }

    public MarketState marketState(int m) {
        return new MarketState(market[m * 4], market[m * 4 + 1], market[m * 4 + 2], market[m * 4 + 3]);
    }

    public long totalDepositsE9(int assetId) {
        return totalDeposits[assetId];
    }

    public ProtocolState protocolState() {
        return new ProtocolState(funds[INSURANCE], funds[POOL], funds[TOTAL_QUOTE]);
    }

    public int assetCount() {
        return assetCount;
    }

    public int marketCount() {
        return marketCount;
    }

    /** The highest account id ever touched (−1 if none). */
    public int maxAccountId() {
        return maxAccount;
    }

    public Health accountHealth(int a) {
        existing(a);
        return health(crossValuation(a));
    }

    public Health isolatedHealth(int a, int m) {
        existing(a);
        if (m < 0 || m >= marketCount) {
            throw revert(RevertReason.UnknownMarket);
        }
        return health(isolatedValuation(a, m));
    }

    public long liquidationPriceE8(int a, int m, boolean isolated) {
        existing(a);
        if (m < 0 || m >= marketCount) {
            throw revert(RevertReason.UnknownMarket);
        }
        long s = positions[slot(a, m, isolated) + SIZE];
        if (s == 0) {
            return 0;
        }
        long[] v = isolated ? isolatedValuation(a, m) : crossValuation(a);
        long p = priceOrRevert(marketOracle[m]);
        BigInteger bs = BigInteger.valueOf(s);
        BigInteger denom = bs.multiply(BigInteger.valueOf(BPS))
                .subtract(bs.abs().multiply(BigInteger.valueOf(params[m].mmrBps())));
        BigInteger gap = BigInteger.valueOf(v[3]).subtract(BigInteger.valueOf(v[4]));
        BigInteger liq = BigInteger.valueOf(p).subtract(gap.multiply(BigInteger.valueOf(FUNDING_SCALE)).divide(denom));
        return FixedPoint.narrow(liq.max(BigInteger.ZERO));
    }

    public long assetPriceE8(int assetId) {
        if (assetId < 0 || assetId >= assetCount) {
            throw revert(RevertReason.UnknownAsset);
        }
        return assetId == 0 ? 100_000_000L : priceOrRevert(assetOracle[assetId]);
    }

    public long marketPriceE8(int m) {
        if (m < 0 || m >= marketCount) {
            throw revert(RevertReason.UnknownMarket);
        }
        return priceOrRevert(marketOracle[m]);
    }

    public Solvency solvency(int assetId) {
        if (assetId < 0 || assetId >= assetCount) {
            throw revert(RevertReason.UnknownAsset);
        }
        BigInteger h = held.balance(assetToken(assetId));
        if (assetId == 0) {
            BigInteger o = BigInteger.valueOf(funds[TOTAL_QUOTE]).add(BigInteger.valueOf(funds[POOL]))
                    .add(BigInteger.valueOf(funds[INSURANCE]));
            return new Solvency(h, o.signum() > 0 ? o : BigInteger.ZERO);
        }
        int d = assetDecimals[assetId];
        BigInteger x = BigInteger.valueOf(totalDeposits[assetId]);
        BigInteger owed = d >= 9 ? x.multiply(BigInteger.TEN.pow(d - 9))
                : Formulas.ceil(x, BigInteger.TEN.pow(9 - d));
        return new Solvency(h, owed);
    }

    /**
     * Every existing account's cross maintenance margin ({@code weightedEquityMaint −
     * maintenanceRequirement}, exactly as {@link #accountHealth}) into {@code out[account]}, in
     * parallel; accounts that do not exist or whose valuation reverts get {@link Long#MIN_VALUE}.
     */
    public void revalueAll(long[] out) {
        // Warm the price cache on this thread, so the parallel loop below only reads it.
        for (int id = 1; id < assetCount; id++) {
            price(assetOracle[id]);
        }
        for (int m = 0; m < marketCount; m++) {
            price(marketOracle[m]);
            fundingIndexNow(m);
        }
        int n = Math.min(out.length, capacity);
        IntStream.range(0, (n + 4095) / 4096).parallel().forEach(chunk -> {
            long[] v = new long[5];
            int end = Math.min(n, (chunk + 1) * 4096);
            for (int a = chunk * 4096; a < end; a++) {
                if (exists[a] == 0) {
                    out[a] = Long.MIN_VALUE;
                    continue;
                }
                try {
                    crossValuation(a, v);
                    out[a] = v[3] - v[4];
                } catch (ProtocolRevert r) {
                    out[a] = Long.MIN_VALUE;
                }
            }
        });
    }

    // =============================================================================================
    // valuation (docs/protocol.md §6); {equity, weightedInitial, initialReq, weightedMaint, maintReq}
    // =============================================================================================

    private long[] crossValuation(int a) {
        long[] v = new long[5];
        crossValuation(a, v);
        return v;
    }

    private void crossValuation(int a, long[] v) {
        long q = quote[a];
        long equity = q;
        long wi = q;
        long wm = q;
        long ir = 0;
        long mr = 0;
        int base = a * MAX_ASSETS;
        for (int id = 1; id < assetCount; id++) {
            long c = collateral[base + id];
            if (c == 0) {
                continue;
            }
            long value = mulDivFloor(c, priceOrRevert(assetOracle[id]), VALUE_SCALE);
            equity = add(equity, value);
            wi = add(wi, mulDivFloor(value, initialWeight[id], BPS));
            wm = add(wm, mulDivFloor(value, maintWeight[id], BPS));
        }
        for (int m = 0; m < marketCount; m++) {
            int pos = slot(a, m, false);
            long s = positions[pos + SIZE];
            if (s == 0) {
                continue;
            }
            long p = priceOrRevert(marketOracle[m]);
            long pnl = pnl(pos, m, p);
            equity = add(equity, pnl);
            wi = add(wi, pnl);
            wm = add(wm, pnl);
            ir = add(ir, mulDivCeil(Math.abs(s), p, params[m].imrBps(), FUNDING_SCALE));
            mr = add(mr, mulDivCeil(Math.abs(s), p, params[m].mmrBps(), FUNDING_SCALE));
        }
        v[0] = equity;
        v[1] = wi;
        v[2] = ir;
        v[3] = wm;
        v[4] = mr;
    }

    private long[] isolatedValuation(int a, int m) {
        long[] v = new long[5];
        isolatedValuation(a, m, v);
        return v;
    }

    private void isolatedValuation(int a, int m, long[] v) {
        int pos = slot(a, m, true);
        long margin = positions[pos + MARGIN];
        long s = positions[pos + SIZE];
        if (s == 0) {
            v[0] = margin;
            v[1] = margin;
            v[2] = 0;
            v[3] = margin;
            v[4] = 0;
            return;
        }
        long p = priceOrRevert(marketOracle[m]);
        long e = add(margin, pnl(pos, m, p));
        v[0] = e;
        v[1] = e;
        v[2] = mulDivCeil(Math.abs(s), p, params[m].imrBps(), FUNDING_SCALE);
        v[3] = e;
        v[4] = mulDivCeil(Math.abs(s), p, params[m].mmrBps(), FUNDING_SCALE);
    }

    private long pnl(int pos, int m, long p) {
        long s = positions[pos + SIZE];
        long value = mulDivFloor(s, p, VALUE_SCALE);
        return add(add(value, positions[pos + ON]), fundingOwed(s, fundingIndexNow(m), positions[pos + SNAP]));
    }

    /** floor(−s · (index − snapshot) / 1e15): funding credited to a position (negative = owed). */
    private static long fundingOwed(long s, long index, long snapshot) {
        long diff = index - snapshot;
        if (((index ^ snapshot) & (index ^ diff)) < 0 || s == Long.MIN_VALUE) {
            return FixedPoint.floorDiv(BigInteger.valueOf(s).negate().multiply(
                    BigInteger.valueOf(index).subtract(BigInteger.valueOf(snapshot))), BigInteger.valueOf(FUNDING_SCALE));
        }
        return diff == 0 ? 0 : mulDivFloor(-s, diff, FUNDING_SCALE);
    }

    private static Health health(long[] v) {
        long free = Math.max(0, sub(v[1], v[2]));
        long hb = v[4] == 0 ? Long.MAX_VALUE : mulDivFloor(v[3], BPS, v[4]);
        return new Health(v[0], v[1], v[2], v[3], v[4], free, hb);
    }

    private void requireCrossInitial(int a) {
        if (quote[a] >= 0) {
            boolean anyPosition = false;
            for (int m = 0; m < marketCount; m++) {
                if (positions[slot(a, m, false) + SIZE] != 0) {
                    anyPosition = true;
                    break;
                }
            }
            if (!anyPosition) {
                return;
            }
        }
        long[] v = valuation;
        crossValuation(a, v);
        if (v[1] < v[2]) {
            throw revert(RevertReason.InsufficientMargin);
        }
    }

    private void requireIsolatedInitial(int pos, int m, long p) {
        MarketParams mp = params[m];
        long s = positions[pos + SIZE];
        long pnl = pnl(pos, m, p);
        long requirement = mulDivCeil(Math.abs(s), p, mp.imrBps(), FUNDING_SCALE);
        if (add(positions[pos + MARGIN], pnl) < requirement) {
            throw revert(RevertReason.InsufficientMargin);
        }
    }

    private long closeSize(long[] v, MarketParams mp, long s0, long p) {
        return Formulas.closeSizeE9(v[4], v[3], mp.mmrBps(), mp.liquidationPenaltyBps(), bufferBps, dustE6, s0, p);
    }

    // =============================================================================================
    // positions, funding, bad debt
    // =============================================================================================

    private long applyTrade(int pos, long d, long p) {
        long s0 = positions[pos + SIZE];
        long on0 = positions[pos + ON];
        if (s0 == 0 || (s0 > 0) == (d > 0)) {
            set(positionsTag, positions, pos + ON, add(on0, mulDivFloor(neg(d), p, VALUE_SCALE)));
            set(positionsTag, positions, pos + SIZE, add(s0, d));
            return 0;
        }
        long c = Math.min(Math.abs(d), Math.abs(s0));
        if (d < 0) {
            c = -c;
        }
        long released = mulDivFloor(on0, Math.abs(c), Math.abs(s0));
        long realized = add(mulDivFloor(-c, p, VALUE_SCALE), released);
        long on = sub(on0, released);
        long s = s0 + c;
        long r = d - c;
        if (r != 0) {
            on = mulDivFloor(neg(r), p, VALUE_SCALE);
            s = r;
        }
        set(positionsTag, positions, pos + ON, on);
        set(positionsTag, positions, pos + SIZE, s);
        return realized;
    }

    private long settleFunding(int a, int pos, boolean isolated, long index) {
        long f = fundingOwed(positions[pos + SIZE], index, positions[pos + SNAP]);
        set(positionsTag, positions, pos + SNAP, index);
        set(fundsTag, funds, POOL, sub(funds[POOL], f));
        creditMarginPool(a, pos, isolated, f);
        return f;
    }

    private void creditMarginPool(int a, int pos, boolean isolated, long x) {
        if (isolated) {
            set(positionsTag, positions, pos + MARGIN, add(positions[pos + MARGIN], x));
        } else {
            set(quoteTag, quote, a, add(quote[a], x));
        }
        set(fundsTag, funds, TOTAL_QUOTE, add(funds[TOTAL_QUOTE], x));
    }

    private void updateOpenInterest(int m, long s0, long s, boolean enforceCap) {
        long oldLong = market[m * 4];
        long oldShort = market[m * 4 + 1];
        // Remove the old contribution first: open interest always includes it, so only adding the new
        // one can leave int64, and exactly when the contract's narrowing would.
        long longOi = add(oldLong - Math.max(s0, 0), Math.max(s, 0));
        long shortOi = add(oldShort - (s0 < 0 ? -s0 : 0), s < 0 ? neg(s) : 0);
        if (enforceCap) {
            long cap = params[m].maxOpenInterestE9();
            if ((longOi > oldLong && longOi > cap) || (shortOi > oldShort && shortOi > cap)) {
                throw revert(RevertReason.OpenInterestCapExceeded);
            }
        }
        set(marketTag, market, m * 4, longOi);
        set(marketTag, market, m * 4 + 1, shortOi);
    }

    private void closeIsolatedIntoCross(int a, int m) {
        int pos = slot(a, m, true);
        set(quoteTag, quote, a, add(quote[a], positions[pos + MARGIN]));
        clearSlot(pos);
    }

    private void clearSlot(int pos) {
        for (int f = 0; f < POS_FIELDS; f++) {
            if (positions[pos + f] != 0) {
                set(positionsTag, positions, pos + f, 0);
            }
        }
    }

    private void checkCrossBadDebt(int a) {
        if (quote[a] >= 0) {
            return;
        }
        for (int m = 0; m < marketCount; m++) {
            if (positions[slot(a, m, false) + SIZE] != 0) {
                return;
            }
        }
        for (int id = 1; id < assetCount; id++) {
            if (collateral[a * MAX_ASSETS + id] != 0) {
                return;
            }
        }
        long debt = neg(quote[a]);
        set(quoteTag, quote, a, 0);
        set(fundsTag, funds, TOTAL_QUOTE, add(funds[TOTAL_QUOTE], debt));
        settleBadDebt(a, NO_MARKET, debt);
    }

    private void settleBadDebt(int a, int m, long debt) {
        long fromInsurance = Math.min(debt, Math.max(funds[INSURANCE], 0));
        set(fundsTag, funds, INSURANCE, funds[INSURANCE] - fromInsurance);
        long socialized = debt - fromInsurance;
        set(fundsTag, funds, POOL, sub(funds[POOL], socialized));
        if (listener != null) {
            emit(new ProtocolEvent.BadDebtSettled(a, m, debt, fromInsurance, socialized));
        }
    }

    private void accrueAll() {
        for (int m = 0; m < marketCount; m++) {
            accrue(m);
        }
    }

    private void accrue(int m) {
        if (now == market[m * 4 + 3]) {
            return;
        }
        long delta = pendingFunding(m);
        if (delta == NO_PRICE) {
            return;
        }
        set(marketTag, market, m * 4 + 2, add(market[m * 4 + 2], delta));
        set(marketTag, market, m * 4 + 3, now);
        if (listener != null) {
            emit(new ProtocolEvent.FundingAccrued(m, delta, market[m * 4 + 2]));
        }
    }

    /** Marks "the price failed its guards": funding cannot be computed now. */
    private static final long NO_PRICE = Long.MIN_VALUE;

    private long fundingIndexNow(int m) {
        if (fundingCacheEpoch[m] == epoch && fundingCacheVersion[m] == marketVersion) {
            return fundingCache[m];
        }
        long delta = pendingFunding(m);
        long index = delta == NO_PRICE ? market[m * 4 + 2] : add(market[m * 4 + 2], delta);
        fundingCache[m] = index;
        fundingCacheEpoch[m] = epoch;
        fundingCacheVersion[m] = marketVersion;
        return index;
    }

    /** The current funding index depends on time, prices and the market's stored state: cached on all three. */
    private final long[] fundingCache = new long[MAX_MARKETS];
    private final long[] fundingCacheEpoch = new long[MAX_MARKETS];
    private final long[] fundingCacheVersion = new long[MAX_MARKETS];
    private long marketVersion;

    private long pendingFunding(int m) {
        long dt = now - market[m * 4 + 3];
        if (dt == 0) {
            return 0;
        }
        long p = price(marketOracle[m]);
        if (p <= 0) {
            return NO_PRICE;
        }
        long longOi = market[m * 4];
        long shortOi = market[m * 4 + 1];
        if (longOi + shortOi == 0) {
            return 0;
        }
        return Formulas.fundingDeltaE12(p, params[m].fundingRateE12PerSec(), dt, longOi, shortOi);
    }


    // =============================================================================================
    // oracles (docs/protocol.md §3)
    // =============================================================================================

    private Oracle validatedOracle(OracleConfig config, int slot) {
        int feed;
        try {
            feed = Integer.parseInt(config.feed());
        } catch (NumberFormatException e) {
            throw revert(RevertReason.FeedHasNoCode);
        }
        if (feed < 0 || feed >= rounds.size()) {
            throw revert(RevertReason.FeedHasNoCode);
        }
        int fd = feedDecimals.get(feed);
        if (fd == 0 || fd > 18) {
            throw revert(RevertReason.InvalidFeedDecimals);
        }
        long min = config.minAnswer();
        long max = config.maxAnswer();
        if (min <= 0 || min >= max) {
            throw revert(RevertReason.InvalidOracleConfig);
        }
        if (fd < 8 && BigInteger.valueOf(max).multiply(BigInteger.TEN.pow(8 - fd)).bitLength() > 63) {
            throw revert(RevertReason.InvalidOracleConfig);
        }
        if (fd > 8 && BigInteger.valueOf(min).divide(BigInteger.TEN.pow(fd - 8)).signum() < 1) {
            throw revert(RevertReason.InvalidOracleConfig);
        }
        cacheEpoch[slot] = -1;
        return new Oracle(slot, feed, config.heartbeatSeconds(), fd, min, max);
    }

    private long priceOrRevert(Oracle o) {
        long p = price(o);
        if (p <= 0) {
            throw ProtocolRevert.oracle(OracleFailureCode.ofCode((int) -p));
        }
        return p;
    }

    /** The guarded price, or minus the failure code (cached per epoch). */
    private long price(Oracle o) {
        int slot = o.slot();
        if (cacheEpoch[slot] == epoch) {
            return cachePrice[slot];
        }
        long p = guardedPrice(o);
        cachePrice[slot] = p;
        cacheEpoch[slot] = epoch;
        return p;
    }

    private long guardedPrice(Oracle o) {
        if (sequencerFeed >= 0) {
            long[] seq = rounds.get(sequencerFeed);
            if (seq[1] != 0) {
                return -5;
            }
            if (now < seq[2] || now - seq[2] <= sequencerGrace) {
                return -6;
            }
        }
        long[] r = rounds.get(o.feed());
        long answer = r[1];
        if (answer <= 0) {
            return -1;
        }
        if (r[3] == 0 || r[4] < r[0]) {
            return -2;
        }
        if (now > r[3] + o.heartbeat()) {
            return -3;
        }
        if (answer < o.minAnswer() || answer > o.maxAnswer()) {
            return -4;
        }
        int fd = o.decimals();
        return fd <= 8 ? answer * POW10[8 - fd] : answer / POW10[fd - 8];
    }

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    // =============================================================================================
    // parameters
    // =============================================================================================

    private static void validateAssetRisk(AssetRisk r) {
        int iw = r.initialWeightBps();
        int mw = r.maintenanceWeightBps();
        if (iw <= 0 || iw > mw || mw > 10_000) {
            throw revert(RevertReason.InvalidWeights);
        }
        if (r.liquidationBonusBps() < 0 || r.liquidationBonusBps() > 5_000
                || (10_000L + r.liquidationBonusBps()) * mw > 10_000L * 10_000L) {
            throw revert(RevertReason.InvalidLiquidationBonus);
        }
        if (r.depositCapE9() <= 0) {
            throw revert(RevertReason.InvalidCap);
        }
    }

    private void setRisk(int id, AssetRisk r) {
        initialWeight[id] = r.initialWeightBps();
        maintWeight[id] = r.maintenanceWeightBps();
        liqBonus[id] = r.liquidationBonusBps();
        depositCap[id] = r.depositCapE9();
    }

    private static void validateMarketParams(MarketParams p) {
        if (p.mmrBps() <= 0 || p.mmrBps() >= p.imrBps() || p.imrBps() > 10_000) {
            throw revert(RevertReason.InvalidMarginRatios);
        }
        if (p.liquidationPenaltyBps() < 0 || p.liquidationPenaltyBps() >= p.mmrBps() || p.liquidatorShareBps() < 0
                || p.liquidatorShareBps() > 10_000) {
            throw revert(RevertReason.InvalidPenalty);
        }
        if (p.takerFeeBps() < 0 || p.takerFeeBps() > 1_000) {
            throw revert(RevertReason.InvalidFee);
        }
        if (p.maxOpenInterestE9() <= 0) {
            throw revert(RevertReason.InvalidCap);
        }
        if (p.fundingRateE12PerSec() < 0 || p.fundingRateE12PerSec() > 1_000_000_000L) {
            throw revert(RevertReason.InvalidFundingRate);
        }
    }

    private void emitParams(int id, MarketParams p) {
        if (listener != null) {
            emit(new ProtocolEvent.MarketParamsUpdated(id, p.imrBps(), p.mmrBps(), p.liquidationPenaltyBps(),
                    p.liquidatorShareBps(), p.takerFeeBps(), p.maxOpenInterestE9(), p.fundingRateE12PerSec()));
        }
    }

    // =============================================================================================
    // tokens, accounts, plumbing
    // =============================================================================================

    private int assetToken(int assetId) {
        return assetId == 0 ? 0 : assetToken[assetId];
    }

    private static long checkedQuote(BigInteger t) {
        if (t.bitLength() > 63) {
            throw FixedPoint.overflow();
        }
        return t.longValue();
    }

    private static long creditE9(BigInteger t, int d) {
        if (t.bitLength() <= 63 && Math.abs(d - 9) <= 18) { // the common case, without BigInteger
            long x = t.longValue();
            return d >= 9 ? x / POW10[d - 9] : multiplyOrOverflow(x, POW10[9 - d]);
        }
        if (d >= 9 && d - 9 <= 18 && t.bitLength() <= 126) { // 18-decimal tokens: amounts beyond 2^63 units
            return Int128Math.divide(t.shiftRight(64).longValue(), t.longValue(), POW10[d - 9],
                    Int128Math.Rounding.TRUNCATE);
        }
        BigInteger x = d >= 9 ? t.divide(BigInteger.TEN.pow(d - 9)) : t.multiply(BigInteger.TEN.pow(9 - d));
        return checkedQuote(x);
    }

    private static long debitE9(BigInteger t, int d) {
        if (t.bitLength() <= 63 && Math.abs(d - 9) <= 18) {
            long x = t.longValue();
            return d >= 9 ? -Math.floorDiv(-x, POW10[d - 9]) : multiplyOrOverflow(x, POW10[9 - d]);
        }
        if (d >= 9 && d - 9 <= 18 && t.bitLength() <= 126) {
            return Int128Math.divide(t.shiftRight(64).longValue(), t.longValue(), POW10[d - 9],
                    Int128Math.Rounding.CEILING);
        }
        BigInteger x = d >= 9 ? Formulas.ceil(t, BigInteger.TEN.pow(d - 9)) : t.multiply(BigInteger.TEN.pow(9 - d));
        return checkedQuote(x);
    }

    private static long multiplyOrOverflow(long x, long y) {
        long hi = Math.multiplyHigh(x, y);
        long lo = x * y;
        if (hi != 0 || lo < 0) {
            throw FixedPoint.overflow();
        }
        return lo;
    }

    /** Pays out seized collateral, {@code x} E9 converted by §2 (x·s or floor(x / s)); long where it fits. */
    private void sendSeized(int token, long x, int d) {
        if (d < 9) {
            held.debit(token, x / POW10[9 - d]); // x ≥ 0: truncation is the floor
        } else if (d - 9 < POW10.length && Math.multiplyHigh(x, POW10[d - 9]) == 0 && x * POW10[d - 9] >= 0) {
            held.debit(token, x * POW10[d - 9]);
        } else {
            held.debit(token, seizedTokens(x, d));
        }
    }

    private static BigInteger seizedTokens(long x, int d) {
        BigInteger bx = BigInteger.valueOf(x);
        return d >= 9 ? bx.multiply(BigInteger.TEN.pow(d - 9)) : bx.divide(BigInteger.TEN.pow(9 - d));
    }

    private void receive(int token, BigInteger amount) {
        held.credit(token, amount);
    }

    private void send(int token, BigInteger amount) {
        held.debit(token, amount);
    }

    private void existing(int a) {
        if (a < 0 || a >= capacity || exists[a] == 0) {
            throw revert(RevertReason.UnknownAccount);
        }
    }

    private int slot(int a, int m, boolean isolated) {
        return ((a * marketCapacity + m) * SLOT_PAIR + (isolated ? 1 : 0)) * POS_FIELDS;
    }

    /** Copies every account's position block into a layout with room for {@code markets} markets. */
    private void widenPositionBlocks(int markets) {
        int oldBlock = marketCapacity * SLOT_PAIR * POS_FIELDS;
        int newBlock = markets * SLOT_PAIR * POS_FIELDS;
        long[] wider = new long[capacity * newBlock];
        for (int a = 0; a < capacity; a++) {
            System.arraycopy(positions, a * oldBlock, wider, a * newBlock, oldBlock);
        }
        positions = wider;
        marketCapacity = markets;
        journal.rebind(positionsTag, positions);
    }

    private void ensure(int a) {
        if (a < 0) {
            throw revert(RevertReason.UnknownAccount);
        }
        maxAccount = Math.max(maxAccount, a);
        if (a < capacity) {
            return;
        }
        int n = Math.max(a + 1, Math.max(16, capacity * 2));
        exists = Arrays.copyOf(exists, n);
        quote = Arrays.copyOf(quote, n);
        collateral = Arrays.copyOf(collateral, n * MAX_ASSETS);
        positions = Arrays.copyOf(positions, n * marketCapacity * SLOT_PAIR * POS_FIELDS);
        capacity = n;
        journal.rebind(existsTag, exists);
        journal.rebind(quoteTag, quote);
        journal.rebind(collateralTag, collateral);
        journal.rebind(positionsTag, positions);
    }

    private void set(int tag, long[] array, int index, long value) {
        if (array[index] == value) { // nothing changes: nothing to journal (a credit of 0, an existing account)
            return;
        }
        if (tag == marketTag) {
            marketVersion++;
        }
        journal.set(tag, array, index, value);
    }

    /** Runs one operation atomically: all of it with its events, or none of it. */
    private void run(Runnable op) {
        try {
            op.run();
            journal.commit();
            flush();
        } catch (ProtocolRevert r) {
            journal.rollback();
            marketVersion++;
            pending.clear();
            throw r;
        }
    }

    /** Queues an event; callers test {@code listener != null} first, so no event is built that nobody reads. */
    private void emit(ProtocolEvent e) {
        if (listener != null) {
            pending.add(e);
        }
    }

    private void flush() {
        if (listener != null) {
            for (ProtocolEvent e : pending) {
                listener.accept(e);
            }
        }
        pending.clear();
    }

    private static ProtocolRevert revert(RevertReason reason) {
        return new ProtocolRevert(reason);
    }
}
