package dev.marginsim.differential;

import dev.marginsim.core.ProtocolRevert;
import java.util.List;

/** What one side did with one step: either the revert, or success and the protocol events it emitted. */
record Outcome(String revert, List<String> events) {
    static Outcome success(List<String> events) {
        return new Outcome(null, List.copyOf(events));
    }

    static Outcome reverted(ProtocolRevert r) {
        return new Outcome(r.solidityForm(), List.of());
    }

    static Outcome revertedUnknown(String data) {
        return new Outcome("unknown revert " + data, List.of());
    }

    @Override
    public String toString() {
        return revert != null ? "revert " + revert : "ok " + events;
    }
}
