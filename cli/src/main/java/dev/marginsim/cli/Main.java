package dev.marginsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code marginsim}: the command line of the margin protocol simulator. */
@Command(name = "marginsim", mixinStandardHelpOptions = true, version = "marginsim 0.1.0",
        description = "A margin protocol in Solidity and its bit-exact Java mirror.",
        subcommands = {SimulateCommand.class, dev.marginsim.cli.prices.PricesCommand.class,
                dev.marginsim.cli.proof.ProveCommand.class, dev.marginsim.cli.proof.VerifyCommand.class,
                dev.marginsim.cli.proof.PublishCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new OneLineErrors());
        cli.setParameterExceptionHandler(new OneLineErrors());
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
