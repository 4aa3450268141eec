package dev.marginsim.oracle.chainlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainDeployer;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.oracle.FeedChain;
import dev.marginsim.oracle.onchain.FeedContracts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading feeds on a real anvil: rounds, phases, batches, snapshots, following, and the named errors. */
class ChainlinkFeedTest {
    private static FeedChain net;
    private static Chain chain;
    private static FeedRpc rpc;
    private static FeedContracts contracts;

    @BeforeAll
    static void start() {
        net = FeedChain.start();
        chain = net.chain();
        rpc = net.rpc();
        contracts = net.contracts();
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    private static PriceRound round(long id, long answer, long t) {
        return PriceRound.complete("x", id, answer, 8, t);
    }

    @Test
    void readsAnAggregatorExactlyAsWritten() {
        String agg = contracts.deployAggregator(8, "ETH / USD");
        contracts.setRound(agg, new PriceRound("x", BigInteger.valueOf(7), BigInteger.valueOf(-5), 8, 100, 0,
                BigInteger.valueOf(6)));
        ChainlinkFeed feed = ChainlinkFeed.open(rpc, agg.toLowerCase());
        assertEquals(8, feed.decimals());
        assertEquals("ETH / USD", feed.description());
        assertEquals(org.web3j.crypto.Keys.toChecksumAddress(agg), feed.source());
        PriceRound latest = feed.latestRound();
        assertEquals(new PriceRound(feed.source(), BigInteger.valueOf(7), BigInteger.valueOf(-5), 8, 100, 0,
                BigInteger.valueOf(6)), latest);
        assertEquals(Optional.of(latest), feed.round(BigInteger.valueOf(7)));
        assertEquals(Optional.empty(), feed.round(BigInteger.valueOf(8)), "a round never written reads as empty");
    }

    @Test
    void walksBackThroughGapsAndPhasesToPhaseOneRoundOne() {
        // Phase 1: rounds 1..5 without 3; phase 2: rounds 1..4 without 1 and 2; phase 3: rounds 1..3.
        String a1 = contracts.deployAggregator(8, "BTC / USD");
        String a2 = contracts.deployAggregator(8, "BTC / USD");
        String a3 = contracts.deployAggregator(8, "BTC / USD");
        contracts.setRounds(a1, List.of(round(1, 101, 1), round(2, 102, 2), round(4, 104, 4), round(5, 105, 5)));
        contracts.setRounds(a2, List.of(round(3, 203, 13), round(4, 204, 14)));
        contracts.setRounds(a3, List.of(round(1, 301, 21), round(2, 302, 22), round(3, 303, 23)));
        String proxy = contracts.deployProxy(a1);
        contracts.confirmAggregator(proxy, a2);
        contracts.confirmAggregator(proxy, a3);
        ChainlinkFeed feed = ChainlinkFeed.open(rpc, proxy);

        List<PriceRound> history = RoundHistory.walkBack(feed, 100);
        List<Long> answers = history.stream().map(r -> r.answer().longValueExact()).toList();
        assertEquals(List.of(303L, 302L, 301L, 204L, 203L, 105L, 104L, 102L, 101L), answers);
        for (PriceRound r : history) {
            int phase = (int) (r.answer().longValueExact() / 100);
            assertEquals(phase, r.phaseId(), "round ids carry their phase: " + r);
            assertEquals(r.roundId(), r.answeredInRound());
            assertEquals(Optional.of(r), feed.round(r.roundId()), "getRoundData of the walked id gives the same round");
        }
        assertEquals(List.of(303L, 302L, 301L, 204L), RoundHistory.walkBack(feed, 4).stream()
                .map(r -> r.answer().longValueExact()).toList(), "maxRounds bounds the walk");
        assertEquals(List.of(303L, 302L, 301L, 204L, 203L), RoundHistory.since(feed, 13, 100).stream()
                .map(r -> r.answer().longValueExact()).toList(), "since ends with the round in force at the start");
    }

    @Test
    void aBatchReadsTheSameRoundsAsOneCallEach() {
        String agg = contracts.deployAggregator(18, "STETH / ETH");
        List<PriceRound> written = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            written.add(new PriceRound("x", BigInteger.valueOf(i), BigInteger.TEN.pow(18).add(BigInteger.valueOf(i * 7919L)),
                    18, 1000 + i, 1000 + i + (i % 3), BigInteger.valueOf(i - (i % 5 == 0 ? 1 : 0))));
        }
        contracts.setRounds(agg, written);
        ChainlinkFeed feed = ChainlinkFeed.open(rpc, agg);
        List<BigInteger> ids = new ArrayList<>();
        for (int i = 0; i <= 121; i++) {
            ids.add(BigInteger.valueOf(i));
        }
        List<Optional<PriceRound>> batched = feed.rounds(ids);
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(feed.round(ids.get(i)), batched.get(i), "round " + i);
        }
        assertTrue(batched.get(0).isEmpty());
        assertTrue(batched.get(121).isEmpty());
        assertEquals(written.get(59).answer(), batched.get(60).orElseThrow().answer());
    }

    @Test
    void theDeploylessReaderReadsWhatOneCallEachReads() {
        String a1 = contracts.deployAggregator(8, "AVAX / USD");
        String a2 = contracts.deployAggregator(8, "AVAX / USD");
        List<PriceRound> rounds = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            if (i % 17 != 0) { // gaps
                rounds.add(new PriceRound("x", BigInteger.valueOf(i), BigInteger.valueOf(1_000 + i).negate().pow(3), 8,
                        i, i % 11 == 0 ? 0 : i + 1, BigInteger.valueOf(i - i % 2)));
            }
        }
        contracts.setRounds(a1, rounds);
        contracts.transmit(a2, BigInteger.valueOf(42));
        String proxy = contracts.deployProxy(a1);
        contracts.confirmAggregator(proxy, a2);
        ChainlinkFeed feed = ChainlinkFeed.open(rpc, proxy);
        ChainlinkFeed plain = ChainlinkFeed.open(rpc, a1);

        List<RoundBatchReader.Request> requests = new ArrayList<>();
        List<Optional<PriceRound>> expected = new ArrayList<>();
        for (int i = 0; i <= 302; i++) { // phase 1 rounds 0..302 through the proxy: more than two calls' worth
            BigInteger id = BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(i));
            requests.add(RoundBatchReader.Request.round(feed, id));
            expected.add(feed.round(id));
        }
        requests.add(RoundBatchReader.Request.round(feed, BigInteger.valueOf(5).shiftLeft(64).add(BigInteger.ONE)));
        expected.add(Optional.empty()); // a phase the proxy never had
        requests.add(RoundBatchReader.Request.latest(feed));
        expected.add(Optional.of(feed.latestRound()));
        requests.add(RoundBatchReader.Request.round(plain, BigInteger.valueOf(16)));
        expected.add(plain.round(BigInteger.valueOf(16)));

        assertEquals(expected, RoundBatchReader.read(rpc, requests, "latest"));
        assertEquals(2, expected.get(expected.size() - 2).orElseThrow().phaseId());
        assertEquals(BigInteger.valueOf(42), expected.get(expected.size() - 2).orElseThrow().answer());
        assertTrue(expected.get(17).isEmpty() && expected.get(0).isEmpty(), "gaps and round 0 read as empty");
        assertTrue(expected.get(11).isPresent() && expected.get(11).get().updatedAt() == 0,
                "an incomplete round is a round, not a gap");
    }

    @Test
    void aSnapshotReadsEveryFeedAtOneBlock() {
        String eth = contracts.deployAggregator(8, "ETH / USD");
        String btc = contracts.deployAggregator(8, "BTC / USD");
        contracts.transmit(eth, BigInteger.valueOf(3_000_00000000L));
        contracts.transmit(btc, BigInteger.valueOf(60_000_00000000L));
        List<ChainlinkFeed> feeds = List.of(ChainlinkFeed.open(rpc, eth), ChainlinkFeed.open(rpc, btc));
        long before = rpc.latestBlock().number();
        PriceSnapshot first = FeedBatch.snapshot(rpc, feeds);
        contracts.transmit(eth, BigInteger.valueOf(2_900_00000000L));
        PriceSnapshot pinned = FeedBatch.snapshotAt(rpc, feeds, before);
        PriceSnapshot now = FeedBatch.snapshot(rpc, feeds);

        assertEquals(before, first.blockNumber());
        assertArrayEquals(first.hash(), pinned.hash(), "reading at a past block gives that block's prices");
        assertEquals(BigInteger.valueOf(2_900_00000000L), now.round(feeds.get(0).source()).answer());
        assertEquals(now.round(feeds.get(1).source()), first.round(feeds.get(1).source()));
        assertNotEquals(first.blockNumber(), now.blockNumber());
        assertEquals(chain.latestTimestamp(), now.timestamp());
    }

    @Test
    void pollingDeliversEveryNewRoundOldestFirst() {
        String agg = contracts.deployAggregator(8, "LINK / USD");
        contracts.transmit(agg, BigInteger.valueOf(10));
        List<PriceRound> seen = new ArrayList<>();
        RoundPoller poller = new RoundPoller(ChainlinkFeed.open(rpc, agg), seen::add);
        assertEquals(1, poller.pollOnce());
        assertEquals(0, poller.pollOnce(), "nothing new, nothing delivered");
        for (long a = 11; a <= 14; a++) {
            contracts.transmit(agg, BigInteger.valueOf(a));
        }
        assertEquals(4, poller.pollOnce(), "the three rounds in between come too");
        assertEquals(List.of(10L, 11L, 12L, 13L, 14L), seen.stream().map(r -> r.answer().longValueExact()).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seen.stream().map(PriceRound::aggregatorRoundId).toList());
    }

    @Test
    void aWebSocketSubscriptionDeliversRoundsThroughTheProxy() throws InterruptedException {
        String agg = contracts.deployAggregator(8, "SOL / USD");
        String proxy = contracts.deployProxy(agg);
        contracts.transmit(agg, BigInteger.valueOf(100));
        ChainlinkFeed feed = ChainlinkFeed.open(rpc, proxy);
        assertEquals(org.web3j.crypto.Keys.toChecksumAddress(agg), feed.eventSource());
        List<PriceRound> seen = new CopyOnWriteArrayList<>();
        List<RuntimeException> errors = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        try (RoundSubscription sub = RoundSubscription.open(feed, new RoundListener() {
            @Override
            public void onRound(PriceRound round) {
                seen.add(round);
                three.countDown();
            }

            @Override
            public void onError(RuntimeException error) {
                errors.add(error);
            }
        })) {
            for (long a = 101; a <= 103; a++) {
                contracts.transmit(agg, BigInteger.valueOf(a));
            }
            assertTrue(three.await(30, TimeUnit.SECONDS), "three events within 30 s; got " + seen + ", errors " + errors);
        }
        assertEquals(List.of(), errors);
        assertEquals(List.of(101L, 102L, 103L), seen.stream().map(r -> r.answer().longValueExact()).toList());
        for (PriceRound r : seen) {
            assertEquals(1, r.phaseId(), "read through the proxy: phase 1 ids");
            assertEquals(Optional.of(r), feed.round(r.roundId()));
        }
    }

    @Test
    void anAddressWithoutCodeIsNamed() {
        var e = assertThrows(FeedException.NoContractCode.class,
                () -> ChainlinkFeed.open(rpc, "0x000000000000000000000000000000000000dEaD"));
        assertTrue(e.getMessage().contains("0x000000000000000000000000000000000000dEaD"), e.getMessage());
    }

    @Test
    void aContractThatIsNotAFeedIsNamed() {
        String token = new ChainDeployer(chain, contracts.writer()).deployToken("USD Coin", "USDC", 6);
        // An ERC-20 answers decimals() but has no description(): the call reverts.
        var e = assertThrows(FeedException.NotAFeed.class, () -> ChainlinkFeed.open(rpc, token));
        assertTrue(e.getMessage().contains("description()"), e.getMessage());
    }

    @Test
    void anUnreachableNodeIsNamed() {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String url = "http://127.0.0.1:" + closedPort;
        var e = assertThrows(FeedException.Unreachable.class, () -> FeedRpc.connect(url));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertThrows(FeedException.Unreachable.class, () -> FeedRpc.connect("ftp://127.0.0.1:1"));
    }

    @Test
    void aBadAddressIsRefusedBeforeAnyCall() {
        assertThrows(IllegalArgumentException.class, () -> ChainlinkFeed.open(rpc, "0x1234"));
    }
}
