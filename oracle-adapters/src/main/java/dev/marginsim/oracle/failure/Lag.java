package dev.marginsim.oracle.failure;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.path.PricePath;
import java.math.BigInteger;
import java.util.Optional;

/**
 * How far an oracle's view trails its market: at every market point, the gap between the market
 * price and the answer the feed shows then, in basis points of the shown answer rounded up (so the
 * figure never understates it); and the longest time between two written rounds.
 *
 * @param maxDeviationBps  the largest gap, basis points (ceiling); -1 if no point could be compared
 * @param maxDeviationAt   the market time of that gap
 * @param longestGapSeconds the longest time between consecutive round write times (0 for fewer than two rounds)
 * @param uncovered        market points with no round yet, or a non-positive shown answer (not compared)
 */
public record Lag(long maxDeviationBps, long maxDeviationAt, long longestGapSeconds, int uncovered) {
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    public static Lag of(PricePath market, OracleView view) {
        long worst = -1;
        long worstAt = market.startTime();
        int uncovered = 0;
        for (int i = 0; i < market.size(); i++) {
            Optional<PriceRound> shown = view.latestAt(market.time(i));
            if (shown.isEmpty() || shown.get().answer().signum() <= 0) {
                uncovered++;
                continue;
            }
            BigInteger a = shown.get().answer();
            BigInteger[] qr = BigInteger.valueOf(market.price(i)).subtract(a).abs().multiply(BPS).divideAndRemainder(a);
            long bps = qr[0].add(qr[1].signum() > 0 ? BigInteger.ONE : BigInteger.ZERO).min(BigInteger.valueOf(Long.MAX_VALUE))
                    .longValueExact();
            if (bps > worst) {
                worst = bps;
                worstAt = market.time(i);
            }
        }
        long gap = 0;
        for (int i = 1; i < view.rounds().size(); i++) {
            gap = Math.max(gap, OracleView.writeTime(view.rounds().get(i)) - OracleView.writeTime(view.rounds().get(i - 1)));
        }
        return new Lag(worst, worstAt, gap, uncovered);
    }
}
