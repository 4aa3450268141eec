package dev.marginsim.oracle.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.FeedChain;
import dev.marginsim.oracle.chainlink.ChainlinkFeed;
import dev.marginsim.oracle.chainlink.FeedRpc;
import dev.marginsim.oracle.onchain.FeedContracts;
import dev.marginsim.oracle.onchain.FeedPath;
import dev.marginsim.oracle.onchain.PathPusher;
import dev.marginsim.oracle.synthetic.Gbm;
import dev.marginsim.oracle.synthetic.PathGrid;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A view with injected failures, pushed onto a real anvil by oracle/onchain, reads back through
 * web3j at every write time exactly as {@link OracleView#feedAt} shows it off chain.
 */
class OracleViewOnChainTest {
    private static final long SEED = 6_006L;

    @Test
    void theChainShowsWhatTheViewShows() {
        System.out.println("OracleViewOnChainTest seed " + SEED);
        long t0 = 1_600_000_000L;
        PathGrid grid = new PathGrid("ETH / USD", 8, t0, 60, 6 * 60, new BigDecimal("2000"));
        OracleView view = OracleScenario.over(new Gbm(0, 1.5).generate(grid, SEED, 0))
                .updates(new DeviationHeartbeat(50, 1_800, 12))
                .fail(new Freeze(t0 + 3_600, t0 + 7_200))
                .fail(OneBlockRound.spike(t0 + 9_000, new BigDecimal("0.3"), 12))
                .fail(OneBlockRound.answer(t0 + 12_000, BigInteger.ZERO, 12))
                .fail(new IncompleteRound(t0 + 15_000, false))
                .view();
        SequencerOutages outages = new SequencerOutages(List.of(new SequencerOutages.Window(t0 + 18_000, t0 + 19_000)));
        List<PriceRound> uptime = outages.uptimeRounds("seq", t0 - 10);
        try (FeedChain net = FeedChain.start()) {
            Chain chain = net.chain();
            FeedRpc rpc = net.rpc();
            FeedContracts contracts = net.contracts();
            PathPusher pusher = PathPusher.deploy(contracts, List.of(new FeedPath(view.name(), view.decimals(), view.rounds())),
                    uptime, PathPusher.TimeMode.SHIFT_TO_HEAD);
            long offset = pusher.offsetSeconds();
            ChainlinkFeed onChain = ChainlinkFeed.open(rpc, pusher.feedAddresses().get(view.name()));
            ChainlinkFeed seqOnChain = ChainlinkFeed.open(rpc, pusher.sequencerAddress().orElseThrow());
            OracleView seqView = outages.uptimeFeed("seq", t0 - 10);
            TreeSet<Long> times = new TreeSet<>();
            view.rounds().forEach(r -> times.add(OracleView.writeTime(r)));
            uptime.forEach(r -> times.add(OracleView.writeTime(r)));
            for (long t : times) {
                pusher.pushUntil(t + offset);
                view.latestAt(t).ifPresent(expected -> assertEquals(shifted(expected, offset, onChain.source()),
                        onChain.latestRound(), "feed at " + t));
                assertEquals(shifted(seqView.latestAt(t).orElseThrow(), offset, seqOnChain.source()),
                        seqOnChain.latestRound(), "sequencer at " + t);
            }
            assertEquals(0, pusher.pending());
        }
    }

    private static PriceRound shifted(PriceRound r, long offset, String source) {
        return new PriceRound(source, r.roundId(), r.answer(), r.decimals(), r.startedAt() == 0 ? 0 : r.startedAt() + offset,
                r.updatedAt() == 0 ? 0 : r.updatedAt() + offset, r.answeredInRound());
    }
}
