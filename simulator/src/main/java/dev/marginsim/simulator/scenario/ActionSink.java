package dev.marginsim.simulator.scenario;

import dev.marginsim.core.ProtocolRevert;

/**
 * Where a scenario's actions go. {@link EngineSink} applies them to the Java engine; a chain runner
 * applies each to a contract as well and compares.
 */
public interface ActionSink {
    /** Applies one action; throws {@link ProtocolRevert} if the protocol refuses it (state unchanged). */
    void apply(Action action);
}
