package dev.marginsim.oracle.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PricePathTest {

    @Test
    void refusesTimestampsOutOfOrderOrRepeated() {
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class,
                () -> new PricePath("X", 8, new long[] {10, 9}, new long[] {1, 1}));
        assertTrue(back.getMessage().contains("point 1"), back.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PricePath("X", 8, new long[] {10, 10}, new long[] {1, 1}));
    }

    @Test
    void refusesNonPositivePricesEmptyPathsAndBadDecimals() {
        assertThrows(IllegalArgumentException.class, () -> new PricePath("X", 8, new long[] {1, 2}, new long[] {5, 0}));
        assertThrows(IllegalArgumentException.class, () -> new PricePath("X", 8, new long[] {1}, new long[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> new PricePath("X", 8, new long[0], new long[0]));
        assertThrows(IllegalArgumentException.class, () -> new PricePath("X", 19, new long[] {1}, new long[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new PricePath("X", 8, new long[] {1, 2}, new long[] {1}));
    }

    @Test
    void copiesItsArraysSoCallersCannotChangeIt() {
        long[] prices = {5, 6};
        PricePath p = new PricePath("X", 2, new long[] {1, 2}, prices);
        prices[0] = -1;
        p.prices()[1] = -1;
        assertEquals(5, p.price(0));
        assertEquals(6, p.price(1));
        assertEquals(new BigDecimal("0.05"), p.priceDecimal(0));
    }

    @Test
    void priceAtIsTheLastObservationAtOrBefore() {
        PricePath p = new PricePath("X", 0, new long[] {10, 20, 30}, new long[] {1, 2, 3});
        assertEquals(1, p.priceAt(10));
        assertEquals(1, p.priceAt(19));
        assertEquals(2, p.priceAt(20));
        assertEquals(3, p.priceAt(1_000));
        assertThrows(IllegalArgumentException.class, () -> p.priceAt(9));
    }

    @Test
    void doublePricesRoundHalfToEven() {
        assertEquals(2, Prices.fromDouble(2.5, 0));
        assertEquals(4, Prices.fromDouble(3.5, 0));
        assertEquals(3, Prices.fromDouble(2.5000001, 0));
        assertEquals(123_456_789_000L, Prices.fromDouble(1234.56789, 8));
        assertThrows(Prices.PriceOutOfRangeException.class, () -> Prices.fromDouble(0.4, 0));
        assertThrows(Prices.PriceOutOfRangeException.class, () -> Prices.fromDouble(Double.NaN, 8));
        assertThrows(Prices.PriceOutOfRangeException.class, () -> Prices.fromDouble(Double.POSITIVE_INFINITY, 8));
        assertThrows(Prices.PriceOutOfRangeException.class, () -> Prices.fromDouble(1e11, 8));
    }

    @Test
    void decimalPricesRoundHalfToEvenAndNeverOverflowSilently() {
        assertEquals(12, Prices.fromDecimal(new BigDecimal("0.000000125"), 8));
        assertEquals(14, Prices.fromDecimal(new BigDecimal("0.000000135"), 8));
        assertEquals(112_345_679, Prices.fromDecimal(new BigDecimal("1.123456789"), 8));
        assertThrows(Prices.PriceOutOfRangeException.class, () -> Prices.fromDecimal(new BigDecimal("0.000000004"), 8));
        assertThrows(Prices.PriceOutOfRangeException.class, () -> Prices.fromDecimal(new BigDecimal("100000000000"), 8));
    }
}
