/**
 * The price-path model shared by replayed and synthetic prices: observation times and integer
 * prices in a feed's decimals ({@link dev.marginsim.oracle.path.PricePath}), OHLC bars, resampling
 * and scripted moves. Formats and rules: docs/oracles-paths.md.
 */
package dev.marginsim.oracle.path;
