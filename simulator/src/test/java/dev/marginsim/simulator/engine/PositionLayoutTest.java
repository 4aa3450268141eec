package dev.marginsim.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Position blocks are sized to the listed markets and laid out anew when a market is listed beyond
 * their room: every stored position and every valuation is the same afterwards, new markets start
 * empty, and operations on them are atomic as before.
 */
class PositionLayoutTest {
    private static final long T0 = 1_767_225_600L;

    @Test
    void listingMarketsLaterKeepsEveryPositionAndValuation() {
        ProtocolSetup setup = ProtocolSetup.standard();
        EngineDeployment d = EngineDeployer.deploy(setup, T0);
        MarginEngine e = d.engine();
        int accounts = 40; // past the first growth of the account arrays too
        for (int a = 0; a < accounts; a++) {
            e.deposit(a, 0, 50_000_000_000L + a);
            e.trade(a, 0, false, (a % 2 == 0 ? 1 : -1) * (1_000_000_000L + a));
            e.trade(a, 1, false, 10_000_000L + a);
            e.addMargin(a, 1, 2_000_000_000L);
            e.trade(a, 1, true, -(20_000_000L + a));
        }
        List<String> before = snapshot(e, accounts, 2);
        for (int listed = 2; listed < MarginEngine.MAX_MARKETS; listed++) {
            ProtocolSetup.Market m = setup.markets().get(listed % 2);
            int id = e.listMarket(m.guard().bind(Integer.toString(d.feeds().get(m.guard().feed()))), m.params());
            assertEquals(listed, id);
            assertEquals(before, snapshot(e, accounts, 2), "after listing market " + id);
            for (int a = 0; a < accounts; a++) {
                assertEquals(new PositionState(0, 0, 0, 0), e.position(a, id, false));
                assertEquals(new PositionState(0, 0, 0, 0), e.position(a, id, true));
            }
        }
        int last = MarginEngine.MAX_MARKETS - 1;
        e.trade(3, last, false, 5_000_000L);
        assertEquals(5_000_000L, e.position(3, last, false).sizeE9());
        List<String> after = snapshot(e, accounts, 2);
        int lines = 3; // per account: balances and health, then one line per market
        for (int i = 0; i < after.size(); i++) {
            if (i / lines != 3) {
                assertEquals(before.get(i), after.get(i), "other accounts untouched");
            }
        }
        // A refused operation on a new market leaves no trace.
        List<String> now = snapshot(e, accounts, MarginEngine.MAX_MARKETS);
        assertThrows(ProtocolRevert.class, () -> e.trade(4, last, true, 1_000_000_000_000L));
        assertEquals(now, snapshot(e, accounts, MarginEngine.MAX_MARKETS));
    }

    private static List<String> snapshot(MarginEngine e, int accounts, int markets) {
        List<String> out = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            out.add(a + " " + e.account(a).quoteE6() + " " + e.accountHealth(a));
            for (int m = 0; m < markets; m++) {
                out.add(a + "/" + m + " " + e.position(a, m, false) + " " + e.position(a, m, true));
            }
        }
        return out;
    }
}
