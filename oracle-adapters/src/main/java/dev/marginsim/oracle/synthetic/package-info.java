/**
 * Seeded synthetic price paths: geometric Brownian motion, Merton jump diffusion, GARCH(1,1)
 * volatility clustering, correlated multi-asset GBM and scripted crashes. Models compute in double
 * and round to the feed's integer half-to-even ({@link dev.marginsim.oracle.path.Prices}); random
 * streams come from {@link dev.marginsim.oracle.synthetic.SeedStreams}. Formulas: docs/oracles-paths.md.
 */
package dev.marginsim.oracle.synthetic;
