package dev.marginsim.prover.margin;

import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.core.price.PriceRound;
import dev.marginsim.core.price.PriceSnapshot;
import dev.marginsim.prover.snapshot.Address;
import dev.marginsim.prover.snapshot.EngineSnapshot;
import dev.marginsim.prover.snapshot.Round;
import dev.marginsim.simulator.engine.Health;
import dev.marginsim.simulator.engine.MarginEngine;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Accounts that differ only in their USDC deposit, on the small setup: each deposits its quote and
 * 1 WETH, goes long 20 ETH at $3,000, an hour passes (funding accrues) and ETH falls to {@code dropE8}.
 * Funding depends on the long/short ratio only, so every account sees the same index; their slacks
 * differ by exactly their deposits' difference. Used to put accounts exactly at the margin boundary.
 */
final class BoundaryBook {
    static final long START = 1_700_000_000L;
    final ProtocolSetup setup = RandomBook.small();
    final MarginEngine engine;
    private final PriceRound latest;

    BoundaryBook(long dropE8, long... quotesE6) {
        EngineDeployment d = EngineDeployer.deploy(setup, START);
        engine = d.engine();
        for (int a = 0; a < quotesE6.length; a++) {
            engine.deposit(a, 0, quotesE6[a]);
            engine.deposit(a, 1, BigInteger.TEN.pow(18));
            engine.trade(a, 0, false, 20_000_000_000L);
        }
        long t = START + 3_600;
        engine.setTime(t);
        engine.setRound(d.feeds().get(0), 2, dropE8, t, t, 2);
        latest = PriceRound.complete(setup.feeds().get(0).name(), 2, dropE8, 8, t);
    }

    long slack(int account, MarginLevel level) {
        Health h = engine.accountHealth(account);
        return level == MarginLevel.MAINTENANCE ? h.weightedEquityMaintE6() - h.maintenanceRequirementE6()
                : h.weightedEquityInitialE6() - h.initialRequirementE6();
    }

    Round round(long roundId) {
        return EngineSnapshot.take(engine, setup, new PriceSnapshot(1, engine.time(), new ArrayList<>(List.of(latest))), 0,
                Address.ZERO, roundId);
    }
}
