package dev.marginsim.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.contracts.chain.ProtocolClient;
import dev.marginsim.contracts.chain.TxResult;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.testkit.Anvil;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of docs/protocol.md §12 on the contract itself, on a real anvil: the same
 * integers the engine's WorkedExamplesTest asserts.
 */
class WorkedExamplesOnChainTest {
    private static final int BTC_PERP = 1;
    private static Anvil anvil;
    private static World w;

    @BeforeAll
    static void start() {
        anvil = Anvil.start();
        w = new World(anvil, ProtocolSetup.standard());
    }

    @AfterAll
    static void stop() {
        w.close();
        anvil.close();
    }

    private static void ok(TxResult r) {
        assertTrue(r.success(), () -> "reverted: " + r.revert().map(x -> x.solidityForm()).orElse(r.revertData()));
    }

    private static void btcPrice(long usd, long round) {
        new Op.SetRound(1, round, usd * 100_000_000L, w.now, w.now, round).onChain(w);
    }

    @Test
    void examples1to4OnTheContract() {
        String alice = w.addressOf(0);
        ok(w.client.send(w.accounts.get(0), ProtocolClient.encodeDeposit(1, new BigInteger("2000000000000000000"))));
        ProtocolClient.Health h = w.client.accountHealth(alice);
        assertEquals(6_000_000_000L, h.equityE6());
        assertEquals(4_800_000_000L, h.weightedEquityInitialE6());
        assertEquals(5_100_000_000L, h.weightedEquityMaintE6());
        ok(w.client.send(w.accounts.get(0), ProtocolClient.encodeWithdraw(1, new BigInteger("2000000000000000000"))));

        ok(w.client.send(w.accounts.get(0), ProtocolClient.encodeDeposit(0, BigInteger.valueOf(10_000_000_000L))));
        ok(w.client.send(w.accounts.get(0), ProtocolClient.encodeTrade(BTC_PERP, false, 1_000_000_000L)));
        assertEquals(9_970_000_000L, w.client.getAccount(alice).quoteE6());
        assertEquals(-60_000_000_000L, w.client.getPosition(alice, BTC_PERP, false).openNotionalE6());
        assertEquals(33_233, w.client.accountHealth(alice).healthBps());

        btcPrice(53_000, 2);
        h = w.client.accountHealth(alice);
        assertEquals(2_970_000_000L, h.weightedEquityMaintE6());
        assertEquals(2_650_000_000L, h.maintenanceRequirementE6());
        assertEquals(5_266_315_789_474L, w.client.liquidationPriceE8(alice, BTC_PERP, false));

        btcPrice(52_000, 3);
        ok(w.client.send(w.accounts.get(w.liquidator()), ProtocolClient.encodeLiquidatePosition(alice, BTC_PERP, false)));
        assertEquals(4_664_230_764L, w.client.getAccount(alice).quoteE6());
        assertEquals(429_487_179L, w.client.getPosition(alice, BTC_PERP, false).sizeE9());
        assertEquals(-25_769_230_740L, w.client.getPosition(alice, BTC_PERP, false).openNotionalE6());
        assertEquals(370_833_334L, w.client.getAccount(w.addressOf(w.liquidator())).quoteE6());
        h = w.client.accountHealth(alice);
        assertEquals(1_228_333_332L, h.weightedEquityMaintE6());
        assertEquals(1_116_666_666L, h.maintenanceRequirementE6());
    }
}
