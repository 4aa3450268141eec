package dev.marginsim.bench.prover;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Compares builds of the prover on this drifting machine: each build's benchmarks.jar is loaded in a
 * class loader of its own in this one process, and their margin proofs ({@link MarginProofProbe})
 * alternate run by run, the order swapped every run. Both builds then see the same speed of the machine
 * at nearly the same moments, so the median of the per-run ratios is steadier than figures taken in
 * separate runs (which differed by up to 40 % within an hour here). Builds from before this harness can
 * be compared by adding a directory that holds a compiled {@code MarginProofProbe} to each loader
 * ({@code -Dprobe.dir=...}).
 *
 * <p>Noise: two copies of the same build read a median paired ratio of 0.96 over 40 runs, so differences
 * under about 5 % need more runs or another method (counting operations).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.marginsim.bench.prover.BuildComparison
 * assets markets warm-up-seconds runs baseline.jar candidate.jar [more.jar …]}.
 */
public final class BuildComparison {
    private static final String PROBE = "dev.marginsim.bench.prover.MarginProofProbe";

    private BuildComparison() {
    }

    public static void main(String[] args) throws Exception {
        int assets;
        int markets;
        double warmSeconds;
        int runs;
        try {
            if (args.length < 6) {
                throw new IllegalArgumentException("expected at least 6 arguments, got " + args.length);
            }
            assets = Integer.parseInt(args[0]);
            markets = Integer.parseInt(args[1]);
            warmSeconds = Double.parseDouble(args[2]);
            runs = Integer.parseInt(args[3]);
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("BuildComparison: " + e.getMessage() + "; usage: BuildComparison assets markets"
                    + " warm-up-seconds runs baseline.jar candidate.jar [more.jar …]");
            System.exit(2);
            return;
        }
        String[] jars = Arrays.copyOfRange(args, 4, args.length);
        for (String jar : jars) {
            if (!java.nio.file.Files.isRegularFile(Path.of(jar))) {
                System.err.println("BuildComparison: no such jar: " + jar);
                System.exit(2);
            }
        }
        String probeDir = System.getProperty("probe.dir");
        Method[] prove = new Method[jars.length];
        for (int j = 0; j < jars.length; j++) {
            URL[] path = probeDir == null
                    ? new URL[] {Path.of(jars[j]).toUri().toURL()}
                    : new URL[] {Path.of(jars[j]).toUri().toURL(), Path.of(probeDir).toUri().toURL()};
            // The platform loader as parent: nothing of marginsim is shared between the builds.
            URLClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader());
            Class<?> probe = loader.loadClass(PROBE);
            probe.getMethod("setup", int.class, int.class).invoke(null, assets, markets);
            prove[j] = probe.getMethod("prove");
        }
        long warmUntil = System.nanoTime() + (long) (warmSeconds * 1e9);
        while (System.nanoTime() < warmUntil) {
            for (Method p : prove) {
                p.invoke(null);
            }
        }
        double[][] ms = new double[jars.length][runs];
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < jars.length; k++) {
                int j = (k + r) % jars.length;
                ms[j][r] = (Long) prove[j].invoke(null) / 1e6;
            }
        }
        System.out.printf("%d assets × %d markets, %d runs each after %.0f s of warm-up; %s%n", assets, markets, runs,
                warmSeconds, SpeedGauge.line());
        for (int j = 0; j < jars.length; j++) {
            double[] s = ms[j].clone();
            Arrays.sort(s);
            System.out.printf("  %s: median %.1f ms (quartiles %.1f–%.1f, best %.1f)%n", jars[j], s[runs / 2], s[runs / 4],
                    s[3 * runs / 4], s[0]);
        }
        for (int j = 1; j < jars.length; j++) {
            double[] ratio = new double[runs];
            for (int r = 0; r < runs; r++) {
                ratio[r] = ms[j][r] / ms[0][r];
            }
            Arrays.sort(ratio);
            System.out.printf("  %s / %s: median of the paired ratios %.3f (quartiles %.3f–%.3f)%n", jars[j], jars[0],
                    ratio[runs / 2], ratio[runs / 4], ratio[3 * runs / 4]);
        }
    }
}
