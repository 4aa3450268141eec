package dev.marginsim.oracle.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.marginsim.contracts.chain.Artifacts;
import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.contracts.chain.ChainDeployer;
import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.contracts.chain.RevertDecoder;
import dev.marginsim.contracts.chain.Signer;
import dev.marginsim.core.MarketParams;
import dev.marginsim.core.OracleConfig;
import dev.marginsim.core.OracleFailureCode;
import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.FeedChain;
import dev.marginsim.oracle.chainlink.ChainlinkFeed;
import dev.marginsim.oracle.chainlink.FeedRpc;
import dev.marginsim.oracle.onchain.FeedContracts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;

/**
 * The Java guards and {@code MarginProtocol} side by side on a real anvil: the same oracle config,
 * the same round on a {@code MockAggregator}, the same sequencer round and the same block time must
 * give the same outcome — the contract's {@code OracleFailure(code)} decoded from the revert, or its
 * normalised {@code priceE8}. The Java side reads the rounds back through {@link ChainlinkFeed}.
 * Cases are seeded ({@code -Dmarginsim.guard.seed}); boundaries (min ± 1, max ± 1, exactly one
 * heartbeat old, exactly at the end of the grace period, timestamps in the future) are drawn often.
 */
class ContractGuardsSideBySideTest {
    private static final long SEED = Long.getLong("marginsim.guard.seed", 0x5EED_0D1CL);
    private static final int CASES = Integer.getInteger("marginsim.guard.cases", 400);
    private static final MarketParams PARAMS = new MarketParams(1_000, 500, 250, 5_000, 5, 2_000_000_000000000L, 3_000);

    private static FeedChain net;
    private static Chain chain;
    private static FeedRpc rpc;
    private static Signer owner;
    private static FeedContracts feeds;
    private static ProtocolClient protocol;

    @BeforeAll
    static void start() {
        net = FeedChain.start();
        chain = net.chain();
        rpc = net.rpc();
        owner = net.owner();
        feeds = net.contracts();
        String usdc = new ChainDeployer(chain, owner).deployToken("USD Coin", "USDC", 6);
        protocol = new ProtocolClient(chain, chain.deploy(owner, Artifacts.bytecode("MarginProtocol")
                + FunctionEncoder.encodeConstructor(List.of(new Address(usdc)))));
    }

    @AfterAll
    static void stop() {
        if (net != null) {
            net.close();
        }
    }

    private String mockFeed(int decimals) {
        return new ChainDeployer(chain, owner).deployFeed(decimals, "feed " + decimals);
    }

    /** A config listing accepts for a feed with {@code d} decimals (1 ≤ d ≤ 18). */
    private static OracleConfig validConfig(SplittableRandom rnd, String feed, int d) {
        long lo = d > 8 ? BigInteger.TEN.pow(d - 8).longValueExact() : 1;
        long hi = d <= 8 ? Long.MAX_VALUE / BigInteger.TEN.pow(8 - d).longValueExact() : Long.MAX_VALUE;
        long min = lo + rnd.nextLong(Math.min(1_000_000L, hi - lo - 1)) * (rnd.nextBoolean() ? 1 : 0);
        long max = min + 1 + rnd.nextLong(Math.min(hi - min, 1_000_000_000_000L));
        long heartbeat = rnd.nextInt(8) == 0 ? 0 : rnd.nextLong(1, 86_401);
        return new OracleConfig(feed, heartbeat, min, max);
    }

    @Test
    void listingValidationMatchesTheContract() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        System.out.println("listingValidationMatchesTheContract seed " + SEED);
        List<String> byDecimals = new ArrayList<>();
        for (int d = 0; d <= 20; d++) {
            byDecimals.add(mockFeed(d));
        }
        Set<String> outcomes = new java.util.HashSet<>();
        for (int i = 0; i < 150; i++) {
            int d = rnd.nextInt(21);
            long min;
            long max;
            switch (rnd.nextInt(6)) {
                case 0 -> { min = -rnd.nextLong(0, 1000); max = rnd.nextLong(1, 1_000_000); }
                case 1 -> { min = rnd.nextLong(1, 1_000_000); max = min - rnd.nextLong(0, 2); }
                case 2 -> { min = 1; max = Long.MAX_VALUE - rnd.nextLong(0, 3); }
                case 3 -> { // around the smallest min that normalises to ≥ 1, and the largest max that fits
                    long lo = d > 8 && d <= 26 ? BigInteger.TEN.pow(d - 8).longValue() : 1;
                    min = Math.max(1, lo + rnd.nextLong(-1, 2));
                    long hi = d <= 8 ? Long.MAX_VALUE / BigInteger.TEN.pow(8 - d).longValueExact() : Long.MAX_VALUE;
                    max = hi - rnd.nextLong(-1, 2) < hi ? hi - rnd.nextLong(0, 2) : hi + (hi < Long.MAX_VALUE ? 1 : 0);
                }
                default -> {
                    OracleConfig c = validConfig(rnd, "x", Math.max(1, Math.min(18, d)));
                    min = c.minAnswer();
                    max = c.maxAnswer();
                }
            }
            OracleConfig config = new OracleConfig(byDecimals.get(d), rnd.nextLong(0, 100_000), min, max);
            Object expected;
            try {
                ContractGuards.validate(d, config);
                expected = "listed";
            } catch (ProtocolRevert e) {
                expected = e;
            }
            Object actual = simulateAsOwner(ProtocolClient.encodeListMarket(config, PARAMS));
            assertEquals(expected, actual, "seed " + SEED + " case " + i + ": decimals " + d + ", " + config);
            outcomes.add(String.valueOf(expected));
        }
        assertTrue(outcomes.size() >= 3, "listed, InvalidFeedDecimals and InvalidOracleConfig all occur: " + outcomes);
    }

    /** listMarket as an eth_call from the owner: "listed", or the decoded revert. */
    private static Object simulateAsOwner(String data) {
        try {
            var r = chain.web3j().ethCall(Transaction.createEthCallTransaction(owner.address(), protocol.address(), data),
                    DefaultBlockParameterName.LATEST).send();
            if (r.hasError()) {
                return RevertDecoder.decode(r.getError().getData()).orElseThrow(
                        () -> new AssertionError("not a protocol revert: " + r.getError().getMessage()));
            }
            return "listed";
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void guardOutcomesMatchTheContract() {
        SplittableRandom rnd = new SplittableRandom(SEED ^ 0x9E3779B97F4A7C15L);
        System.out.println("guardOutcomesMatchTheContract seed " + SEED);
        int[] decimalsChoice = {1, 6, 8, 8, 9, 10, 18, 0};
        List<OracleConfig> configs = new ArrayList<>();
        List<ChainlinkFeed> javaFeeds = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            int d = decimalsChoice[m] == 0 ? rnd.nextInt(1, 19) : decimalsChoice[m];
            String feed = mockFeed(d);
            OracleConfig c = validConfig(rnd, feed, d);
            assertTrue(protocol.send(owner, ProtocolClient.encodeListMarket(c, PARAMS)).success(), "list " + c);
            configs.add(c);
            javaFeeds.add(ChainlinkFeed.open(rpc, feed));
        }
        String sequencerAddress = mockFeed(0).toString();
        feeds.setRound(sequencerAddress, PriceRound.complete("seq", 1, 0, 0, 1));
        ChainlinkFeed sequencer = ChainlinkFeed.open(rpc, sequencerAddress);
        Optional<ContractGuards.Sequencer> seqConfig = Optional.empty();

        chain.setBlockTimestampInterval(0);
        long now = chain.latestTimestamp();
        Set<OracleFailureCode> seen = EnumSet.noneOf(OracleFailureCode.class);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            if (i == CASES / 4) {
                long grace = rnd.nextLong(0, 3_601);
                assertTrue(protocol.send(owner, ProtocolClient.encodeSetSequencerFeed(sequencerAddress, grace)).success());
                seqConfig = Optional.of(new ContractGuards.Sequencer(sequencer, grace));
            }
            now += rnd.nextLong(1, 5_000);
            chain.setNextBlockTimestamp(now);
            int m = rnd.nextInt(8);
            OracleConfig c = configs.get(m);
            PriceRound round = randomRound(rnd, c, javaFeeds.get(m).decimals(), now);
            feeds.setRound(c.feed(), round);
            if (seqConfig.isPresent()) {
                feeds.setRound(sequencerAddress, randomSequencerRound(rnd, seqConfig.get().gracePeriodSeconds(), now));
            }
            assertEquals(now, chain.latestTimestamp(), "the rounds were written in a block at the case's time");

            Object contract;
            try {
                contract = protocol.read(ProtocolClient.marketPriceRead(m));
            } catch (ProtocolRevert e) {
                contract = e;
            }
            final long t = now;
            GuardOutcome java = ContractGuards.wrap(javaFeeds.get(m), c, seqConfig, () -> t).read();
            Object javaView = java instanceof GuardOutcome.Accepted a ? (Object) a.priceE8().longValueExact()
                    : ProtocolRevert.oracle(((GuardOutcome.Rejected) java).failure().contractCode().orElseThrow());
            if (!javaView.equals(contract)) {
                fail("seed " + SEED + " case " + i + ": contract " + contract + ", Java " + java + "; config " + c
                        + ", now " + now + ", round " + round);
            }
            if (java instanceof GuardOutcome.Rejected r) {
                seen.add(r.failure().contractCode().orElseThrow());
            } else {
                accepted++;
            }
        }
        assertEquals(EnumSet.allOf(OracleFailureCode.class), seen, "every failure code was exercised");
        assertTrue(accepted >= CASES / 20, "enough accepted rounds to compare prices: " + accepted);
    }

    private static PriceRound randomRound(SplittableRandom rnd, OracleConfig c, int decimals, long now) {
        BigInteger min = BigInteger.valueOf(c.minAnswer());
        BigInteger max = BigInteger.valueOf(c.maxAnswer());
        BigInteger answer = switch (rnd.nextInt(10)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.valueOf(-rnd.nextLong(1, Long.MAX_VALUE)).shiftLeft(rnd.nextInt(100));
            case 2 -> min.subtract(BigInteger.ONE);
            case 3 -> min;
            case 4 -> max;
            case 5 -> max.add(BigInteger.ONE);
            case 6 -> BigInteger.ONE.shiftLeft(100 + rnd.nextInt(150)).add(BigInteger.valueOf(rnd.nextLong(1_000)));
            default -> min.add(BigInteger.valueOf(rnd.nextLong(0, c.maxAnswer() - c.minAnswer() + 1)));
        };
        long hb = c.heartbeatSeconds();
        long updatedAt = switch (rnd.nextInt(9)) {
            case 0 -> 0;
            case 1 -> now - hb;
            case 2 -> now - hb - 1;
            case 3 -> now;
            case 4 -> now + rnd.nextLong(1, 1_000_000);
            case 5 -> Math.max(1, now - rnd.nextLong(0, 3 * hb + 2));
            default -> now - rnd.nextLong(0, hb + 1);
        };
        long roundId = rnd.nextLong(1, 1L << 40);
        long answeredIn = switch (rnd.nextInt(10)) {
            case 0 -> roundId - 1;
            case 1 -> roundId + rnd.nextLong(1, 1_000);
            case 2 -> 0;
            default -> roundId;
        };
        long startedAt = rnd.nextBoolean() ? updatedAt : rnd.nextLong(0, now + 10);
        return new PriceRound("feed", BigInteger.valueOf(roundId), answer, decimals, startedAt, updatedAt,
                BigInteger.valueOf(answeredIn));
    }

    private static PriceRound randomSequencerRound(SplittableRandom rnd, long grace, long now) {
        long status = switch (rnd.nextInt(10)) {
            case 0 -> 1;
            case 1 -> rnd.nextBoolean() ? 2 : -1;
            default -> 0;
        };
        long startedAt = switch (rnd.nextInt(6)) {
            case 0 -> now - grace;
            case 1 -> now - grace - 1;
            case 2 -> now + rnd.nextLong(1, 100);
            case 3 -> 0;
            default -> Math.max(0, now - grace - rnd.nextLong(1, 100_000));
        };
        return new PriceRound("seq", BigInteger.ONE, BigInteger.valueOf(status), 0, startedAt, startedAt, BigInteger.ONE);
    }
}
