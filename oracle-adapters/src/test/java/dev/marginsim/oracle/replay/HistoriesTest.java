package dev.marginsim.oracle.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marginsim.oracle.path.Bar;
import dev.marginsim.oracle.path.BarSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped histories load whole and hold the moves their provenance describes. */
class HistoriesTest {

    private static List<String> lines(Histories h) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Histories.class.getResourceAsStream("/dev/marginsim/oracle/histories/" + h.resource()), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    @Test
    void btcLoadsEveryMinuteBarOfTheFile() throws IOException {
        List<String> raw = lines(Histories.BTC_USD_2013);
        History h = Histories.BTC_USD_2013.load(ReadOptions.defaults());
        BarSeries bars = h.bars().orElseThrow();
        assertEquals("BTC/USD", h.path().name());
        assertEquals(60, bars.step());
        assertEquals(raw.size() - 1, bars.bars().size());
        String[] last = raw.get(raw.size() - 1).split(",");
        Bar lastBar = bars.bars().get(bars.bars().size() - 1);
        assertEquals(Long.parseLong(last[0]), lastBar.start());
        assertEquals(new BigDecimal(last[4]).movePointRight(8).longValueExact(), lastBar.close());
        assertEquals(4 * bars.bars().size(), h.path().size());
    }

    @Test
    void btcHoldsTheFallFromTheNovember2013Peak() {
        BarSeries bars = Histories.BTC_USD_2013.load(ReadOptions.defaults()).bars().orElseThrow();
        int peak = 0;
        for (int i = 0; i < bars.bars().size(); i++) {
            peak = bars.bars().get(i).high() > bars.bars().get(peak).high() ? i : peak;
        }
        long low = bars.bars().subList(peak, bars.bars().size()).stream().mapToLong(Bar::low).min().orElseThrow();
        double fall = 1 - (double) low / bars.bars().get(peak).high();
        assertTrue(fall > 0.15, "fall after the peak " + fall);
    }

    @Test
    void ethLoadsEveryFiveMinuteBarContiguously() throws IOException {
        History h = Histories.ETH_USD_2023.load(ReadOptions.defaults().withExpansion(BarSeries.Expansion.CLOSE));
        BarSeries bars = h.bars().orElseThrow();
        assertEquals(300, bars.step());
        assertEquals(lines(Histories.ETH_USD_2023).size() - 2, bars.bars().size());
        for (int i = 1; i < bars.bars().size(); i++) {
            assertEquals(300, bars.bars().get(i).start() - bars.bars().get(i - 1).start(), "bar " + i);
        }
        assertEquals(bars.bars().size(), h.path().size());
        assertEquals(Histories.ETH_USD_2023, Histories.byId("eth-usd-2023").orElseThrow());
    }
}
