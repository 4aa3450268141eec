package dev.marginsim.oracle.failure;

import dev.marginsim.oracle.path.PricePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one feed sees a market path: market changes ({@link PathTransform}, e.g. a de-peg), then an
 * {@link UpdateRule} (by default {@link UpdateRule#everyPoint every point}, no latency), then
 * {@link RoundFailure}s in the order given, then numbering. Immutable: each call returns a new scenario.
 *
 * <pre>{@code
 * OracleView view = OracleScenario.over(ethPath)
 *         .updates(new DeviationHeartbeat(50, 3600, 12))
 *         .fail(new Freeze(t0, t0 + 7200))
 *         .fail(OneBlockRound.spike(t1, new BigDecimal("3"), 12))
 *         .view();
 * }</pre>
 */
public final class OracleScenario {
    private final PricePath market;
    private final List<PathTransform> transforms;
    private final UpdateRule rule;
    private final List<RoundFailure> failures;
    private final int phase;

    private OracleScenario(PricePath market, List<PathTransform> transforms, UpdateRule rule,
            List<RoundFailure> failures, int phase) {
        this.market = Objects.requireNonNull(market, "market");
        this.transforms = List.copyOf(transforms);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.failures = List.copyOf(failures);
        this.phase = phase;
    }

    public static OracleScenario over(PricePath market) {
        return new OracleScenario(market, List.of(), UpdateRule.everyPoint(0), List.of(), 0);
    }

    /** Adds a change to the market before the oracle sees it. */
    public OracleScenario market(PathTransform transform) {
        List<PathTransform> t = new ArrayList<>(transforms);
        t.add(transform);
        return new OracleScenario(market, t, rule, failures, phase);
    }

    /** Sets the update rule. */
    public OracleScenario updates(UpdateRule newRule) {
        return new OracleScenario(market, transforms, newRule, failures, phase);
    }

    /** Adds a failure, applied after the ones already added. */
    public OracleScenario fail(RoundFailure failure) {
        List<RoundFailure> f = new ArrayList<>(failures);
        f.add(failure);
        return new OracleScenario(market, transforms, rule, f, phase);
    }

    /** Numbers rounds in this proxy phase ({@code phase << 64 | k}); 0, the default, for plain ids. */
    public OracleScenario phase(int newPhase) {
        return new OracleScenario(market, transforms, rule, failures, newPhase);
    }

    /** The market after the transforms: what the oracle observes. */
    public PricePath observedMarket() {
        PricePath p = market;
        for (PathTransform t : transforms) {
            p = t.apply(p);
        }
        return p;
    }

    /** The oracle's view. */
    public OracleView view() {
        PricePath observed = observedMarket();
        List<Report> reports = rule.reports(observed);
        for (RoundFailure f : failures) {
            reports = f.apply(reports, observed);
        }
        return OracleView.number(market.name(), market.decimals(), reports, phase);
    }
}
