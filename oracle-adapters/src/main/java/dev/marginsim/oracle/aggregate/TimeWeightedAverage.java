package dev.marginsim.oracle.aggregate;

import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The time-weighted average answer over {@code [start, end)}: each round's answer holds from its
 * {@code updatedAt} until the next round's, so the average is
 * {@code floor(Σ answer_i × seconds_i / (end − start))} — one division, rounded toward −∞. Incomplete
 * rounds ({@code updatedAt == 0}) and rounds updated after {@code end} hold no time; of rounds updated
 * in the same second, the one with the higher round id holds it (input order does not matter). The history must
 * reach back to a round updated at or before {@code start} (the answer in force when the window
 * opens); otherwise {@link AggregationException.Reason#HISTORY_TOO_SHORT}.
 */
public final class TimeWeightedAverage {
    private TimeWeightedAverage() {
    }

    public static BigInteger of(List<PriceRound> rounds, long start, long end) {
        if (end <= start) {
            throw new IllegalArgumentException("empty window [" + start + ", " + end + ")");
        }
        List<PriceRound> sorted = new ArrayList<>();
        for (PriceRound r : rounds) {
            if (r.updatedAt() != 0 && r.updatedAt() < end) {
                sorted.add(r);
            }
        }
        // Rounds updated in the same second: the higher round id is the later write, the one in force.
        sorted.sort(Comparator.comparingLong(PriceRound::updatedAt).thenComparing(PriceRound::roundId));
        if (sorted.isEmpty() || sorted.get(0).updatedAt() > start) {
            throw new AggregationException(AggregationException.Reason.HISTORY_TOO_SHORT,
                    "no round at or before the window start " + start
                            + (sorted.isEmpty() ? "" : " (earliest " + sorted.get(0).updatedAt() + ")"));
        }
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            long from = Math.max(start, sorted.get(i).updatedAt());
            long to = i + 1 < sorted.size() ? Math.max(start, sorted.get(i + 1).updatedAt()) : end;
            if (to > from) {
                sum = sum.add(sorted.get(i).answer().multiply(BigInteger.valueOf(to - from)));
            }
        }
        BigInteger[] qr = sum.divideAndRemainder(BigInteger.valueOf(end - start));
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }
}
