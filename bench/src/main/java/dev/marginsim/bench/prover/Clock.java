package dev.marginsim.bench.prover;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * One timed operation's readings, taken the same way by every prover harness: wall time, the calling
 * thread's own CPU time, the whole process's CPU time (helper threads, JIT and GC included) and the
 * collector's pause time. On the shared 2-core machines wall time mostly measures the neighbours;
 * the thread's CPU time is the load-independent figure, and process CPU minus thread CPU is what the
 * helper thread of a parallel sum (and the runtime) added.
 */
final class Clock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final double[] wall;
    private final double[] thread;
    private final double[] process;
    private final double[] gc;
    private int count;

    Clock(int runs) {
        wall = new double[runs];
        thread = new double[runs];
        process = new double[runs];
        gc = new double[runs];
    }

    interface Op<T> {
        T run() throws Exception;
    }

    /** Runs {@code op}, recording its readings if {@code record}; returns its result. */
    <T> T time(boolean record, Op<T> op) throws Exception {
        long g0 = gcMillis();
        long p0 = OS.getProcessCpuTime();
        long c0 = THREADS.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        T result = op.run();
        long w1 = System.nanoTime();
        long c1 = THREADS.getCurrentThreadCpuTime();
        long p1 = OS.getProcessCpuTime();
        long g1 = gcMillis();
        if (record) {
            wall[count] = (w1 - w0) / 1e6;
            thread[count] = (c1 - c0) / 1e6;
            process[count] = (p1 - p0) / 1e6;
            gc[count] = g1 - g0;
            count++;
        }
        return result;
    }

    double wall() {
        return median(wall);
    }

    double thread() {
        return median(thread);
    }

    double process() {
        return median(process);
    }

    double gcTotal() {
        return Arrays.stream(gc, 0, count).sum();
    }

    /** "wall W ms (thread T, process P ms)". */
    String summary() {
        return String.format("%.0f ms (thread CPU %.0f, process CPU %.0f)", wall(), thread(), process());
    }

    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, b.getCollectionTime());
        }
        return sum;
    }

    private double median(double[] xs) {
        double[] s = Arrays.copyOf(xs, count);
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
