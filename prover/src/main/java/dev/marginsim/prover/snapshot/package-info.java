/**
 * Rounds: the protocol's state at one block or simulation step, valued at one price snapshot.
 * {@link dev.marginsim.prover.snapshot.RoundInfo} is the public part shared by both tiers (chain,
 * protocol, round id, price snapshot, per-asset price and reserves);
 * {@link dev.marginsim.prover.snapshot.Round} adds every account's
 * {@link dev.marginsim.prover.snapshot.Liabilities}, computed by
 * {@link dev.marginsim.prover.snapshot.LiabilityRule} from engine or chain readings.
 */
package dev.marginsim.prover.snapshot;
