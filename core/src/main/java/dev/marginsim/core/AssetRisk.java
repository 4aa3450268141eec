package dev.marginsim.core;

/** Owner-set risk parameters of one collateral asset (docs/protocol.md §4). */
public record AssetRisk(int initialWeightBps, int maintenanceWeightBps, int liquidationBonusBps, long depositCapE9) {
}
