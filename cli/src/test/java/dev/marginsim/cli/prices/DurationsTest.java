package dev.marginsim.cli.prices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Durations as users type them: plain seconds, one unit, or units combined largest first. */
class DurationsTest {
    @Test
    void plainAndCompoundDurationsAddUp() {
        assertEquals(5_400, Durations.seconds("5400"));
        assertEquals(90 * 60, Durations.seconds("90m"));
        assertEquals(7 * 3_600 + 30 * 60, Durations.seconds("7h30m"));
        assertEquals(86_400 + 2 * 3_600, Durations.seconds("1D2H"));
        assertEquals(150, Durations.seconds(" 2m30s "));
        assertEquals(0, Durations.seconds("0h"));
    }

    @Test
    void malformedDurationsAreNamed() {
        for (String bad : new String[] {"", "h", "30m7h", "7h7h", "1.5h", "-5m", "5w", "7h 30m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.seconds(bad), bad);
            assertTrue(e.getMessage().contains("not a duration"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.seconds("99999999999999999999d")).getMessage()
                .contains("out of range"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Durations.seconds("106751991167301d")).getMessage()
                .contains("out of range"));
    }
}
