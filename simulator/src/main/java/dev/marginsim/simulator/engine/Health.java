package dev.marginsim.simulator.engine;

/** A margin pool's valuation (docs/protocol.md §6). */
public record Health(long equityE6, long weightedEquityInitialE6, long initialRequirementE6, long weightedEquityMaintE6, long maintenanceRequirementE6, long freeCollateralE6, long healthBps) {
}
