package dev.marginsim.simulator.engine;

/** What the protocol holds of a token and what it owes (docs/protocol.md §9). */
public record Solvency(java.math.BigInteger held, java.math.BigInteger owed) {
}
