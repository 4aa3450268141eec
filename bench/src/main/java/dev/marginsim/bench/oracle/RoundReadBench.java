package dev.marginsim.bench.oracle;

import dev.marginsim.contracts.chain.Chain;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.oracle.chainlink.ChainlinkFeed;
import dev.marginsim.oracle.chainlink.FeedRpc;
import dev.marginsim.oracle.chainlink.RoundBatchReader;
import dev.marginsim.oracle.chainlink.RoundHistory;
import dev.marginsim.oracle.onchain.FeedContracts;
import dev.marginsim.testkit.Anvil;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reading N historical rounds of a feed on anvil, in one run: one {@code eth_call} per round through
 * web3j (what a client without batching does) against {@code ChainlinkFeed.rounds} (one JSON-RPC
 * batch of one eth_call per round), {@code RoundBatchReader.rounds} (one JSON-RPC batch of deployless
 * multi-reads, 128 rounds per eth_call) and {@code RoundHistory.walkBack} (the history walk, which
 * reads 512 rounds per round trip with the deployless reader). The feed is a
 * {@code PhasedAggregatorProxy} in front of an {@code EventedAggregator}, as deployed feeds are.
 * Each way runs {@code repeats} times, interleaved; the median of each and the ratios are printed.
 * All four must read identical rounds, or the run fails.
 *
 * <p>Run (after installing the modules): {@code mvn -B -ntp -o -q -pl bench package -DskipTests &&
 * java -cp bench/target/benchmarks.jar dev.marginsim.bench.oracle.RoundReadBench [rounds] [repeats]}
 */
public final class RoundReadBench {
    private RoundReadBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (n < 1 || repeats < 1) {
            throw new IllegalArgumentException("rounds and repeats must be positive");
        }
        try (Anvil anvil = Anvil.start(); Chain chain = Chain.connect(anvil.url()); FeedRpc rpc = FeedRpc.connect(anvil.url())) {
            FeedContracts contracts = new FeedContracts(chain, chain.signer(Anvil.DEV_KEY_0));
            String aggregator = contracts.deployAggregator(8, "ETH / USD");
            List<PriceRound> rounds = new ArrayList<>();
            long t = 1_700_000_000L;
            for (int i = 1; i <= n; i++) {
                t += 60 + (i % 7);
                rounds.add(PriceRound.complete("ETH / USD", i, 3_000_00000000L + 1_000_000L * (i % 97), 8, t));
            }
            contracts.setRounds(aggregator, rounds);
            ChainlinkFeed feed = ChainlinkFeed.open(rpc, contracts.deployProxy(aggregator));
            List<BigInteger> ids = new ArrayList<>();
            for (int i = n; i >= 1; i--) {
                ids.add(BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(i))); // phase 1, newest first
            }

            // Warm-up (JIT, connection pools), and the check that all three read the same rounds.
            List<Optional<PriceRound>> single = oneCallPerRound(feed, ids);
            List<Optional<PriceRound>> batched = feed.rounds(ids);
            List<Optional<PriceRound>> deployless = RoundBatchReader.rounds(feed, ids);
            List<PriceRound> walked = RoundHistory.walkBack(feed, n);
            if (!single.equals(batched) || !single.equals(deployless)
                    || !walked.equals(batched.stream().map(Optional::orElseThrow).toList())) {
                throw new IllegalStateException("the four ways read different rounds");
            }

            long[] singleNs = new long[repeats];
            long[] batchNs = new long[repeats];
            long[] walkNs = new long[repeats];
            long[] deploylessNs = new long[repeats];
            for (int r = 0; r < repeats; r++) {
                long s0 = System.nanoTime();
                oneCallPerRound(feed, ids);
                long s1 = System.nanoTime();
                feed.rounds(ids);
                long s2 = System.nanoTime();
                RoundHistory.walkBack(feed, n);
                long s3 = System.nanoTime();
                RoundBatchReader.rounds(feed, ids);
                long s4 = System.nanoTime();
                singleNs[r] = s1 - s0;
                batchNs[r] = s2 - s1;
                walkNs[r] = s3 - s2;
                deploylessNs[r] = s4 - s3;
            }
            double single1 = median(singleNs) / 1e6;
            double batch1 = median(batchNs) / 1e6;
            double walk1 = median(walkNs) / 1e6;
            double deployless1 = median(deploylessNs) / 1e6;
            System.out.printf("%d historical rounds through a proxy on anvil, median of %d runs:%n", n, repeats);
            System.out.printf("  one eth_call per round (web3j):   %8.1f ms%n", single1);
            System.out.printf("  one JSON-RPC batch:               %8.1f ms   %.1fx faster%n", batch1, single1 / batch1);
            System.out.printf("  one batch of deployless reads:    %8.1f ms   %.1fx faster%n", deployless1,
                    single1 / deployless1);
            System.out.printf("  history walk (batches of %d):    %8.1f ms   %.1fx faster%n", RoundHistory.BATCH, walk1,
                    single1 / walk1);
        }
        System.exit(0); // OkHttp threads linger
    }

    private static List<Optional<PriceRound>> oneCallPerRound(ChainlinkFeed feed, List<BigInteger> ids) {
        List<Optional<PriceRound>> out = new ArrayList<>(ids.size());
        for (BigInteger id : ids) {
            out.add(feed.round(id));
        }
        return out;
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
