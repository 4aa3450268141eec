/**
 * Recorded price histories: strict CSV and JSON readers (errors name file and line, nothing is
 * half-loaded) and the real histories shipped with their provenance. Formats: docs/oracles-paths.md.
 */
package dev.marginsim.oracle.replay;
