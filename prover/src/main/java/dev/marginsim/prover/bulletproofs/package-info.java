/**
 * Bulletproofs range proofs (Bünz et al. 2018) over the Pedersen commitments of
 * {@link dev.marginsim.prover.pedersen}: single and aggregated proofs
 * ({@link dev.marginsim.prover.bulletproofs.RangeProver}), verification of one or a batch by one
 * multi-scalar multiplication ({@link dev.marginsim.prover.bulletproofs.RangeVerifier}), and the
 * SHA-256 Fiat–Shamir {@link dev.marginsim.prover.bulletproofs.Transcript} through which a caller binds
 * every public input. Byte-level specification: docs/proofs-private.md.
 */
package dev.marginsim.prover.bulletproofs;
