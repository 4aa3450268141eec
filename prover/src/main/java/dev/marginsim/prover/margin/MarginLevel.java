package dev.marginsim.prover.margin;

/**
 * Which requirement a margin-sufficiency proof speaks of (docs/protocol.md §6): maintenance
 * (weightedEquityMaint ≥ maintenanceRequirement: not liquidatable) or initial
 * (weightedEquityInitial ≥ initialRequirement: may open risk). Each is a separate proof.
 */
public enum MarginLevel {
    MAINTENANCE("maintenance"),
    INITIAL("initial");

    private final String wireName;

    MarginLevel(String wireName) {
        this.wireName = wireName;
    }

    /** The name in proof documents and in the transcript. */
    public String wireName() {
        return wireName;
    }

    /** The level with that wire name, or null. */
    public static MarginLevel fromWire(String name) {
        for (MarginLevel level : values()) {
            if (level.wireName.equals(name)) {
                return level;
            }
        }
        return null;
    }
}
