/**
 * Pedersen commitments C = v·G + r·H on secp256k1, with H derived by hash to curve so that nobody knows
 * log_G H: {@link dev.marginsim.prover.pedersen.Commitment}, its secret
 * {@link dev.marginsim.prover.pedersen.Opening} and the {@link dev.marginsim.prover.pedersen.PedersenGenerators}.
 */
package dev.marginsim.prover.pedersen;
