package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * Chainlink's old {@code minAnswer}/{@code maxAnswer}: the aggregator writes
 * {@code min(max(answer, minAnswer), maxAnswer)}, so a market that falls through the floor keeps
 * being reported at the floor (LUNA/USD, May 2022: the feed stayed at 0.10 while LUNA traded far
 * lower). Applied to every round, after the update rule.
 */
public record Clamp(BigInteger minAnswer, BigInteger maxAnswer) implements RoundFailure {
    public Clamp {
        Objects.requireNonNull(minAnswer, "minAnswer");
        Objects.requireNonNull(maxAnswer, "maxAnswer");
        if (minAnswer.compareTo(maxAnswer) > 0) {
            throw new IllegalArgumentException("minAnswer " + minAnswer + " is above maxAnswer " + maxAnswer);
        }
    }

    @Override
    public List<Report> apply(List<Report> reports, PricePath market) {
        return reports.stream().map(r -> r.withAnswer(r.answer().max(minAnswer).min(maxAnswer))).toList();
    }
}
