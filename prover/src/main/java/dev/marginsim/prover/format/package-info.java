/**
 * The JSON form shared by every proof document: strict reading ({@link dev.marginsim.prover.format.JsonIn}),
 * canonical writing ({@link dev.marginsim.prover.format.JsonOut}), the one byte-string encoding
 * ({@link dev.marginsim.prover.format.Hex}), and the transparent tier's documents. Each document is an
 * object {@code {"type": "marginsim/…", "version": n, …}}; docs/proofs.md specifies every field, and
 * JSON Schemas live in {@code src/main/resources/dev/marginsim/prover/schema/}.
 */
package dev.marginsim.prover.format;
