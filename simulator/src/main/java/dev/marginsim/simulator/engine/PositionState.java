package dev.marginsim.simulator.engine;

/** One position's stored fields. */
public record PositionState(long sizeE9, long openNotionalE6, long fundingSnapshotE12, long marginE6) {
}
