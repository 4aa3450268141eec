package dev.marginsim.cli.prices;

import dev.marginsim.oracle.failure.Clamp;
import dev.marginsim.oracle.failure.Depeg;
import dev.marginsim.oracle.failure.DeviationHeartbeat;
import dev.marginsim.oracle.failure.Freeze;
import dev.marginsim.oracle.failure.IncompleteRound;
import dev.marginsim.oracle.failure.OneBlockRound;
import dev.marginsim.oracle.failure.OracleScenario;
import dev.marginsim.oracle.failure.SequencerOutages;
import dev.marginsim.oracle.failure.UpdateRule;
import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.path.Prices;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How the oracle sees the path, and how a protocol guards it. Times are offsets from the path's
 * first timestamp (seconds, or 90m / 6h / 2d). Failures apply in a fixed order: freezes, spikes, bad
 * answers, incomplete rounds, sequencer outages, then the clamp (the aggregator clamps whatever it writes).
 */
final class OracleOptions {
    @Option(names = "--deviation-bps", paramLabel = "BPS",
            description = "Chainlink update rule: a round when the price moves this many basis points (with --heartbeat); default: a round at every point")
    Long deviationBps;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "1h",
            description = "update rule heartbeat, with --deviation-bps (default: ${DEFAULT-VALUE})")
    String heartbeat;

    @Option(names = "--latency", paramLabel = "DURATION", defaultValue = "0",
            description = "delay from trigger to write (default: ${DEFAULT-VALUE})")
    String latency;

    @Option(names = "--freeze", paramLabel = "FROM:UNTIL", description = "no rounds in [FROM, UNTIL); empty UNTIL: never again")
    List<String> freezes = new ArrayList<>();

    @Option(names = "--spike", paramLabel = "AT:FACTOR", description = "a one-block round at AT of the market price times FACTOR")
    List<String> spikes = new ArrayList<>();

    @Option(names = "--bad-answer", paramLabel = "AT:ANSWER", description = "a one-block round at AT with this raw answer (e.g. 0 or -1)")
    List<String> badAnswers = new ArrayList<>();

    @Option(names = "--incomplete", paramLabel = "AT", description = "a round started at AT and never answered (updatedAt = 0)")
    List<String> incomplete = new ArrayList<>();

    @Option(names = "--block-time", paramLabel = "DURATION", defaultValue = "12s",
            description = "how long a spike or bad answer lasts (default: ${DEFAULT-VALUE})")
    String blockTime;

    @Option(names = "--sequencer-down", paramLabel = "FROM:UNTIL", description = "an L2 sequencer outage")
    List<String> outages = new ArrayList<>();

    @Option(names = "--clamp", paramLabel = "MIN:MAX", description = "the aggregator's minAnswer:maxAnswer, as prices")
    String clamp;

    @Option(names = "--depeg", paramLabel = "AT:FLOOR:FALL:HOLD:RECOVERED:RECOVER",
            description = "the market de-pegs: falls to FLOOR (e.g. 0.88) of its level over FALL, holds, returns to RECOVERED over RECOVER")
    String depeg;

    @Option(names = "--phase", defaultValue = "0", description = "proxy phase of the round ids (default: ${DEFAULT-VALUE}: plain ids)")
    int phase;

    @Option(names = "--guard-heartbeat", paramLabel = "DURATION", description = "mark rounds older than this as stale")
    String guardHeartbeat;

    @Option(names = "--guard-min", paramLabel = "PRICE", description = "mark answers below this price")
    BigDecimal guardMin;

    @Option(names = "--guard-max", paramLabel = "PRICE", description = "mark answers above this price")
    BigDecimal guardMax;

    @Option(names = "--guard-max-move", paramLabel = "BPS", description = "mark answers that moved more than this from the previous round")
    Long guardMaxMoveBps;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "1h",
            description = "sequencer grace period after an outage (default: ${DEFAULT-VALUE})")
    String grace;

    /** True if any option asks for more than a round at every point. */
    boolean injectsAnything() {
        return deviationBps != null || !freezes.isEmpty() || !spikes.isEmpty() || !badAnswers.isEmpty()
                || !incomplete.isEmpty() || !outages.isEmpty() || clamp != null || depeg != null;
    }

    OracleScenario scenario(PricePath market) {
        long t0 = market.startTime();
        UpdateRule rule = deviationBps == null ? UpdateRule.everyPoint(Durations.seconds(latency))
                : new DeviationHeartbeat(deviationBps, Durations.seconds(heartbeat), Durations.seconds(latency));
        OracleScenario s = OracleScenario.over(market).updates(rule).phase(phase);
        if (depeg != null) {
            String[] p = Durations.parts("--depeg", depeg, 6, "AT:FLOOR:FALL:HOLD:RECOVERED:RECOVER");
            s = s.market(new Depeg(t0 + Durations.seconds(p[0]), number("--depeg floor", p[1]).doubleValue(),
                    Durations.seconds(p[2]), Durations.seconds(p[3]), number("--depeg recovered", p[4]).doubleValue(),
                    Durations.seconds(p[5])));
        }
        for (String f : freezes) {
            String[] p = Durations.parts("--freeze", f, 2, "FROM:UNTIL");
            long from = t0 + Durations.seconds(p[0]);
            s = s.fail(p[1].isEmpty() ? Freeze.forever(from) : new Freeze(from, t0 + Durations.seconds(p[1])));
        }
        long block = Durations.seconds(blockTime);
        for (String f : spikes) {
            String[] p = Durations.parts("--spike", f, 2, "AT:FACTOR");
            s = s.fail(OneBlockRound.spike(t0 + Durations.seconds(p[0]), number("--spike factor", p[1]), block));
        }
        for (String f : badAnswers) {
            String[] p = Durations.parts("--bad-answer", f, 2, "AT:ANSWER");
            BigInteger answer;
            try {
                answer = new BigInteger(p[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--bad-answer takes a whole raw answer, got '" + p[1] + "'");
            }
            s = s.fail(OneBlockRound.answer(t0 + Durations.seconds(p[0]), answer, block));
        }
        for (String f : incomplete) {
            s = s.fail(new IncompleteRound(t0 + Durations.seconds(f), false));
        }
        Optional<SequencerOutages> seq = sequencer(t0);
        if (seq.isPresent()) {
            s = s.fail(seq.get());
        }
        if (clamp != null) {
            String[] p = Durations.parts("--clamp", clamp, 2, "MIN:MAX");
            s = s.fail(new Clamp(answer("--clamp min", p[0], market.decimals()), answer("--clamp max", p[1], market.decimals())));
        }
        return s;
    }

    Optional<SequencerOutages> sequencer(long t0) {
        if (outages.isEmpty()) {
            return Optional.empty();
        }
        List<SequencerOutages.Window> windows = new ArrayList<>();
        for (String o : outages) {
            String[] p = Durations.parts("--sequencer-down", o, 2, "FROM:UNTIL");
            windows.add(new SequencerOutages.Window(t0 + Durations.seconds(p[0]), t0 + Durations.seconds(p[1])));
        }
        return Optional.of(new SequencerOutages(windows));
    }

    private static BigDecimal number(String what, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is not a number: '" + text + "'");
        }
    }

    private static BigInteger answer(String what, String text, int decimals) {
        BigDecimal price = number(what, text);
        if (price.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be a positive price, got " + text);
        }
        return BigInteger.valueOf(Prices.fromDecimal(price, decimals));
    }
}
