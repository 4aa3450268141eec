/**
 * Verification outcomes shared by both tiers: {@link dev.marginsim.prover.verify.Failure} (the closed
 * set of named reasons) and {@link dev.marginsim.prover.verify.VerificationException}; and the
 * transparent tier's verifier. A verifier returns normally or throws; it never returns a boolean.
 */
package dev.marginsim.prover.verify;
