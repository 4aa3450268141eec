package dev.marginsim.oracle.path;

import java.util.List;

/**
 * A scripted move: legs applied one after another from a start time, each multiplying the price by
 * a total factor over its duration, log-linearly (constant rate in log price), then holding the
 * reached level. "−35% over 6 h, hold 2 h, +20% over 12 h" is three legs with factors 0.65, 1, 1.2.
 * Used for scripted crashes and stablecoin de-pegs; computed in double (see {@link Prices}).
 */
public record PriceScript(long start, List<Leg> legs) {

    /** One leg: the price is multiplied by {@code factor} over {@code seconds}. */
    public record Leg(long seconds, double factor) {
        public Leg {
            if (seconds <= 0) {
                throw new IllegalArgumentException("a script leg needs a positive duration, got " + seconds);
            }
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("a script leg's factor must be positive and finite, got " + factor);
            }
        }

        /** A leg that moves the price by {@code percent} (e.g. -35 for a 35% fall). */
        public static Leg move(double percent, long seconds) {
            return new Leg(seconds, 1 + percent / 100);
        }

        /** A leg that holds the price. */
        public static Leg hold(long seconds) {
            return new Leg(seconds, 1);
        }
    }

    public PriceScript {
        legs = List.copyOf(legs);
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a price script needs at least one leg");
        }
    }

    /** The time the last leg ends. */
    public long end() {
        long t = start;
        for (Leg l : legs) {
            t = Math.addExact(t, l.seconds());
        }
        return t;
    }

    /** The cumulative factor at time {@code t}: 1 before the start, the product of all legs after the end. */
    public double factorAt(long t) {
        if (t <= start) {
            return 1;
        }
        double logFactor = 0;
        long legStart = start;
        for (Leg l : legs) {
            long legEnd = legStart + l.seconds();
            if (t >= legEnd) {
                logFactor += Math.log(l.factor());
            } else {
                logFactor += Math.log(l.factor()) * (t - legStart) / l.seconds();
                break;
            }
            legStart = legEnd;
        }
        return Math.exp(logFactor);
    }

    /** The path with every price multiplied by the script's factor at its time (half-even to the feed integer). */
    public PricePath applyTo(PricePath path) {
        long[] times = path.times();
        long[] prices = new long[times.length];
        double scale = Prices.scale(path.decimals());
        for (int i = 0; i < times.length; i++) {
            double moved = path.price(i) * factorAt(times[i]);
            prices[i] = Prices.fromScaled(moved, moved / scale, path.decimals());
        }
        return PricePath.adopt(path.name(), path.decimals(), times, prices);
    }
}
