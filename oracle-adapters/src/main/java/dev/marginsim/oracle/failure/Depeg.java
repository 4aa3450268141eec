package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.path.PriceScript;
import java.util.List;

/**
 * A stablecoin losing its peg, as a change to the market: from {@code start} the price falls to
 * {@code floor} times its level over {@code fallSeconds}, stays there {@code holdSeconds}, and
 * returns to {@code recovered} times its level over {@code recoverSeconds} (log-linear legs of a
 * {@link PriceScript}). USDC, 10-13 March 2023: about 1.00 -> 0.88 in a day, back to 0.99 over the
 * weekend is {@code new Depeg(t, 0.88, 86400, 0, 0.99, 172800)}.
 */
public record Depeg(long start, double floor, long fallSeconds, long holdSeconds, double recovered, long recoverSeconds)
        implements PathTransform {
    public Depeg {
        if (!(floor > 0 && floor < 1) || !(recovered > 0)) {
            throw new IllegalArgumentException("a de-peg needs 0 < floor < 1 and recovered > 0, got " + floor + ", " + recovered);
        }
        script(start, floor, fallSeconds, holdSeconds, recovered, recoverSeconds);
    }

    private static PriceScript script(long start, double floor, long fall, long hold, double recovered, long recover) {
        List<PriceScript.Leg> legs = new java.util.ArrayList<>();
        legs.add(new PriceScript.Leg(fall, floor));
        if (hold > 0) {
            legs.add(PriceScript.Leg.hold(hold));
        }
        legs.add(new PriceScript.Leg(recover, recovered / floor));
        return new PriceScript(start, legs);
    }

    /** The script this de-peg multiplies the market by. */
    public PriceScript script() {
        return script(start, floor, fallSeconds, holdSeconds, recovered, recoverSeconds);
    }

    @Override
    public PricePath apply(PricePath market) {
        return script().applyTo(market);
    }
}
