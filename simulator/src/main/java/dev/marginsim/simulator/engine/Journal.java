package dev.marginsim.simulator.engine;

import java.util.Arrays;

/**
 * The undo log that makes every engine operation atomic, as an EVM transaction is: each write to
 * state records the old value; a revert restores them in reverse order. Journaled arrays are
 * registered once and named by a small tag, so an entry is two longs ({@code tag << 32 | index}, old
 * value): no object references are stored (no GC write barriers), and a commit is O(1). An owner
 * that reallocates a registered array (growth) rebinds its tag before the next operation.
 */
final class Journal {
    private long[][] bound = new long[8][];
    private int tags;
    private long[] log = new long[128];
    private int size;

    /** Registers a journaled array; returns its tag. */
    int register(long[] array) {
        if (tags == bound.length) {
            bound = Arrays.copyOf(bound, tags * 2);
        }
        bound[tags] = array;
        return tags++;
    }

    /** The array behind {@code tag} was reallocated: rollbacks write to {@code array} from now on. */
    void rebind(int tag, long[] array) {
        bound[tag] = array;
    }

    /** Writes {@code array[index] = value}, {@code array} being the one bound to {@code tag}. */
    void set(int tag, long[] array, int index, long value) {
        if (size == log.length) {
            log = Arrays.copyOf(log, size * 2);
        }
        log[size] = ((long) tag << 32) | index;
        log[size + 1] = array[index];
        size += 2;
        array[index] = value;
    }

    void commit() {
        size = 0;
    }

    void rollback() {
        for (int i = size - 2; i >= 0; i -= 2) {
            long key = log[i];
            bound[(int) (key >>> 32)][(int) key] = log[i + 1];
        }
        size = 0;
    }
}
