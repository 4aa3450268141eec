package dev.marginsim.prover.snapshot;

import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.simulator.scenario.Action;
import dev.marginsim.simulator.scenario.ActionSink;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link ActionSink} that passes every action on and remembers the latest round each feed
 * published and the block time, so a simulation can hand {@link EngineSnapshot} the
 * {@link PriceSnapshot} its state was valued at (the engine keeps its feeds private, as a chain's
 * protocol does; a chain reader gets the same rounds from the feeds' {@code latestRoundData}).
 * Feeds are named by the setup's feed names; the snapshot's block number is the count of time steps.
 */
public final class PriceRecorder implements ActionSink {
    private final ActionSink next;
    private final ProtocolSetup setup;
    private final PriceRound[] latest;
    private long timestamp;
    private long steps;

    /**
     * @param setup the deployed setup; its feeds' initial rounds (id 1 at {@code startTime}, as the
     *              deployers publish them) are the starting point
     */
    public PriceRecorder(ActionSink next, ProtocolSetup setup, long startTime) {
        this.next = next;
        this.setup = setup;
        this.latest = new PriceRound[setup.feeds().size()];
        for (int f = 0; f < latest.length; f++) {
            ProtocolSetup.Feed feed = setup.feeds().get(f);
            latest[f] = PriceRound.complete(feed.name(), 1, feed.initialAnswer(), feed.decimals(), startTime);
        }
        this.timestamp = startTime;
    }

    @Override
    public void apply(Action action) {
        next.apply(action);
        if (action instanceof Action.SetTime t) {
            timestamp = t.timestamp();
            steps++;
        } else if (action instanceof Action.SetRound r) {
            ProtocolSetup.Feed feed = setup.feeds().get(r.feed());
            latest[r.feed()] = new PriceRound(feed.name(), BigInteger.valueOf(r.roundId()), BigInteger.valueOf(r.answer()),
                    feed.decimals(), r.startedAt(), r.updatedAt(), BigInteger.valueOf(r.answeredInRound()));
        }
    }

    /** The rounds as of now. */
    public PriceSnapshot snapshot() {
        return new PriceSnapshot(steps, timestamp, new ArrayList<>(List.of(latest)));
    }
}
