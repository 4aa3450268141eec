/**
 * Oracle failure injection: from a market {@link dev.marginsim.oracle.path.PricePath} to the rounds a
 * Chainlink-style feed would show ({@link dev.marginsim.oracle.failure.OracleView}), through an update
 * rule (deviation or heartbeat, with latency) and composable failures: a frozen feed, a one-block
 * spike, zero or negative answers, incomplete rounds, min/max clamping, a stablecoin de-peg and
 * sequencer downtime. Semantics: docs/oracles-paths.md.
 */
package dev.marginsim.oracle.failure;
