package dev.marginsim.prover.privatetree;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded rounds for tree tests: USDC, WETH and WBTC columns, random liabilities, generous reserves. */
final class TreeFixtures {
    static final byte[] MASTER = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            MASTER[i] = (byte) (0xA0 + i);
        }
    }

    private TreeFixtures() {
    }

    static RoundInfo info(long roundId) {
        PriceSnapshot prices = new PriceSnapshot(100, 1_700_000_000L, List.of(
                PriceRound.complete("ETH / USD", 7, 300_000_000_000L, 8, 1_700_000_000L),
                PriceRound.complete("BTC / USD", 9, 6_000_000_000_000L, 8, 1_700_000_000L)));
        return new RoundInfo(31337, Address.ofIndex(0xC0FFEE), roundId, prices, List.of(
                RoundAsset.settlement(BigInteger.TEN.pow(18)),
                new RoundAsset(1, "ETH / USD", 300_000_000_000L, 18, BigInteger.TEN.pow(30)),
                new RoundAsset(2, "BTC / USD", 6_000_000_000_000L, 8, BigInteger.TEN.pow(18))));
    }

    static Round round(long seed, int accounts, long roundId) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Liabilities> list = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            long usdc = rnd.nextLong(1L << 40);
            long weth = rnd.nextInt(3) == 0 ? rnd.nextLong(1L << 40) : 0;
            long wbtc = rnd.nextInt(3) == 0 ? rnd.nextLong(1L << 36) : 0;
            list.add(new Liabilities(Address.ofIndex(1000 + 7L * i), new long[] {usdc, weth, wbtc, usdc}));
        }
        return new Round(info(roundId), list);
    }

    /** One shared builder: its tables take a second to make. */
    static final PrivateTreeBuilder BUILDER = new PrivateTreeBuilder(TreeGenerators.STANDARD);
}
