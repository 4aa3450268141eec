package dev.marginsim.oracle.synthetic;

import dev.marginsim.oracle.path.PricePath;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Merton's jump diffusion: GBM plus jumps arriving as a Poisson process of rate {@code lambda} per
 * year, each multiplying the price by {@code e^Y}, Y ~ N(jumpMean, jumpStdDev^2). Per step:
 * {@code ln S += (mu - sigma^2/2 - lambda k) dt + sigma sqrt(dt) Z + N m + sqrt(N) s Z'} with
 * N ~ Poisson(lambda dt) and {@code k = e^(m + s^2/2) - 1}, the compensator that keeps
 * {@code E[S(t)] = S(0) e^(mu t)}.
 *
 * @param mu         annualised drift of the price
 * @param sigma      annualised diffusion volatility
 * @param lambda     jumps per year
 * @param jumpMean   mean log jump (e.g. -0.1 for typical 9.5% falls)
 * @param jumpStdDev standard deviation of the log jump
 */
public record MertonJumpDiffusion(double mu, double sigma, double lambda, double jumpMean, double jumpStdDev)
        implements PathModel {
    public MertonJumpDiffusion {
        Params.finite("mu", mu);
        Params.nonNegative("sigma", sigma);
        Params.nonNegative("lambda", lambda);
        Params.finite("jumpMean", jumpMean);
        Params.nonNegative("jumpStdDev", jumpStdDev);
    }

    /** The compensator k = E[e^Y] - 1. */
    public double compensator() {
        return Math.exp(jumpMean + jumpStdDev * jumpStdDev / 2) - 1;
    }

    @Override
    public PricePath generate(PathGrid grid, UniformRandomProvider rng) {
        double dt = grid.dtYears();
        double drift = (mu - sigma * sigma / 2 - lambda * compensator()) * dt;
        double vol = sigma * Math.sqrt(dt);
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        DiscreteSampler jumps = lambda == 0 ? null : PoissonSampler.of(rng, lambda * dt);
        LogPriceWriter out = new LogPriceWriter(grid);
        for (int k = 0; k < grid.steps(); k++) {
            double increment = drift + vol * z.sample();
            int n = jumps == null ? 0 : jumps.sample();
            if (n > 0) {
                increment += n * jumpMean + Math.sqrt(n) * jumpStdDev * z.sample();
            }
            out.step(increment);
        }
        return out.path();
    }
}
