package dev.marginsim.oracle.synthetic;

import dev.marginsim.oracle.path.PricePath;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * GARCH(1,1) volatility clustering on log returns: per step
 * {@code e = sqrt(v) Z}, {@code ln S += (mu dt - v/2) + e}, {@code v' = omega + alpha e^2 + beta v},
 * with {@code omega = vLong (1 - alpha - beta)} so that the long-run per-step variance is
 * {@code vLong = longRunVol^2 dt}; the first step starts at vLong. Needs alpha, beta >= 0 and
 * alpha + beta < 1 (a stationary variance).
 *
 * @param mu         annualised drift of the price
 * @param longRunVol annualised long-run volatility
 * @param alpha      weight of the last squared shock (reaction)
 * @param beta       weight of the last variance (persistence)
 */
public record Garch(double mu, double longRunVol, double alpha, double beta) implements PathModel {
    public Garch {
        Params.finite("mu", mu);
        Params.nonNegative("longRunVol", longRunVol);
        Params.nonNegative("alpha", alpha);
        Params.nonNegative("beta", beta);
        if (!(alpha + beta < 1)) {
            throw new IllegalArgumentException("GARCH needs alpha + beta < 1 for a stationary variance, got "
                    + alpha + " + " + beta);
        }
    }

    @Override
    public PricePath generate(PathGrid grid, UniformRandomProvider rng) {
        double dt = grid.dtYears();
        double vLong = longRunVol * longRunVol * dt;
        double omega = vLong * (1 - alpha - beta);
        double muDt = mu * dt;
        double v = vLong;
        ZigguratSampler.NormalizedGaussian z = ZigguratSampler.NormalizedGaussian.of(rng);
        LogPriceWriter out = new LogPriceWriter(grid);
        for (int k = 0; k < grid.steps(); k++) {
            double e = Math.sqrt(v) * z.sample();
            out.step(muDt - v / 2 + e);
            v = omega + alpha * e * e + beta * v;
        }
        return out.path();
    }
}
