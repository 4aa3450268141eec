package dev.marginsim.oracle.synthetic;

import dev.marginsim.oracle.path.PricePath;
import dev.marginsim.oracle.path.PriceScript;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A scripted move on top of another model's path (or a flat one, for a clean scenario): every price
 * of the base path is multiplied by the script's factor at its time ({@link PriceScript#applyTo}).
 *
 * @param base       the noise the crash happens in ({@link #FLAT} for none)
 * @param script     the scripted legs
 */
public record ScriptedCrash(PathModel base, PriceScript script) implements PathModel {
    /** A path that stays at its first price. */
    public static final PathModel FLAT = (grid, rng) -> {
        long[] prices = new long[grid.steps() + 1];
        java.util.Arrays.fill(prices, grid.startAnswer());
        return PricePath.adopt(grid.name(), grid.decimals(), grid.times(), prices);
    };

    /**
     * The classic scenario: starting {@code startOffset} seconds into the grid, fall {@code dropPercent}
     * over {@code dropSeconds}, then recover {@code recoverPercent} of the level reached over
     * {@code recoverSeconds} (e.g. −35% over 6 h, then +20% over 12 h).
     */
    public static ScriptedCrash crash(PathModel base, long start, double dropPercent, long dropSeconds,
            double recoverPercent, long recoverSeconds) {
        return new ScriptedCrash(base, new PriceScript(start, List.of(
                PriceScript.Leg.move(-Math.abs(dropPercent), dropSeconds),
                PriceScript.Leg.move(recoverPercent, recoverSeconds))));
    }

    @Override
    public PricePath generate(PathGrid grid, UniformRandomProvider rng) {
        return script.applyTo(base.generate(grid, rng));
    }
}
