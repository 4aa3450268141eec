package dev.marginsim.simulator.engine;

/** The protocol's funds. */
public record ProtocolState(long insuranceFundE6, long poolE6, long totalQuoteE6) {
}
