package dev.marginsim.simulator.setup;

import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.engine.MarginEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Deploys a {@link ProtocolSetup} on the Java engine in exactly the steps the chain deployer takes
 * on a chain, at one block time, so the two start from identical state.
 */
public final class EngineDeployer {
    private EngineDeployer() {
    }

    public static EngineDeployment deploy(ProtocolSetup setup, long timestamp) {
        MarginEngine engine = new MarginEngine();
        engine.setTime(timestamp);
        List<Integer> tokens = new ArrayList<>();
        for (ProtocolSetup.Collateral c : setup.collaterals()) {
            tokens.add(engine.addToken(c.tokenDecimals()));
        }
        List<Integer> feeds = new ArrayList<>();
        for (ProtocolSetup.Feed f : setup.feeds()) {
            int feed = engine.addFeed(f.decimals());
            engine.setRound(feed, 1, f.initialAnswer(), timestamp, timestamp, 1);
            feeds.add(feed);
        }
        int sequencer = -1;
        if (setup.hasSequencerFeed()) {
            sequencer = engine.addFeed(0);
            engine.setRound(sequencer, 1, 0, 1, 1, 1); // up since long before any grace period
        }
        for (int i = 0; i < setup.collaterals().size(); i++) {
            ProtocolSetup.Collateral c = setup.collaterals().get(i);
            engine.listAsset(tokens.get(i), c.guard().bind(Integer.toString(feeds.get(c.guard().feed()))), c.risk());
        }
        for (ProtocolSetup.Market m : setup.markets()) {
            engine.listMarket(m.guard().bind(Integer.toString(feeds.get(m.guard().feed()))), m.params());
        }
        if (sequencer >= 0) {
            engine.setSequencerFeed(sequencer, setup.sequencerGraceSeconds());
        }
        engine.setLiquidationConfig(setup.liquidationBufferBps(), setup.dustNotionalE6());
        return new EngineDeployment(engine, tokens, feeds, sequencer);
    }
}
