package dev.marginsim.core;

/**
 * How one Chainlink-style feed is read and guarded (docs/protocol.md §3).
 *
 * @param feed       the feed's identity: an address on a chain, or an engine feed id as decimal text
 * @param heartbeatSeconds an answer older than this is stale
 * @param minAnswer  lowest accepted answer, in the feed's own decimals
 * @param maxAnswer  highest accepted answer, in the feed's own decimals
 */
public record OracleConfig(String feed, long heartbeatSeconds, long minAnswer, long maxAnswer) {
}
