package dev.marginsim.oracle.chainlink;

import dev.marginsim.core.price.PriceRound;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows a feed by polling {@code latestRoundData}. When several rounds were written between two
 * polls, the ones in between are fetched in one batch and delivered too, oldest first, so a listener
 * sees every round of the current phase (up to {@link #MAX_CATCH_UP} per poll; a phase change
 * delivers the new phase's latest round only). {@link #pollOnce()} runs one poll on the caller's
 * thread; {@link #start} runs it on a schedule.
 */
public final class RoundPoller implements AutoCloseable {
    /** Rounds fetched in between two polls at most (older ones are skipped, not queued). */
    public static final int MAX_CATCH_UP = 1_000;

    private final ChainlinkFeed feed;
    private final RoundListener listener;
    private PriceRound last;
    private ScheduledExecutorService scheduler;

    public RoundPoller(ChainlinkFeed feed, RoundListener listener) {
        this.feed = feed;
        this.listener = listener;
    }

    /** Polls every {@code interval} on a daemon thread until {@link #close()}. */
    public synchronized RoundPoller start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "round-poller-" + feed.address());
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pollSafely() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    /** One poll: delivers the rounds written since the previous poll; returns how many. */
    public synchronized int pollOnce() {
        PriceRound latest = feed.latestRound();
        if (last != null && latest.equals(last)) {
            return 0;
        }
        List<PriceRound> fresh = new ArrayList<>();
        if (last != null && latest.phaseId() == last.phaseId()
                && latest.aggregatorRoundId() > last.aggregatorRoundId() + 1) {
            long from = Math.max(last.aggregatorRoundId() + 1, latest.aggregatorRoundId() - MAX_CATCH_UP);
            List<BigInteger> ids = new ArrayList<>();
            for (long id = from; id < latest.aggregatorRoundId(); id++) {
                ids.add(AggregatorAbi.proxyRoundId(latest.phaseId(), id));
            }
            for (Optional<PriceRound> r : feed.rounds(ids)) {
                r.ifPresent(fresh::add);
            }
        }
        fresh.add(latest);
        last = latest;
        fresh.forEach(listener::onRound);
        return fresh.size();
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
