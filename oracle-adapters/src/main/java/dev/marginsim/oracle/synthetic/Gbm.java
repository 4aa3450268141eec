package dev.marginsim.oracle.synthetic;

import dev.marginsim.oracle.path.PricePath;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Geometric Brownian motion: {@code ln S(t+dt) = ln S(t) + (mu - sigma^2/2) dt + sigma sqrt(dt) Z},
 * Z standard normal (commons-rng's ziggurat sampler), dt the step in years of 365 days.
 *
 * @param mu    annualised drift of the price (E[S(t)] = S(0) e^(mu t))
 * @param sigma annualised volatility (standard deviation of the log return over one year)
 */
public record Gbm(double mu, double sigma) implements PathModel {
    public Gbm {
        Params.finite("mu", mu);
        Params.nonNegative("sigma", sigma);
    }

    @Override
    public PricePath generate(PathGrid grid, UniformRandomProvider rng) {
        double dt = grid.dtYears();
        double drift = (mu - sigma * sigma / 2) * dt;
        double vol = sigma * Math.sqrt(dt);
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        LogPriceWriter out = new LogPriceWriter(grid);
        for (int k = 0; k < grid.steps(); k++) {
            out.step(drift + vol * z.sample());
        }
        return out.path();
    }
}
