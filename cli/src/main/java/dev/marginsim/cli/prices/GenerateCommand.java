package dev.marginsim.cli.prices;

import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.synthetic.CorrelatedGbm;
import dev.marginsim.oracle.synthetic.Garch;
import dev.marginsim.oracle.synthetic.Gbm;
import dev.marginsim.oracle.synthetic.MertonJumpDiffusion;
import dev.marginsim.oracle.synthetic.PathGrid;
import dev.marginsim.oracle.synthetic.PathModel;
import dev.marginsim.oracle.synthetic.ScriptedCrash;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code marginsim prices generate MODEL}: a seeded synthetic path (a pure function of the options). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"A seeded synthetic path: gbm, merton (jump diffusion), garch (volatility clustering),",
                "crash (scripted fall and recovery over optional GBM noise) or correlated (several assets)."})
final class GenerateCommand implements Callable<Integer> {
    enum Model { gbm, merton, garch, crash, correlated }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "gbm | merton | garch | crash | correlated")
    Model model;

    @Option(names = "--name", defaultValue = "ETH/USD", description = "path name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--decimals", defaultValue = "8", description = "feed decimals (default: ${DEFAULT-VALUE})")
    int decimals;

    @Option(names = "--start", defaultValue = "1767225600", description = "first timestamp, unix seconds (default: ${DEFAULT-VALUE}, 2026-01-01)")
    long start;

    @Option(names = "--step", defaultValue = "60", paramLabel = "DURATION", description = "time between points (default: ${DEFAULT-VALUE})")
    String step;

    @Option(names = "--steps", defaultValue = "1440", description = "number of steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--price", defaultValue = "2000", description = "first price (default: ${DEFAULT-VALUE})")
    BigDecimal price;

    @Option(names = "--seed", defaultValue = "42", description = "master seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--path-index", defaultValue = "0", description = "which path of the seed's streams (default: ${DEFAULT-VALUE})")
    int index;

    @Option(names = "--mu", defaultValue = "0", description = "annual drift (default: ${DEFAULT-VALUE})")
    double mu;

    @Option(names = "--sigma", defaultValue = "0.8", description = "annual volatility; GARCH: long-run (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(names = "--lambda", defaultValue = "20", description = "merton: jumps per year (default: ${DEFAULT-VALUE})")
    double lambda;

    @Option(names = "--jump-mean", defaultValue = "-0.05", description = "merton: mean log jump (default: ${DEFAULT-VALUE})")
    double jumpMean;

    @Option(names = "--jump-std", defaultValue = "0.03", description = "merton: log jump std dev (default: ${DEFAULT-VALUE})")
    double jumpStd;

    @Option(names = "--alpha", defaultValue = "0.1", description = "garch: reaction (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--beta", defaultValue = "0.85", description = "garch: persistence (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(names = "--crash-at", defaultValue = "1h", paramLabel = "DURATION", description = "crash: start, from the first point (default: ${DEFAULT-VALUE})")
    String crashAt;

    @Option(names = "--drop", defaultValue = "35", description = "crash: fall in percent (default: ${DEFAULT-VALUE})")
    double drop;

    @Option(names = "--drop-over", defaultValue = "6h", paramLabel = "DURATION", description = "crash: fall duration (default: ${DEFAULT-VALUE})")
    String dropOver;

    @Option(names = "--recover", defaultValue = "20", description = "crash: rise after the fall, percent of the low (default: ${DEFAULT-VALUE})")
    double recover;

    @Option(names = "--recover-over", defaultValue = "12h", paramLabel = "DURATION", description = "crash: recovery duration (default: ${DEFAULT-VALUE})")
    String recoverOver;

    @Option(names = "--noise", defaultValue = "0", description = "crash: GBM volatility under the script, 0 for none (default: ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--asset", paramLabel = "NAME:PRICE:SIGMA", description = "correlated: one asset (repeat, in matrix order)")
    List<String> assets = new ArrayList<>();

    @Option(names = "--corr", paramLabel = "ROWS", description = "correlated: the matrix, rows by ';', entries by ',' (e.g. '1,0.8;0.8,1')")
    String corr;

    @Mixin
    OracleOptions oracle;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        PathGrid grid = new PathGrid(name, decimals, start, Durations.seconds(step), steps, price);
        if (model == Model.correlated) {
            return correlated(grid);
        }
        PathModel m = switch (model) {
            case gbm -> new Gbm(mu, sigma);
            case merton -> new MertonJumpDiffusion(mu, sigma, lambda, jumpMean, jumpStd);
            case garch -> new Garch(mu, sigma, alpha, beta);
            case crash -> ScriptedCrash.crash(noise == 0 ? ScriptedCrash.FLAT : new Gbm(0, noise),
                    start + Durations.seconds(crashAt), drop, Durations.seconds(dropOver), recover, Durations.seconds(recoverOver));
            default -> throw new IllegalStateException("unreachable");
        };
        PricePath path = m.generate(grid, seed, index);
        PathReport.emit(spec.commandLine().getOut(), path, oracle, output);
        return 0;
    }

    private Integer correlated(PathGrid grid) {
        if (assets.size() < 2 || corr == null) {
            throw new IllegalArgumentException("correlated needs two or more --asset NAME:PRICE:SIGMA and --corr");
        }
        if (oracle.injectsAnything()) {
            throw new IllegalArgumentException("oracle options apply to one path; generate correlated paths, then load each");
        }
        List<CorrelatedGbm.Asset> list = new ArrayList<>();
        for (String a : assets) {
            String[] p = Durations.parts("--asset", a, 3, "NAME:PRICE:SIGMA");
            try {
                list.add(new CorrelatedGbm.Asset(p[0], new BigDecimal(p[1]), mu, Double.parseDouble(p[2])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--asset takes NAME:PRICE:SIGMA with numbers, got '" + a + "'");
            }
        }
        String[] rows = corr.split(";", -1);
        double[][] matrix = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            String[] cells = rows[i].split(",", -1);
            matrix[i] = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    matrix[i][j] = Double.parseDouble(cells[j].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--corr entry [" + i + "][" + j + "] is not a number: '" + cells[j] + "'");
                }
            }
        }
        List<PricePath> paths = new CorrelatedGbm(list, matrix).generate(grid, seed, index);
        OutputOptions o = output;
        PathReport.checkChartName(o);
        for (PricePath p : paths) {
            if (o.out != null) {
                AtomicFiles.write(perAsset(o.out, p.name()), PriceCsv.path(p));
            }
            spec.commandLine().getOut().println(PathReport.summary(p));
        }
        if (o.chart != null) {
            PriceChart.write(o.chart, "correlated paths", paths, null, List.of());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** {@code out.csv} and "ETH/USD" give {@code out-ETH_USD.csv}. */
    static Path perAsset(Path out, String asset) {
        String file = out.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot) : ".csv";
        return out.resolveSibling(stem + "-" + asset.replaceAll("[^A-Za-z0-9._-]", "_") + ext);
    }
}
