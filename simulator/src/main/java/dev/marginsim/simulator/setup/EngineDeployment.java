package dev.marginsim.simulator.setup;

import dev.marginsim.simulator.engine.MarginEngine;
import java.util.List;

/**
 * A {@link dev.marginsim.core.ProtocolSetup} deployed on the Java engine: the engine and the ids of
 * what stands in for contracts on a chain (token ids per asset, feed ids per setup feed, the sequencer
 * feed id or -1).
 */
public record EngineDeployment(MarginEngine engine, List<Integer> collateralTokens, List<Integer> feeds,
        int sequencerFeed) {
    public EngineDeployment {
        collateralTokens = List.copyOf(collateralTokens);
        feeds = List.copyOf(feeds);
    }
}
