package dev.marginsim.oracle.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.FeedChain;
import dev.marginsim.oracle.aggregate.TimeWeightedAverage;
import dev.marginsim.oracle.aggregate.TwapFeed;
import dev.marginsim.oracle.chainlink.ChainlinkFeed;
import dev.marginsim.oracle.chainlink.FeedRpc;
import dev.marginsim.oracle.chainlink.RoundHistory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paths pushed onto anvil read back through web3j exactly as written, in blocks at their write times. */
class PathPusherTest {
    private static final long SEED = Long.getLong("marginsim.push.seed", 77L);
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

    /** A random walk of {@code n} rounds from time {@code t0}; ids carry {@code phase} (0 = none). */
    private static List<PriceRound> walk(SplittableRandom rnd, String name, int decimals, long t0, int n, int phase,
            long firstRound) {
        List<PriceRound> out = new ArrayList<>();
        BigInteger price = BigInteger.valueOf(3_000).multiply(BigInteger.TEN.pow(decimals));
        long t = t0;
        for (int i = 0; i < n; i++) {
            // a move of -2 % .. +2 %, exact in integers
            price = price.add(price.multiply(BigInteger.valueOf(rnd.nextLong(-20, 21))).divide(BigInteger.valueOf(1_000)));
            BigInteger id = BigInteger.valueOf(phase).shiftLeft(64).add(BigInteger.valueOf(firstRound + i));
            boolean incomplete = rnd.nextInt(15) == 0;
            out.add(new PriceRound(name, id, price, decimals, t, incomplete ? 0 : t,
                    incomplete ? id.subtract(BigInteger.ONE) : id));
            t += rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(1, 3_600); // some rounds share a block time
        }
        return out;
    }

    private static PriceRound shifted(PriceRound r, long offset, String source) {
        return new PriceRound(source, r.roundId(), r.answer(), r.decimals(), r.startedAt() == 0 ? 0 : r.startedAt() + offset,
                r.updatedAt() == 0 ? 0 : r.updatedAt() + offset, r.answeredInRound());
    }

    private static long writeTime(PriceRound r) {
        return r.updatedAt() != 0 ? r.updatedAt() : r.startedAt();
    }

    @Test
    void everyRoundIsReadBackInABlockAtItsWriteTime() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        System.out.println("everyRoundIsReadBackInABlockAtItsWriteTime seed " + SEED);
        long t0 = 1_386_000_000L; // 2013: far behind anvil's head, so the path is shifted
        List<PriceRound> eth = walk(rnd, "ETH / USD", 8, t0, 40, 0, 1);
        List<PriceRound> btc = new ArrayList<>(walk(rnd, "BTC / USD", 18, t0 + 5, 20, 1, 1));
        btc.addAll(walk(rnd, "BTC / USD", 18, writeTime(btc.get(btc.size() - 1)) + 100, 20, 3, 1)); // phase 2 never used
        List<PriceRound> sequencer = List.of(
                new PriceRound("seq", BigInteger.ONE, BigInteger.ZERO, 0, t0 - 10, t0 - 10, BigInteger.ONE),
                new PriceRound("seq", BigInteger.TWO, BigInteger.ONE, 0, t0 + 20_000, t0 + 20_000, BigInteger.TWO),
                new PriceRound("seq", BigInteger.valueOf(3), BigInteger.ZERO, 0, t0 + 23_600, t0 + 23_600, BigInteger.valueOf(3)));

        PathPusher pusher = PathPusher.deploy(contracts, List.of(new FeedPath("ETH / USD", 8, eth),
                new FeedPath("BTC / USD", 18, btc)), sequencer, PathPusher.TimeMode.SHIFT_TO_HEAD);
        long offset = pusher.offsetSeconds();
        assertTrue(offset > 0);
        Map<String, String> at = pusher.feedAddresses();
        ChainlinkFeed ethFeed = ChainlinkFeed.open(rpc, at.get("ETH / USD"));
        ChainlinkFeed btcFeed = ChainlinkFeed.open(rpc, at.get("BTC / USD"));
        ChainlinkFeed seqFeed = ChainlinkFeed.open(rpc, pusher.sequencerAddress().orElseThrow());
        assertEquals("BTC / USD", btcFeed.description());
        assertEquals(18, btcFeed.decimals());

        TreeSet<Long> times = new TreeSet<>();
        for (List<PriceRound> p : List.of(eth, btc, sequencer)) {
            p.forEach(r -> times.add(writeTime(r) + offset));
        }
        int written = 0;
        for (long t : times) {
            written += pusher.pushUntil(t);
            assertEquals(t, chain.latestTimestamp(), "the writes due at " + t + " were mined at " + t);
            assertReads(lastAt(eth, t - offset, offset, ethFeed.source()), ethFeed);
            assertReads(lastAt(btc, t - offset, offset, btcFeed.source()), btcFeed);
            assertReads(lastAt(sequencer, t - offset, offset, seqFeed.source()), seqFeed);
        }
        assertEquals(0, pusher.pending());
        assertEquals(eth.size() + btc.size() + sequencer.size() + 2, written, "every round plus two phase switches");
        assertEquals(3, btcFeed.latestRound().phaseId());

        // The whole phased history walks back as pushed (phase 2 is empty and skipped).
        List<PriceRound> expected = new ArrayList<>();
        btc.forEach(r -> expected.add(shifted(r, offset, btcFeed.source())));
        Collections.reverse(expected);
        assertEquals(expected, RoundHistory.walkBack(btcFeed, 1_000));

        // A TWAP over the chain equals the TWAP of the path (shifted), batched walk or one round at a time.
        long now = chain.latestTimestamp();
        long window = 3 * 3_600;
        List<PriceRound> ethShifted = eth.stream().map(r -> shifted(r, offset, ethFeed.source())).toList();
        BigInteger offChain = TimeWeightedAverage.of(ethShifted, now - window, now);
        assertEquals(offChain, TwapFeed.of(ethFeed, window, () -> now).latestRound().answer());
        assertEquals(offChain, TwapFeed.walking(ethFeed, window, () -> now).latestRound().answer());
    }

    /** The last round of {@code path} written at or before path time {@code t}, as read on chain. */
    private static PriceRound lastAt(List<PriceRound> path, long t, long offset, String source) {
        PriceRound last = null;
        for (PriceRound r : path) {
            if (writeTime(r) <= t) {
                last = r;
            }
        }
        return last == null ? null : shifted(last, offset, source);
    }

    /** The feed reads {@code expected}, or has no round yet if it is null. */
    private static void assertReads(PriceRound expected, ChainlinkFeed feed) {
        if (expected == null) {
            assertThrows(dev.marginsim.oracle.chainlink.FeedException.NoRoundData.class, feed::latestRound);
        } else {
            assertEquals(expected, feed.latestRound());
        }
    }

    @Test
    void aPushedPathIsGuardedOnChainExactlyAsOffChain() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        System.out.println("aPushedPathIsGuardedOnChainExactlyAsOffChain seed " + (SEED + 1));
        long t0 = 1_600_000_000L;
        // A path with the failures oracles have: stale gaps, incomplete rounds, a zero answer, a spike.
        List<PriceRound> path = new ArrayList<>(walk(rnd, "ETH / USD", 8, t0, 60, 0, 1));
        for (int i = 30; i < path.size(); i++) { // the feed stops updating for almost three hours after round 30
            PriceRound r = path.get(i);
            path.set(i, new PriceRound(r.source(), r.roundId(), r.answer(), 8, r.startedAt() + 10_000,
                    r.updatedAt() == 0 ? 0 : r.updatedAt() + 10_000, r.answeredInRound()));
        }
        for (int i = 10; i < path.size(); i += 13) {
            PriceRound r = path.get(i);
            BigInteger answer = i % 2 == 0 ? BigInteger.ZERO : r.answer().multiply(BigInteger.TEN);
            path.set(i, new PriceRound(r.source(), r.roundId(), answer, 8, r.startedAt(), r.updatedAt(), r.answeredInRound()));
        }
        List<PriceRound> sequencer = List.of(
                new PriceRound("seq", BigInteger.ONE, BigInteger.ZERO, 0, t0 - 100_000, t0 - 100_000, BigInteger.ONE),
                new PriceRound("seq", BigInteger.TWO, BigInteger.ONE, 0, t0 + 20_000, t0 + 20_000, BigInteger.TWO),
                new PriceRound("seq", BigInteger.valueOf(3), BigInteger.ZERO, 0, t0 + 30_000, t0 + 30_000, BigInteger.valueOf(3)));
        PathPusher pusher = PathPusher.deploy(contracts, List.of(new FeedPath("ETH / USD", 8, path)), sequencer,
                PathPusher.TimeMode.SHIFT_TO_HEAD);
        long offset = pusher.offsetSeconds();
        String feedAddress = pusher.feedAddresses().get("ETH / USD");
        String usdc = new dev.marginsim.contracts.chain.ChainDeployer(chain, contracts.writer())
                .deployToken("USD Coin", "USDC", 6);
        var protocol = new dev.marginsim.contracts.chain.ProtocolClient(chain, chain.deploy(contracts.writer(),
                dev.marginsim.contracts.chain.Artifacts.bytecode("MarginProtocol")
                        + org.web3j.abi.FunctionEncoder.encodeConstructor(List.of(new org.web3j.abi.datatypes.Address(usdc)))));
        var config = new dev.marginsim.core.OracleConfig(feedAddress, 3_600, 2_000_00000000L, 4_500_00000000L);
        var params = new dev.marginsim.core.MarketParams(1_000, 500, 250, 5_000, 5, 2_000_000_000000000L, 3_000);
        long grace = 1_800;
        assertTrue(protocol.send(contracts.writer(), dev.marginsim.contracts.chain.ProtocolClient.encodeListMarket(config, params)).success());
        assertTrue(protocol.send(contracts.writer(), dev.marginsim.contracts.chain.ProtocolClient.encodeSetSequencerFeed(
                pusher.sequencerAddress().orElseThrow(), grace)).success());

        // Off chain: the same path, unshifted, in memory, guarded at path time.
        dev.marginsim.oracle.guard.MutableFeed offFeed = new dev.marginsim.oracle.guard.MutableFeed("ETH / USD", 8);
        dev.marginsim.oracle.guard.MutableFeed offSeq = new dev.marginsim.oracle.guard.MutableFeed("seq", 0);
        TreeSet<Long> times = new TreeSet<>();
        path.forEach(r -> times.add(writeTime(r)));
        sequencer.forEach(r -> times.add(writeTime(r)));
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (long t : times) {
            pusher.pushUntil(t + offset);
            path.stream().filter(r -> writeTime(r) == t).forEach(offFeed::set);
            sequencer.stream().filter(r -> writeTime(r) == t).forEach(offSeq::set);
            if (offFeed.isEmpty()) {
                continue; // no price yet: the aggregator reverts NoDataPresent, not a guard's business
            }
            // At the write time, and (between writes more than a heartbeat apart) one second after the
            // heartbeat ran out, in an empty block mined there.
            List<Long> checkAt = new ArrayList<>(List.of(t));
            Long nextWrite = times.higher(t);
            if (nextWrite != null && nextWrite - t > config.heartbeatSeconds() + 1) {
                checkAt.add(t + config.heartbeatSeconds() + 1);
            }
            for (long at : checkAt) {
                if (at != t) {
                    chain.setNextBlockTimestamp(at + offset);
                    chain.mine();
                }
                Object onChain;
                try {
                    onChain = protocol.read(dev.marginsim.contracts.chain.ProtocolClient.marketPriceRead(0));
                } catch (dev.marginsim.core.ProtocolRevert e) {
                    onChain = e;
                }
                var outcome = dev.marginsim.oracle.guard.ContractGuards.wrap(offFeed, config, java.util.Optional.of(
                        new dev.marginsim.oracle.guard.ContractGuards.Sequencer(offSeq, grace)), () -> at).read();
                Object offChain = outcome instanceof dev.marginsim.oracle.guard.GuardOutcome.Accepted a
                        ? (Object) a.priceE8().longValueExact()
                        : dev.marginsim.core.ProtocolRevert.oracle(((dev.marginsim.oracle.guard.GuardOutcome.Rejected) outcome)
                                .failure().contractCode().orElseThrow());
                assertEquals(offChain, onChain, "path time " + at + ", seed " + (SEED + 1));
                outcomes.merge(offChain instanceof Long ? "price" : ((dev.marginsim.core.ProtocolRevert) offChain)
                        .oracleCode().name(), 1, Integer::sum);
            }
        }
        System.out.println("outcomes along the path: " + outcomes);
        assertEquals(java.util.Set.of("price", "NON_POSITIVE", "INCOMPLETE_ROUND", "STALE", "OUT_OF_BOUNDS",
                "SEQUENCER_DOWN", "GRACE_PERIOD"), outcomes.keySet(), "prices and every failure along the path");
    }

    @Test
    void aPathThatCannotBeReplayedIsRefusedBeforeAnythingIsDeployed() {
        long nonce = contracts.writer().nextNonce();
        long head = chain.latestTimestamp();
        List<PriceRound> past = List.of(PriceRound.complete("x", 1, 100, 8, head - 10));
        var e = assertThrows(IllegalArgumentException.class, () -> PathPusher.deploy(contracts,
                List.of(new FeedPath("x", 8, past)), List.of(), PathPusher.TimeMode.EXACT));
        assertTrue(e.getMessage().contains("cannot go back"), e.getMessage());
        List<PriceRound> backwards = List.of(PriceRound.complete("x", 1, 100, 8, head + 100),
                PriceRound.complete("x", 2, 100, 8, head + 50));
        e = assertThrows(IllegalArgumentException.class, () -> PathPusher.deploy(contracts,
                List.of(new FeedPath("x", 8, backwards)), List.of(), PathPusher.TimeMode.SHIFT_TO_HEAD));
        assertTrue(e.getMessage().contains("round 1 is written at"), e.getMessage());
        List<PriceRound> untimed = List.of(new PriceRound("x", BigInteger.ONE, BigInteger.TEN, 8, 0, 0, BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> PathPusher.deploy(contracts,
                List.of(new FeedPath("x", 8, untimed)), List.of(), PathPusher.TimeMode.SHIFT_TO_HEAD));
        assertEquals(nonce, contracts.writer().nextNonce(), "no transaction was sent");
    }

    @Test
    void anExactPathKeepsItsTimestamps() {
        long head = chain.latestTimestamp();
        List<PriceRound> path = List.of(PriceRound.complete("x", 1, 100, 8, head + 1_000),
                PriceRound.complete("x", 2, 101, 8, head + 2_000));
        PathPusher pusher = PathPusher.deploy(contracts, List.of(new FeedPath("SOL / USD", 8, path)), List.of(),
                PathPusher.TimeMode.EXACT);
        assertEquals(0, pusher.offsetSeconds());
        assertEquals(1, pusher.pushUntil(head + 1_500));
        assertEquals(head + 1_000, chain.latestTimestamp());
        ChainlinkFeed feed = ChainlinkFeed.open(rpc, pusher.feedAddresses().get("SOL / USD"));
        assertEquals(head + 1_000, feed.latestRound().updatedAt());
        assertEquals(1, pusher.pushAll());
        assertEquals(BigInteger.valueOf(101), feed.latestRound().answer());
        assertEquals(head + 2_000, feed.latestRound().updatedAt());
    }
}
