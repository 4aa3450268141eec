package dev.marginsim.simulator.engine;

import java.util.Arrays;

/**
 * The undo log that makes every engine operation atomic, as an EVM transaction is: each write to
 * state records the old value; a revert restores them in reverse order. Cheap: three arrays, no
 * allocation once warm.
 */
final class Journal {
    private long[][] arrays = new long[64][];
    private int[] indexes = new int[64];
    private long[] olds = new long[64];
    private int size;

    void set(long[] array, int index, long value) {
        if (size == olds.length) {
            arrays = Arrays.copyOf(arrays, size * 2);
            indexes = Arrays.copyOf(indexes, size * 2);
            olds = Arrays.copyOf(olds, size * 2);
        }
        arrays[size] = array;
        indexes[size] = index;
        olds[size] = array[index];
        size++;
        array[index] = value;
    }

    void commit() {
        for (int i = 0; i < size; i++) {
            arrays[i] = null;
        }
        size = 0;
    }

    void rollback() {
        for (int i = size - 1; i >= 0; i--) {
            arrays[i][indexes[i]] = olds[i];
            arrays[i] = null;
        }
        size = 0;
    }
}
