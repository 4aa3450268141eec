package dev.marginsim.cli.prices;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the command writes: the path as CSV, the oracle's rounds as CSV, a chart. */
final class OutputOptions {
    @Option(names = {"-o", "--out"}, paramLabel = "FILE.csv", description = "the market path as CSV (timestamp,price)")
    Path out;

    @Option(names = "--view-out", paramLabel = "FILE.csv", description = "the oracle's rounds as CSV")
    Path viewOut;

    @Option(names = "--chart", paramLabel = "FILE.png|svg", description = "a chart of the path, the oracle's view and guard refusals")
    Path chart;
}
