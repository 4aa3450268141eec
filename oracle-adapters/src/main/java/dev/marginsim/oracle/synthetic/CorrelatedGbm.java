package dev.marginsim.oracle.synthetic;

import dev.marginsim.oracle.path.PricePath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Several assets under GBM whose Brownian shocks have a given correlation matrix: per step,
 * independent normals {@code e} become {@code Z = L e} with {@code L} the lower Cholesky factor of
 * the matrix (commons-math3), so {@code Cov(Z) = L L^T = rho}. One random stream drives all assets.
 */
public final class CorrelatedGbm {
    /** One asset: its name, first price and GBM parameters. */
    public record Asset(String name, BigDecimal startPrice, double mu, double sigma) {
        public Asset {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(startPrice, "startPrice");
            new Gbm(mu, sigma); // same parameter checks
        }
    }

    private final List<Asset> assets;
    private final double[][] lower;

    /**
     * @param assets      the assets, in the matrix's order
     * @param correlation a symmetric positive-definite matrix with ones on the diagonal
     */
    public CorrelatedGbm(List<Asset> assets, double[][] correlation) {
        this.assets = List.copyOf(assets);
        int n = this.assets.size();
        if (n == 0) {
            throw new IllegalArgumentException("no assets");
        }
        if (correlation.length != n) {
            throw new IllegalArgumentException("correlation matrix has " + correlation.length + " rows for " + n + " assets");
        }
        for (int i = 0; i < n; i++) {
            if (correlation[i].length != n) {
                throw new IllegalArgumentException("correlation matrix row " + i + " has " + correlation[i].length
                        + " entries for " + n + " assets");
            }
            if (correlation[i][i] != 1) {
                throw new IllegalArgumentException("correlation matrix diagonal [" + i + "][" + i + "] must be 1, got "
                        + correlation[i][i]);
            }
            for (int j = 0; j < n; j++) {
                if (!(Math.abs(correlation[i][j]) <= 1)) {
                    throw new IllegalArgumentException("correlation [" + i + "][" + j + "] must be in [-1, 1], got "
                            + correlation[i][j]);
                }
            }
        }
        RealMatrix m = new Array2DRowRealMatrix(correlation, true);
        try {
            this.lower = new CholeskyDecomposition(m, 1e-12, 1e-12).getL().getData();
        } catch (NonSymmetricMatrixException e) {
            throw new IllegalArgumentException("correlation matrix is not symmetric", e);
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new IllegalArgumentException("correlation matrix is not positive definite (no such set of correlations exists)", e);
        }
    }

    /** The assets' paths on {@code grid}'s times and decimals (each with its own name and first price). */
    public List<PricePath> generate(PathGrid grid, UniformRandomProvider rng) {
        int n = assets.size();
        double dt = grid.dtYears();
        LogPriceWriter[] out = new LogPriceWriter[n];
        double[] drift = new double[n];
        double[] vol = new double[n];
        for (int a = 0; a < n; a++) {
            Asset asset = assets.get(a);
            out[a] = new LogPriceWriter(grid.forAsset(asset.name(), asset.startPrice()));
            drift[a] = (asset.mu() - asset.sigma() * asset.sigma() / 2) * dt;
            vol[a] = asset.sigma() * Math.sqrt(dt);
        }
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] e = new double[n];
        for (int k = 0; k < grid.steps(); k++) {
            for (int a = 0; a < n; a++) {
                e[a] = z.sample();
            }
            for (int a = 0; a < n; a++) {
                double correlated = 0;
                for (int b = 0; b <= a; b++) {
                    correlated += lower[a][b] * e[b];
                }
                out[a].step(drift[a] + vol[a] * correlated);
            }
        }
        List<PricePath> paths = new ArrayList<>(n);
        for (LogPriceWriter w : out) {
            paths.add(w.path());
        }
        return paths;
    }

    /** The paths of index {@code index} under {@code masterSeed}. */
    public List<PricePath> generate(PathGrid grid, long masterSeed, int index) {
        return generate(grid, SeedStreams.stream(masterSeed, index));
    }
}
