package dev.marginsim.prover.margin;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * The exact integers of one pool's valuation, in the protocol's operation order and rounding
 * (docs/protocol.md §1, §6): every floor division as quotient and remainder, every size with its
 * absolute value, the funding product size × snapshot, and the slack
 * {@code D = weightedEquity − requirement}. These are the openings of the proof's base commitments
 * ({@link MarginCircuit}); the prover refuses (never proves) when the protocol's valuation would
 * revert or when {@code D < 0}.
 */
public final class MarginWitness {
    static final BigInteger VALUE_SCALE = BigInteger.valueOf(100_000_000_000L);          // 1e11
    static final BigInteger BPS = BigInteger.valueOf(10_000);
    static final BigInteger FUNDING_SCALE = BigInteger.valueOf(1_000_000_000_000_000L);  // 1e15
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final BigInteger[] base;
    private final BigInteger slack;

    private MarginWitness(BigInteger[] base, BigInteger slack) {
        this.base = base;
        this.slack = slack;
    }

    /**
     * Values the pool as the engine's {@code accountHealth} does, at the statement's level.
     *
     * @throws MarginRefusedException {@code OVERFLOW} where the protocol reverts {@code Overflow()},
     *         {@code OPENING_MISMATCH} for an opening that does not fit the statement; never for a
     *         negative slack (see {@link #requireSufficient()})
     */
    public static MarginWitness compute(MarginStatement statement, PoolOpening pool) throws MarginRefusedException {
        if (!pool.fits(statement)) {
            throw new MarginRefusedException(MarginRefusedException.Reason.OPENING_MISMATCH,
                    "the opening has " + pool.collateralE9().length + " assets and " + pool.positions().size()
                            + " positions; the statement " + statement.assets().size() + " and "
                            + statement.markets().size());
        }
        MarginCircuit layout = MarginCircuit.of(statement);
        BigInteger[] base = new BigInteger[layout.baseCount()];
        long weighted = pool.quoteE6();
        long equity = pool.quoteE6();  // summed only for its Overflow(), as the engine sums it alongside
        long requirement = 0;
        base[MarginCircuit.QUOTE] = BigInteger.valueOf(pool.quoteE6());
        long[] collateral = pool.collateralE9();
        for (int i = 0; i < statement.assets().size(); i++) {
            AssetTerm asset = statement.assets().get(i);
            BigInteger c = BigInteger.valueOf(collateral[i]);
            BigInteger value = floorInt64(c.multiply(BigInteger.valueOf(asset.priceE8())), VALUE_SCALE, "value of asset " + asset.assetId());
            BigInteger w = floorInt64(value.multiply(BigInteger.valueOf(asset.weightBps())), BPS, "weighted value of asset " + asset.assetId());
            equity = add(equity, value.longValueExact());
            weighted = add(weighted, w.longValueExact());
            base[layout.asset(i, MarginCircuit.A_AMOUNT)] = c;
            base[layout.asset(i, MarginCircuit.A_VALUE)] = value;
            base[layout.asset(i, MarginCircuit.A_WEIGHTED)] = w;
        }
        List<PositionOpening> positions = pool.positions();
        for (int j = 0; j < statement.markets().size(); j++) {
            MarketTerm market = statement.markets().get(j);
            PositionOpening pos = positions.get(j);
            long s = pos.sizeE9();
            if (s == 0) {
                // The engine reads nothing of a market without a position; committing zeros values it at
                // exactly 0 (a closed position's open notional is 0 anyway, docs/protocol.md §8 trade).
                pos = PositionOpening.NONE;
            }
            if (s == Long.MIN_VALUE) {
                throw new MarginRefusedException(MarginRefusedException.Reason.OPENING_MISMATCH,
                        "size int64 min has no int64 absolute value");
            }
            BigInteger size = BigInteger.valueOf(s);
            BigInteger p = BigInteger.valueOf(market.priceE8());
            BigInteger index = BigInteger.valueOf(market.fundingIndexE12());
            BigInteger snap = BigInteger.valueOf(pos.fundingSnapshotE12());
            BigInteger product = size.multiply(snap);
            BigInteger value = floorInt64(size.multiply(p), VALUE_SCALE, "position value in market " + market.marketId());
            BigInteger funding = floorInt64(size.negate().multiply(index).add(product), FUNDING_SCALE,
                    "funding owed in market " + market.marketId());
            // requirement = ceil(|s|·p·ratio / 1e15) = −floor(−|s|·p·ratio / 1e15)
            BigInteger negRequirement = floorInt64(size.abs().multiply(p).multiply(BigInteger.valueOf(market.ratioBps())).negate(),
                    FUNDING_SCALE, "requirement in market " + market.marketId());
            if (negRequirement.equals(INT64_MIN)) {
                throw overflow("requirement in market " + market.marketId());
            }
            if (s != 0) { // the engine reads (and sums) only markets with a position
                long pnl = add(add(value.longValueExact(), pos.openNotionalE6()), funding.longValueExact());
                equity = add(equity, pnl);
                weighted = add(weighted, pnl);
                requirement = add(requirement, -negRequirement.longValueExact());
            }
            base[layout.market(j, MarginCircuit.M_SIZE)] = size;
            base[layout.market(j, MarginCircuit.M_ABS_SIZE)] = size.abs();
            base[layout.market(j, MarginCircuit.M_OPEN_NOTIONAL)] = BigInteger.valueOf(pos.openNotionalE6());
            base[layout.market(j, MarginCircuit.M_SNAPSHOT)] = snap;
            base[layout.market(j, MarginCircuit.M_PRODUCT)] = product;
            base[layout.market(j, MarginCircuit.M_VALUE)] = value;
            base[layout.market(j, MarginCircuit.M_FUNDING)] = funding;
            base[layout.market(j, MarginCircuit.M_NEG_REQUIREMENT)] = negRequirement;
        }
        BigInteger slack = BigInteger.valueOf(weighted).subtract(BigInteger.valueOf(requirement));
        return new MarginWitness(base, slack);
    }

    /** weightedEquity − requirement at the statement's level (the engine's {@code v[3] − v[4]} for maintenance). */
    public BigInteger slack() {
        return slack;
    }

    /** @throws MarginRefusedException {@code INSUFFICIENT_MARGIN} when the slack is negative */
    public void requireSufficient() throws MarginRefusedException {
        if (slack.signum() < 0) {
            throw new MarginRefusedException(MarginRefusedException.Reason.INSUFFICIENT_MARGIN,
                    "weighted equity is " + slack.negate() + " E6 below the requirement");
        }
    }

    /** The openings of the base commitments, in {@link MarginCircuit} order (a copy). */
    public BigInteger[] baseValues() {
        return base.clone();
    }

    private static BigInteger floorInt64(BigInteger numerator, BigInteger divisor, String what) throws MarginRefusedException {
        BigInteger q = new java.math.BigDecimal(numerator).divide(new java.math.BigDecimal(divisor), 0, RoundingMode.FLOOR)
                .toBigIntegerExact();
        if (q.compareTo(INT64_MIN) < 0 || q.compareTo(INT64_MAX) > 0) {
            throw overflow(what);
        }
        return q;
    }

    private static long add(long a, long b) throws MarginRefusedException {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw overflow("a sum of valuation terms");
        }
        return r;
    }

    private static MarginRefusedException overflow(String what) {
        return new MarginRefusedException(MarginRefusedException.Reason.OVERFLOW, what + " leaves int64 (the protocol reverts Overflow())");
    }
}
