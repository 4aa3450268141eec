package dev.marginsim.bench;

import dev.marginsim.core.ProtocolRevert;
import dev.marginsim.core.ProtocolSetup;
import dev.marginsim.simulator.scenario.Action;
import dev.marginsim.simulator.scenario.ActionSink;
import dev.marginsim.simulator.scenario.CrashMetrics;
import dev.marginsim.simulator.scenario.CrashScenario;
import dev.marginsim.simulator.scenario.EngineSink;
import dev.marginsim.simulator.setup.EngineDeployer;
import dev.marginsim.simulator.setup.EngineDeployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine side of {@link EngineVsAnvil}: records a crash as a list of actions and replays it on
 * fresh engine deployments, timing the actions apart from the deployment (the anvil side does not
 * time its deployment either). Its main method replays without anvil, for profiling:
 * {@code java -cp bench/target/benchmarks.jar dev.marginsim.bench.EngineReplay [accounts] [minutes] [seconds]}.
 */
final class EngineReplay {
    private final ProtocolSetup setup;
    private final List<Action> actions;
    private final long start;
    final Map<String, Integer> reverts = new TreeMap<>();

    EngineReplay(ProtocolSetup setup, List<Action> actions, long start) {
        this.setup = setup;
        this.actions = actions;
        this.start = start;
    }

    /** Runs the scenario on an engine, recording every action it issues (refused ones included). */
    static List<Action> record(ProtocolSetup setup, int accounts, int minutes, long start) {
        EngineDeployment dep = EngineDeployer.deploy(setup, start);
        List<Action> recorded = new ArrayList<>();
        EngineSink engine = new EngineSink(dep);
        ActionSink recording = a -> {
            recorded.add(a);
            engine.apply(a);
        };
        CrashScenario.Config config = new CrashScenario.Config(accounts, 7, minutes, 0.35, 0.15);
        CrashScenario scenario = new CrashScenario(config, setup, dep.engine(), recording, new CrashMetrics());
        scenario.buildBook(i -> { });
        scenario.crash(i -> { });
        return recorded;
    }

    /** One replay on a fresh deployment; returns it. */
    EngineDeployment replay() {
        EngineDeployment dep = EngineDeployer.deploy(setup, start);
        apply(dep);
        return dep;
    }

    private void apply(EngineDeployment dep) {
        EngineSink sink = new EngineSink(dep);
        reverts.clear();
        for (Action a : actions) {
            try {
                sink.apply(a);
            } catch (ProtocolRevert r) {
                // refused on the chain too; the state is unchanged on both
                reverts.merge(r.solidityForm(), 1, Integer::sum);
            }
        }
    }

    /**
     * Timing over repeated replays, in nanoseconds per replay: the mean and the median of the action
     * time (the median is the figure to quote: on a shared machine a preempted replay moves the mean,
     * not the median), the 10th percentile, the mean deployment time and this thread's CPU time.
     */
    record Timing(int replays, double actionNanos, double medianNanos, double p10Nanos, double deployNanos,
            double cpuNanos) {
    }

    /** Replays for about {@code warmupMillis}, then for at least {@code measureMillis} of action time. */
    Timing measure(long warmupMillis, long measureMillis) {
        long w0 = System.nanoTime();
        while (System.nanoTime() - w0 < warmupMillis * 1_000_000) {
            replay();
        }
        long actionNanos = 0;
        long deployNanos = 0;
        long[] perReplay = new long[1024];
        int reps = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        while (actionNanos < measureMillis * 1_000_000) {
            long t0 = System.nanoTime();
            EngineDeployment dep = EngineDeployer.deploy(setup, start);
            long t1 = System.nanoTime();
            apply(dep);
            long t2 = System.nanoTime();
            deployNanos += t1 - t0;
            actionNanos += t2 - t1;
            if (reps == perReplay.length) {
                perReplay = java.util.Arrays.copyOf(perReplay, reps * 2);
            }
            perReplay[reps++] = t2 - t1;
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long[] sorted = java.util.Arrays.copyOf(perReplay, reps);
        java.util.Arrays.sort(sorted);
        return new Timing(reps, (double) actionNanos / reps, sorted[reps / 2], sorted[reps / 10],
                (double) deployNanos / reps, (double) cpu / reps);
    }

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        ProtocolSetup setup = ProtocolSetup.standard();
        long start = 1_700_000_000L;
        List<Action> actions = record(setup, accounts, minutes, start);
        EngineReplay replay = new EngineReplay(setup, actions, start);
        Timing t = replay.measure(2_000, seconds * 1_000L);
        int n = actions.size();
        System.out.printf("engine: %,d actions, %d replays: per action median %.1f ns, mean %.1f ns, p10 %.1f ns"
                + " (+ %.0f us deployment per replay); CPU time %.1f ns per action incl. deployment; reverts %s%n", n,
                t.replays(), t.medianNanos() / n, t.actionNanos() / n, t.p10Nanos() / n, t.deployNanos() / 1e3,
                t.cpuNanos() / n, replay.reverts);
    }
}
