package dev.marginsim.cli.prices;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code marginsim prices}: make, load, read and inspect price paths and the oracle's view of them. */
@Command(name = "prices", mixinStandardHelpOptions = true,
        description = {"Price paths and what an oracle makes of them: generate a seeded synthetic path, load a",
                "history (CSV/JSON, or a shipped one), read a Chainlink feed's rounds from a chain, or inspect a",
                "path. Writes CSV and a chart with the oracle's view and guard refusals. See docs/oracles-paths.md."},
        subcommands = {GenerateCommand.class, LoadCommand.class, ReadCommand.class, InspectCommand.class})
public final class PricesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** For callers that build the command line themselves. */
    public static CommandLine commandLine() {
        return new CommandLine(new PricesCommand());
    }
}
