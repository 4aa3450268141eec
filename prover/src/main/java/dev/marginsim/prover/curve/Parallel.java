package dev.marginsim.prover.curve;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs a second piece of work beside the caller's own on a small pool of helper threads (one fewer
 * than the processors), for the curve sums that split in two.
 *
 * <p>Why not {@code CompletableFuture.supplyAsync}: on a 2-processor machine the JDK's common pool has
 * parallelism 1, and below 2 {@code CompletableFuture} starts a new thread for every task; the provers
 * started ~20 threads per proof and, with nested splits, ran more threads than cores. Here a task that
 * no helper has started when its result is needed is run by the thread that needs it, so nested splits
 * never wait on a queue and never oversubscribe the cores; the result is the same whichever thread
 * computes it.
 */
public final class Parallel {
    private static final int HELPERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    private static final ExecutorService POOL = HELPERS == 0 ? null : Executors.newFixedThreadPool(HELPERS, r -> {
        Thread t = new Thread(r, "marginsim-curve-helper");
        t.setDaemon(true);
        return t;
    });

    /** Forked work not yet finished: when it reaches the number of helpers, no helper is free. */
    private static final AtomicInteger PENDING = new AtomicInteger();

    private Parallel() {
    }

    /** True if there is a helper thread to run work beside the caller. */
    public static boolean available() {
        return POOL != null;
    }

    /** Work handed to a helper; {@link #join} runs it on the caller if no helper has taken it yet. */
    public static final class Forked<T> {
        private final Supplier<T> work;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private T result;
        private RuntimeException failure;
        private Error error;
        private boolean done;

        private Forked(Supplier<T> work) {
            this.work = work;
        }

        private void runIfUnclaimed() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                runClaimed();
            } finally {
                PENDING.decrementAndGet();
            }
        }

        private void runClaimed() {
            T r = null;
            RuntimeException f = null;
            Error e = null;
            try {
                r = work.get();
            } catch (RuntimeException x) {
                f = x;
            } catch (Error x) {
                e = x;
            }
            synchronized (this) {
                result = r;
                failure = f;
                error = e;
                done = true;
                notifyAll();
            }
        }

        /** The result, computing it here if no helper started it. */
        public T join() {
            runIfUnclaimed();
            boolean interrupted = false;
            synchronized (this) {
                while (!done) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (error != null) {
                throw error;
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    /** Offers {@code work} to a helper thread; without one it runs at {@link Forked#join}. */
    public static <T> Forked<T> fork(Supplier<T> work) {
        Forked<T> f = new Forked<>(work);
        PENDING.incrementAndGet();
        if (POOL != null) {
            POOL.execute(f::runIfUnclaimed);
        }
        return f;
    }

    /**
     * Offers {@code work} to a helper only if one is free now; null otherwise, and the caller should do
     * the whole job itself without splitting it. Why: a split sum pays twice for its fixed costs (bucket
     * sums, window setup); when every helper is busy (e.g. proving another chunk) both halves would run
     * on the caller, and the split would only cost.
     */
    public static <T> Forked<T> tryFork(Supplier<T> work) {
        if (POOL == null || PENDING.get() >= HELPERS) {
            return null;
        }
        return fork(work);
    }

    /**
     * Runs {@code task(k)} once for every k below {@code cost.length} on two lanes, the caller's and one
     * offered to a helper ({@link #fork}), and returns when all are done. Tasks go largest cost first onto
     * the less loaded lane (ties to the caller's), and each lane runs its own in that order. For
     * independent pieces of one result (a chunked proof's chunks, a verifier's per-chunk coefficients, a
     * prover's commitments): the tasks must not depend on which thread runs them or in which order.
     */
    public static void onTwoLanes(long[] cost, IntConsumer task) {
        int count = cost.length;
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(cost[b], cost[a]));
        int[] mine = new int[count];
        int[] theirs = new int[count];
        int mineCount = 0;
        int theirsCount = 0;
        long mineLoad = 0;
        long theirsLoad = 0;
        for (int k : order) {
            if (mineLoad <= theirsLoad) {
                mine[mineCount++] = k;
                mineLoad += cost[k];
            } else {
                theirs[theirsCount++] = k;
                theirsLoad += cost[k];
            }
        }
        int helperTasks = theirsCount;
        Forked<Void> other = helperTasks == 0 ? null : fork(() -> {
            for (int j = 0; j < helperTasks; j++) {
                task.accept(theirs[j]);
            }
            return null;
        });
        for (int j = 0; j < mineCount; j++) {
            task.accept(mine[j]);
        }
        if (other != null) {
            other.join();
        }
    }
}
