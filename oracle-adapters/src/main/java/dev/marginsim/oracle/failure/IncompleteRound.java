package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A round the oracle started at {@code at} but did not answer ({@code updatedAt = 0}), or answered
 * with a value carried over from the previous round ({@code answeredInRound < roundId}); either way
 * the complete-round guard refuses it until the next round is written.
 *
 * @param at          when the round starts
 * @param carriedOver false: {@code updatedAt = 0}; true: complete but {@code answeredInRound} is the previous round
 */
public record IncompleteRound(long at, boolean carriedOver) implements RoundFailure {
    public IncompleteRound {
        if (at < 0) {
            throw new IllegalArgumentException("at must not be negative: " + at);
        }
    }

    @Override
    public List<Report> apply(List<Report> reports, PricePath market) {
        List<Report> out = new ArrayList<>(reports);
        BigInteger answer = BigInteger.valueOf(market.priceAt(at));
        out.removeIf(r -> r.writeTime() == at);
        out.add(carriedOver ? new Report(at, at, answer, true) : new Report(at, 0, answer, false));
        out.sort(Comparator.comparingLong(Report::writeTime));
        return out;
    }
}
