package dev.marginsim.oracle.chainlink;

import io.reactivex.disposables.Disposable;
import java.math.BigInteger;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.websocket.WebSocketService;
import org.web3j.protocol.websocket.events.Log;

/**
 * Follows a feed over WebSocket: an {@code eth_subscribe("logs")} for Chainlink's
 * {@code AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt)} on the
 * aggregator behind the feed (a proxy emits nothing itself). Each event names its aggregator round;
 * the full round is then read through the feed ({@code getRoundData} of {@code phase << 64 | round}),
 * so the listener gets exactly what a contract reading the proxy would get. Reads run on one thread
 * in event order.
 *
 * <p>The subscription is bound to the aggregator and phase current when it was opened; after a proxy
 * upgrade, open a new one.
 */
public final class RoundSubscription implements AutoCloseable {
    /** topic0 of {@code AnswerUpdated}. */
    public static final String ANSWER_UPDATED = Hash.sha3String("AnswerUpdated(int256,uint256,uint256)");

    private final WebSocketService service;
    private final Web3j web3j;
    private final Disposable subscription;
    private final ExecutorService reader;

    private RoundSubscription(WebSocketService service, Web3j web3j, Disposable subscription, ExecutorService reader) {
        this.service = service;
        this.web3j = web3j;
        this.subscription = subscription;
        this.reader = reader;
    }

    /** Subscribes at the feed's node ({@link FeedRpc#webSocketUrl()}). */
    public static RoundSubscription open(ChainlinkFeed feed, RoundListener listener) {
        return open(feed, feed.rpc().webSocketUrl(), listener);
    }

    public static RoundSubscription open(ChainlinkFeed feed, String webSocketUrl, RoundListener listener) {
        String aggregator = feed.eventSource();
        int phase = feed.latestRound().phaseId();
        WebSocketService service = new WebSocketService(webSocketUrl, false);
        try {
            service.connect();
        } catch (ConnectException | RuntimeException e) {
            throw new FeedException.Unreachable(webSocketUrl, "WebSocket connect failed: " + e, e);
        }
        Web3j web3j = Web3j.build(service);
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "round-subscription-" + feed.address());
            t.setDaemon(true);
            return t;
        });
        Disposable d = web3j.logsNotifications(List.of(aggregator), List.of(ANSWER_UPDATED)).subscribe(
                n -> reader.execute(() -> deliver(feed, phase, n.getParams().getResult(), listener)),
                e -> listener.onError(new FeedException.Unreachable(webSocketUrl, "subscription failed: " + e, e)));
        return new RoundSubscription(service, web3j, d, reader);
    }

    private static void deliver(ChainlinkFeed feed, int phase, Log log, RoundListener listener) {
        try {
            List<String> topics = log.getTopics();
            if (topics.size() != 3) {
                return; // not Chainlink's AnswerUpdated layout
            }
            long aggregatorRound = new BigInteger(topics.get(2).substring(2), 16).longValueExact();
            // A plain aggregator's ids carry no phase; a proxy's carry the phase it was opened at.
            boolean plain = feed.address().equalsIgnoreCase(log.getAddress());
            BigInteger roundId = plain ? BigInteger.valueOf(aggregatorRound)
                    : AggregatorAbi.proxyRoundId(phase, aggregatorRound);
            feed.round(roundId).ifPresentOrElse(listener::onRound,
                    () -> listener.onError(new FeedException.NotAFeed(feed.address(),
                            "AnswerUpdated for round " + aggregatorRound + " that getRoundData does not know")));
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    @Override
    public void close() {
        subscription.dispose();
        reader.shutdown();
        try {
            reader.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        web3j.shutdown();
        service.close();
    }
}
