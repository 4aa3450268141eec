package dev.marginsim.oracle.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.oracle.path.PricePath;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each model's sample statistics against its formulas, with tolerances of four standard errors
 * computed from the sample size (and, where the distribution is not normal, from the sample's own
 * fourth moment). Seeded; the seed is printed.
 */
class ModelStatisticsTest {
    private static final long SEED = Long.getLong("marginsim.synthetic.seed", 20_261_125L);
    private static final double Z = 4;

    static {
        System.out.println("ModelStatisticsTest seed " + SEED + " (override with -Dmarginsim.synthetic.seed)");
    }

    private static PathGrid grid(long step, int steps) {
        return new PathGrid("ETH/USD", 8, 1_700_000_000L, step, steps, new BigDecimal("2000"));
    }

    private static void within(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance, what + ": expected " + expected + " ± " + tolerance
                + ", got " + actual + " (seed " + SEED + ")");
    }

    @Test
    void gbmLogReturnsHaveTheModelsMeanAndVariance() {
        Gbm gbm = new Gbm(0.5, 0.8);
        PathGrid g = grid(60, 200_000);
        double[] r = Stats.logReturns(gbm.generate(g, SEED, 0));
        int n = r.length;
        double dt = g.dtYears();
        double var = 0.8 * 0.8 * dt;
        within((0.5 - 0.32) * dt, Stats.mean(r), Z * Math.sqrt(var / n), "GBM mean log return");
        within(var, Stats.variance(r), Z * var * Math.sqrt(2.0 / (n - 1)), "GBM log-return variance");
        within(0, Stats.autocorrelation(Stats.squares(r)), Z / Math.sqrt(n), "GBM squared-return autocorrelation");
    }

    @Test
    void mertonAddsTheJumpMomentsAndWithoutJumpsIsGbm() {
        MertonJumpDiffusion m = new MertonJumpDiffusion(0.1, 0.5, 50, -0.08, 0.03);
        PathGrid g = grid(3600, 100_000);
        double[] r = Stats.logReturns(m.generate(g, SEED, 1));
        int n = r.length;
        double dt = g.dtYears();
        double var = 0.25 * dt + 50 * dt * (0.08 * 0.08 + 0.03 * 0.03);
        double mean = (0.1 - 0.125 - 50 * m.compensator()) * dt + 50 * dt * -0.08;
        double sampleVar = Stats.variance(r);
        within(mean, Stats.mean(r), Z * Math.sqrt(sampleVar / n), "Merton mean log return");
        within(var, sampleVar, Z * Math.sqrt((Stats.fourthMoment(r) - sampleVar * sampleVar) / n), "Merton variance");
        assertTrue(var > 1.5 * 0.25 * dt, "the jumps are a visible part of the variance in this test");

        PathGrid small = grid(60, 5_000);
        assertEquals(new Gbm(0.1, 0.5).generate(small, SEED, 2),
                new MertonJumpDiffusion(0.1, 0.5, 0, -0.05, 0.03).generate(small, SEED, 2));
    }

    @Test
    void garchClustersVolatilityAroundItsLongRunVariance() {
        Garch garch = new Garch(0, 0.6, 0.1, 0.85);
        PathGrid g = grid(300, 20_000);
        int paths = 40;
        double[] pathVariances = new double[paths];
        double clustering = 0;
        for (int p = 0; p < paths; p++) {
            double[] r = Stats.logReturns(garch.generate(g, SEED, 10 + p));
            pathVariances[p] = Stats.variance(r);
            clustering += Stats.autocorrelation(Stats.squares(r)) / paths;
        }
        double vLong = 0.36 * g.dtYears();
        within(vLong, Stats.mean(pathVariances), Z * Math.sqrt(Stats.variance(pathVariances) / paths),
                "GARCH long-run variance (mean of per-path variances)");
        double noise = Z / Math.sqrt(paths * 20_000.0);
        assertTrue(clustering > 10 * noise, "squared returns autocorrelate: " + clustering + " (noise " + noise + ")");
    }

    @Test
    void correlatedAssetsRecoverTheCorrelationMatrix() {
        double[][] rho = {{1, 0.8, -0.3}, {0.8, 1, 0.1}, {-0.3, 0.1, 1}};
        CorrelatedGbm model = new CorrelatedGbm(List.of(
                new CorrelatedGbm.Asset("ETH/USD", new BigDecimal("2000"), 0, 0.8),
                new CorrelatedGbm.Asset("BTC/USD", new BigDecimal("40000"), 0, 0.6),
                new CorrelatedGbm.Asset("SOL/USD", new BigDecimal("100"), 0, 1.2)), rho);
        List<PricePath> paths = model.generate(grid(60, 100_000), SEED, 3);
        assertEquals(List.of("ETH/USD", "BTC/USD", "SOL/USD"), paths.stream().map(PricePath::name).toList());
        double[][] r = paths.stream().map(Stats::logReturns).toArray(double[][]::new);
        int n = r[0].length;
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                double se = (1 - rho[i][j] * rho[i][j]) / Math.sqrt(n);
                within(rho[i][j], Stats.correlation(r[i], r[j]), Z * se, "correlation " + i + "," + j);
            }
        }
        double dt = grid(60, 1).dtYears();
        within(1.44 * dt, Stats.variance(r[2]), Z * 1.44 * dt * Math.sqrt(2.0 / (n - 1)), "SOL variance");
        assertEquals(paths.get(0).times()[5], paths.get(2).times()[5]);
    }

    @Test
    void impossibleCorrelationsAreRefusedByName() {
        var assets = List.of(new CorrelatedGbm.Asset("A", BigDecimal.ONE, 0, 1), new CorrelatedGbm.Asset("B", BigDecimal.ONE, 0, 1),
                new CorrelatedGbm.Asset("C", BigDecimal.ONE, 0, 1));
        IllegalArgumentException notPd = assertThrows(IllegalArgumentException.class, () -> new CorrelatedGbm(assets,
                new double[][] {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}}));
        assertTrue(notPd.getMessage().contains("positive definite"), notPd.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CorrelatedGbm(assets,
                new double[][] {{1, 0.5, 0}, {0.4, 1, 0}, {0, 0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> new CorrelatedGbm(assets,
                new double[][] {{1, 0.5}, {0.5, 1}}));
        assertThrows(IllegalArgumentException.class, () -> new CorrelatedGbm(assets,
                new double[][] {{2, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
        assertThrows(IllegalArgumentException.class, () -> new Garch(0, 0.5, 0.2, 0.8));
        assertThrows(IllegalArgumentException.class, () -> new Gbm(Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Gbm(0, -0.5));
        assertThrows(IllegalArgumentException.class, () -> grid(0, 10));
    }

    @Test
    void streamsAreFixedByMasterSeedAndIndexAlone() {
        Gbm gbm = new Gbm(0, 1);
        PathGrid g = grid(60, 1_000);
        PricePath third = gbm.generate(g, SEED, 3);
        for (int i = 5; i >= 0; i--) {
            PricePath p = gbm.generate(g, SEED, i);
            if (i == 3) {
                assertEquals(third, p);
            } else {
                assertNotEquals(third, p);
            }
        }
        assertNotEquals(third, gbm.generate(g, SEED + 1, 3));
    }

    @Test
    void aScriptedCrashMovesTheBaseByTheScriptsFactor() {
        PathGrid g = grid(60, 24 * 60);
        long start = g.start() + 3600;
        ScriptedCrash flat = ScriptedCrash.crash(ScriptedCrash.FLAT, start, 35, 6 * 3600, 20, 12 * 3600);
        PricePath p = flat.generate(g, SEED, 0);
        long base = g.startAnswer();
        assertEquals(base, p.priceAt(start));
        assertEquals(Math.rint(base * 0.65), p.priceAt(start + 6 * 3600), 1);
        long min = java.util.Arrays.stream(p.prices()).min().orElseThrow();
        assertEquals(p.priceAt(start + 6 * 3600), min);
        assertEquals(Math.rint(base * 0.65 * 1.2), p.price(p.size() - 1), 1);

        Gbm noise = new Gbm(0, 0.8);
        PricePath b = noise.generate(g, SEED, 4);
        PricePath c = ScriptedCrash.crash(noise, start, 35, 6 * 3600, 20, 12 * 3600).generate(g, SEED, 4);
        for (int i = 0; i < b.size(); i++) {
            double factor = flat.script().factorAt(b.time(i));
            assertEquals(b.price(i) * factor, c.price(i), 0.5 + 1e-6 * c.price(i) * 1e-6, "point " + i);
        }
    }
}
