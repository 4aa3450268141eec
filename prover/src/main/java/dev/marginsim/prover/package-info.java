/** Solvency and margin proofs and their verifiers; a pure library (no chain client). */
package dev.marginsim.prover;
