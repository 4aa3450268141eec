package dev.marginsim.prover.margin;

/** One cross position's stored fields (docs/protocol.md §5); all zero for a market not traded. */
public record PositionOpening(long sizeE9, long openNotionalE6, long fundingSnapshotE12) {
    public static final PositionOpening NONE = new PositionOpening(0, 0, 0);
}
