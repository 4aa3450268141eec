package dev.marginsim.cli.prices;

import dev.marginsim.oracle.path.BarSeries;
import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.path.Resample;
import dev.marginsim.oracle.replay.Histories;
import dev.marginsim.oracle.replay.History;
import dev.marginsim.oracle.replay.HistoryReader;
import dev.marginsim.oracle.replay.ReadOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which history to load and how: shared by {@code load} and {@code inspect}. */
final class LoadOptions {
    @Parameters(index = "0", paramLabel = "FILE|HISTORY", description = "a .csv/.json file, or a shipped history's id")
    String source;

    @Option(names = "--decimals", defaultValue = "8", description = "feed decimals prices are rounded to, half-even (default: ${DEFAULT-VALUE})")
    int decimals;

    @Option(names = "--name", description = "path name (default: from the file)")
    String name;

    @Option(names = "--bars", defaultValue = "ohlc", description = "bars become points as: ohlc (four a bar) or close (default: ${DEFAULT-VALUE})")
    String bars;

    @Option(names = "--resample", paramLabel = "DURATION", description = "resample to this step, last value at or before each time")
    String resample;

    PricePath load() {
        BarSeries.Expansion expansion = switch (bars) {
            case "ohlc" -> BarSeries.Expansion.OHLC;
            case "close" -> BarSeries.Expansion.CLOSE;
            default -> throw new IllegalArgumentException("--bars is ohlc or close, got '" + bars + "'");
        };
        ReadOptions options = new ReadOptions(Optional.ofNullable(name), decimals, expansion);
        Optional<Histories> shipped = Histories.byId(source);
        History h;
        if (shipped.isPresent()) {
            h = shipped.get().load(options);
        } else if (source.endsWith(".csv") || source.endsWith(".json")) {
            h = HistoryReader.read(Path.of(source), options);
        } else {
            throw new IllegalArgumentException("'" + source + "' is neither a .csv/.json file nor a shipped history ("
                    + String.join(", ", Arrays.stream(Histories.values()).map(Histories::id).toList()) + ")");
        }
        PricePath p = h.path();
        return resample == null ? p : Resample.lastValue(p, Durations.seconds(resample));
    }
}
