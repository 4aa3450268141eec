package dev.marginsim.prover.transparent;

import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.Liabilities;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.prover.snapshot.RoundAsset;
import dev.marginsim.prover.snapshot.RoundInfo;
import dev.marginsim.prover.snapshot.SimulatedRound;
import dev.marginsim.simulator.scenario.CrashScenario;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Rounds for tests: from the engine (the crash scenario), or synthetic with chosen balances. */
public final class Fixtures {
    public static final long START = 1_767_225_600L;
    /** A fixed master secret (tests only; a real operator draws 32 random bytes and keeps them). */
    public static final byte[] MASTER = "marginsim test master secret, 32+ bytes long".getBytes();

    private Fixtures() {
    }

    /** The crash scenario with {@code accounts} accounts over {@code minutes} minutes, seeded. */
    public static Round crashRound(int accounts, int minutes, long seed) {
        return SimulatedRound.crash(new CrashScenario.Config(accounts, seed, minutes, 0.35, 0.15), START, 1);
    }

    /** Round info with USDC and one 18-decimal collateral priced at $2,000 by feed "ETH / USD". */
    public static RoundInfo info(long roundId, BigInteger usdcReserves, BigInteger wethReserves) {
        PriceSnapshot prices = new PriceSnapshot(100, START + 6000,
                List.of(PriceRound.complete("ETH / USD", 7, 2_000_00000000L, 8, START + 5990)));
        return new RoundInfo(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"), roundId, prices,
                List.of(RoundAsset.settlement(usdcReserves), new RoundAsset(1, "ETH / USD", 2_000_00000000L, 18, wethReserves)));
    }

    /** Liabilities with a consistent USD column: usd = usdc + floor(wethE9 · 2000e8 / 1e11). */
    public static Liabilities liabilities(Address account, long usdcE6, long wethE9) {
        long usd = usdcE6 + Math.floorDiv(wethE9 * 2_000L, 1_000L);
        return new Liabilities(account, new long[] {usdcE6, wethE9, usd});
    }

    /** {@code n} accounts with seeded random balances under a roomy reserve. */
    public static Round syntheticRound(int n, long seed, long roundId) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Liabilities> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            accounts.add(liabilities(Address.ofIndex(1000 + i), rnd.nextLong(1_000_000_000_000L), rnd.nextLong(100_000_000_000L)));
        }
        return new Round(info(roundId, BigInteger.TEN.pow(30), BigInteger.TEN.pow(40)), accounts);
    }
}
