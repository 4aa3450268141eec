package dev.marginsim.cli;

import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.simulator.scenario.Action;
import dev.marginsim.simulator.scenario.ActionSink;
import java.util.Objects;

/**
 * Applies every action to the Java engine and to the chain, and counts where their outcomes
 * differ (one reverted, the other not, or for different reasons). The engine's outcome is what the
 * scenario sees, so both sides receive the identical sequence.
 */
final class LockstepSink implements ActionSink {
    private final ActionSink engine;
    private final ActionSink chain;
    long actions;
    long outcomeMismatches;
    String firstMismatch;

    LockstepSink(ActionSink engine, ActionSink chain) {
        this.engine = engine;
        this.chain = chain;
    }

    @Override
    public void apply(Action action) {
        actions++;
        ProtocolRevert onEngine = attempt(engine, action);
        ProtocolRevert onChain = attempt(chain, action);
        if (!Objects.equals(onEngine, onChain)) {
            outcomeMismatches++;
            if (firstMismatch == null) {
                firstMismatch = action + ": engine " + describe(onEngine) + ", chain " + describe(onChain);
            }
        }
        if (onEngine != null) {
            throw onEngine;
        }
    }

    private static ProtocolRevert attempt(ActionSink sink, Action action) {
        try {
            sink.apply(action);
            return null;
        } catch (ProtocolRevert r) {
            return r;
        }
    }

    private static String describe(ProtocolRevert r) {
        return r == null ? "ok" : r.solidityForm();
    }
}
