package dev.marginsim.oracle.path;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The two places a price becomes a feed integer, each with its rounding named.
 *
 * <ul>
 *   <li>Recorded prices (decimal text) are exact {@link BigDecimal}s rescaled to the feed's decimals
 *       with {@link RoundingMode#HALF_EVEN}; no digit is lost unless the file has more decimals than
 *       the feed.</li>
 *   <li>Synthetic models compute in {@code double}: the price is multiplied by 10^decimals (one IEEE
 *       rounding) and rounded half-to-even to an integer ({@link Math#rint}).</li>
 * </ul>
 * A price that rounds to zero or does not fit a {@code long} is an error, never a silent clamp.
 */
public final class Prices {
    private static final double[] POW10 = new double[19];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private Prices() {
    }

    /** 10^decimals as a double (exact for 0..18: every such power of ten is a double). */
    public static double scale(int decimals) {
        if (decimals < 0 || decimals > 18) {
            throw new IllegalArgumentException("decimals must be 0..18, got " + decimals);
        }
        return POW10[decimals];
    }

    /** A model's double price to the feed integer, half-to-even; see the class comment. */
    public static long fromDouble(double price, int decimals) {
        return fromScaled(price * scale(decimals), price, decimals);
    }

    /** As {@link #fromDouble} with {@code 10^decimals} already looked up (hot loops). */
    public static long fromScaled(double scaledPrice, double price, int decimals) {
        if (!(scaledPrice < 9.223372036854775E18)) { // also false for NaN
            throw new PriceOutOfRangeException("price " + price + " is not a finite price that fits a long at "
                    + decimals + " decimals");
        }
        long answer = (long) Math.rint(scaledPrice);
        if (answer <= 0) {
            throw new PriceOutOfRangeException("price " + price + " rounds to " + answer + " at " + decimals
                    + " decimals (not positive)");
        }
        return answer;
    }

    /** A recorded decimal price to the feed integer, half-to-even. */
    public static long fromDecimal(BigDecimal price, int decimals) {
        BigDecimal scaled = price.setScale(decimals, RoundingMode.HALF_EVEN);
        if (scaled.signum() <= 0) {
            throw new PriceOutOfRangeException("price " + price.toPlainString() + " is not positive at " + decimals
                    + " decimals");
        }
        try {
            return scaled.unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new PriceOutOfRangeException("price " + price.toPlainString() + " does not fit a long at "
                    + decimals + " decimals");
        }
    }

    /** A price integer back to a double, for models and charts only (never for money). */
    public static double toDouble(long answer, int decimals) {
        return answer / scale(decimals);
    }

    /** A price that cannot be a feed answer. */
    public static final class PriceOutOfRangeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public PriceOutOfRangeException(String message) {
            super(message);
        }
    }
}
