package dev.marginsim.cli.prices;

import dev.marginsim.oracle.path.PricePath;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code marginsim prices inspect FILE|HISTORY}: statistics of a path. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Statistics of a path: span, steps, range, log-return volatility, largest moves, drawdown.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoadOptions load;

    @Override
    public Integer call() {
        PricePath p = load.load();
        PathStats s = PathStats.of(p);
        PrintWriter out = spec.commandLine().getOut();
        out.println(PathReport.summary(p));
        out.printf("span %d s, median step %d s, %d points%n", p.endTime() - p.startTime(), s.medianStep(), p.size());
        out.printf("log return: mean %.6g, std dev %.6g per step; annualised volatility %.4f%n",
                s.meanLogReturn(), s.stdLogReturn(), s.annualisedVolatility());
        out.printf("largest rise %.4f%% at %d, largest fall %.4f%% at %d%n", s.largestRise() * 100, s.largestRiseAt(),
                s.largestFall() * 100, s.largestFallAt());
        out.printf("max drawdown %.4f%% (from %s at %d to %s at %d)%n", s.maxDrawdown() * 100,
                dec(s.peak(), p), s.peakAt(), dec(s.trough(), p), s.troughAt());
        out.flush();
        return 0;
    }

    private static String dec(long v, PricePath p) {
        return BigDecimal.valueOf(v, p.decimals()).stripTrailingZeros().toPlainString();
    }
}
