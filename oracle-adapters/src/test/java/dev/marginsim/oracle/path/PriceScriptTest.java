package dev.marginsim.oracle.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PriceScriptTest {
    private static final PriceScript CRASH = new PriceScript(1_000, List.of(
            PriceScript.Leg.move(-35, 6 * 3600), PriceScript.Leg.hold(2 * 3600), PriceScript.Leg.move(20, 12 * 3600)));

    @Test
    void factorIsLogLinearInsideALegAndTheProductAfterIt() {
        assertEquals(1.0, CRASH.factorAt(0));
        assertEquals(1.0, CRASH.factorAt(1_000));
        assertEquals(Math.sqrt(0.65), CRASH.factorAt(1_000 + 3 * 3600), 1e-12);
        assertEquals(0.65, CRASH.factorAt(1_000 + 6 * 3600), 1e-12);
        assertEquals(0.65, CRASH.factorAt(1_000 + 8 * 3600), 1e-12);
        assertEquals(0.65 * 1.2, CRASH.factorAt(CRASH.end()), 1e-12);
        assertEquals(0.65 * 1.2, CRASH.factorAt(CRASH.end() + 10_000), 1e-12);
        assertEquals(1_000 + 20 * 3600, CRASH.end());
    }

    @Test
    void applyingRoundsEachMovedPriceHalfEven() {
        long[] t = {0, 1_000 + 6 * 3600, CRASH.end()};
        PricePath flat = new PricePath("X", 8, t, new long[] {2_000_00000000L, 2_000_00000000L, 2_000_00000000L});
        PricePath moved = CRASH.applyTo(flat);
        assertEquals(2_000_00000000L, moved.price(0));
        assertEquals(Math.rint(2_000_00000000L * CRASH.factorAt(t[1])), moved.price(1));
        assertEquals(Math.rint(2_000_00000000L * CRASH.factorAt(t[2])), moved.price(2));
    }

    @Test
    void refusesLegsThatCannotBePrices() {
        assertThrows(IllegalArgumentException.class, () -> PriceScript.Leg.move(-100, 60));
        assertThrows(IllegalArgumentException.class, () -> new PriceScript.Leg(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PriceScript(0, List.of()));
    }
}
