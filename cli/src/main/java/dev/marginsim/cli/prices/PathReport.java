package dev.marginsim.cli.prices;

import dev.marginsim.oracle.failure.Lag;
import dev.marginsim.oracle.failure.OracleScenario;
import dev.marginsim.oracle.failure.OracleView;
import dev.marginsim.oracle.path.PricePath;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The common end of generate, load and read: the oracle's view, guard marks, files and a summary. */
final class PathReport {
    private PathReport() {
    }

    static void emit(PrintWriter out, PricePath market, OracleOptions oracle, OutputOptions files) {
        checkChartName(files);
        OracleScenario scenario = oracle.scenario(market);
        PricePath observed = scenario.observedMarket();
        OracleView view = scenario.view();
        emit(out, observed, view, oracle, files);
    }

    /** As above for a view that was read rather than made (a chain's rounds). */
    static void emit(PrintWriter out, PricePath observed, OracleView view, OracleOptions oracle, OutputOptions files) {
        checkChartName(files);
        List<GuardTimeline.Mark> marks = GuardTimeline.marks(observed, view, oracle);
        if (files.out != null) {
            AtomicFiles.write(files.out, PriceCsv.path(observed));
        }
        if (files.viewOut != null) {
            AtomicFiles.write(files.viewOut, PriceCsv.view(view));
        }
        if (files.chart != null) {
            PriceChart.write(files.chart, observed.name(), List.of(observed), view, marks);
        }
        Lag lag = Lag.of(observed, view);
        out.println(summary(observed) + "; oracle: " + view.rounds().size() + " rounds, lag up to "
                + lag.maxDeviationBps() + " bps (at " + lag.maxDeviationAt() + "), longest gap " + lag.longestGapSeconds()
                + " s; guard refusals: " + refusals(GuardTimeline.counts(marks)));
        out.flush();
    }

    static void checkChartName(OutputOptions files) {
        if (files.chart != null) {
            String n = files.chart.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!n.endsWith(".png") && !n.endsWith(".svg")) {
                throw new IllegalArgumentException("chart file must end in .png or .svg: " + files.chart);
            }
        }
    }

    static String summary(PricePath p) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < p.size(); i++) {
            min = Math.min(min, p.price(i));
            max = Math.max(max, p.price(i));
        }
        return p.name() + ": " + p.size() + " points, " + p.startTime() + ".." + p.endTime() + ", price "
                + dec(min, p) + ".." + dec(max, p) + ", last " + dec(p.price(p.size() - 1), p);
    }

    private static String dec(long v, PricePath p) {
        return BigDecimal.valueOf(v, p.decimals()).stripTrailingZeros().toPlainString();
    }

    private static String refusals(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return s.toString() + " (of reads at market and round times)";
    }
}
