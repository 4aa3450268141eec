package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One bad round that lasts one block: at {@code at} the oracle writes a wrong answer, and
 * {@code blockSeconds} later a round with the market price of that moment corrects it. Rounds the
 * update rule would have written in {@code [at, at + blockSeconds]} are dropped, so the bad answer
 * is the latest for exactly one block. Two kinds:
 * <ul>
 *   <li>{@link #spike}: the market price at {@code at} times a factor, half-even (a manipulated
 *       thin market, or a flash loan moving a spot-price oracle);</li>
 *   <li>{@link #answer}: a fixed answer, typically 0 or negative (a broken aggregator).</li>
 * </ul>
 */
public final class OneBlockRound implements RoundFailure {
    private final long at;
    private final long blockSeconds;
    private final LongFunction<BigInteger> badAnswer;

    private OneBlockRound(long at, long blockSeconds, LongFunction<BigInteger> badAnswer) {
        if (at < 0 || blockSeconds <= 0) {
            throw new IllegalArgumentException("need at >= 0 and a positive block time, got " + at + ", " + blockSeconds);
        }
        this.at = at;
        this.blockSeconds = blockSeconds;
        this.badAnswer = badAnswer;
    }

    /** The market price at {@code at} multiplied by {@code factor} (e.g. 3 for a tripled price, 0.2 for a dump). */
    public static OneBlockRound spike(long at, BigDecimal factor, long blockSeconds) {
        if (factor.signum() <= 0) {
            throw new IllegalArgumentException("spike factor must be positive, got " + factor);
        }
        return new OneBlockRound(at, blockSeconds,
                price -> new BigDecimal(price).multiply(factor).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact());
    }

    /** A fixed answer at {@code at} (0 or negative for the positive-answer guard to catch). */
    public static OneBlockRound answer(long at, BigInteger answer, long blockSeconds) {
        return new OneBlockRound(at, blockSeconds, price -> answer);
    }

    @Override
    public List<Report> apply(List<Report> reports, PricePath market) {
        long end = at + blockSeconds;
        List<Report> out = new ArrayList<>(reports.size() + 2);
        for (Report r : reports) {
            if (r.writeTime() < at || r.writeTime() > end) {
                out.add(r);
            }
        }
        out.add(new Report(at, at, badAnswer.apply(market.priceAt(at)), false));
        out.add(Report.at(end, market.priceAt(end)));
        out.sort(Comparator.comparingLong(Report::writeTime));
        return out;
    }
}
