/**
 * secp256k1 as small immutable value types over Bouncy Castle: {@link dev.marginsim.prover.curve.Scalar}
 * (integers modulo the group order, strictly decoded), {@link dev.marginsim.prover.curve.Point} (affine
 * points, SEC1-compressed wire form, hash to curve) and {@link dev.marginsim.prover.curve.Msm}
 * (multi-scalar multiplication: Straus for small sets, Pippenger for large).
 */
package dev.marginsim.prover.curve;
