package dev.marginsim.cli.prices;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code marginsim prices load FILE|HISTORY}: a recorded history, validated whole. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Loads a history: a CSV or JSON file (timestamp,price[,volume] or OHLC bars), or a shipped",
                "one by id: btc-usd-2013 (Bitstamp, Nov-Dec 2013), eth-usd-2023 (BinanceUS, 13-15 Mar 2023)."})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoadOptions load;

    @Mixin
    OracleOptions oracle;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        PathReport.emit(spec.commandLine().getOut(), load.load(), oracle, output);
        return 0;
    }
}
