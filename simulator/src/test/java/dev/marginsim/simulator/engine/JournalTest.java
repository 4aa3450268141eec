package dev.marginsim.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The undo log: a rollback restores every write in reverse order, across growth and rebinding. */
class JournalTest {
    @Test
    void rollbackRestoresEveryWriteIncludingRepeatedOnes() {
        Journal j = new Journal();
        long[] a = {1, 2, 3};
        long[] b = {10, 20};
        int ta = j.register(a);
        int tb = j.register(b);
        j.set(ta, a, 0, 100);
        j.set(tb, b, 1, 200);
        j.set(ta, a, 0, 101); // the same slot twice: the first old value must win
        j.set(ta, a, 2, -3);
        assertArrayEquals(new long[] {101, 2, -3}, a);
        j.rollback();
        assertArrayEquals(new long[] {1, 2, 3}, a);
        assertArrayEquals(new long[] {10, 20}, b);
    }

    @Test
    void commitKeepsTheWritesAndForgetsTheLog() {
        Journal j = new Journal();
        long[] a = {1, 2};
        int ta = j.register(a);
        j.set(ta, a, 1, 5);
        j.commit();
        j.rollback(); // nothing left to undo
        assertArrayEquals(new long[] {1, 5}, a);
    }

    @Test
    void aReboundArrayIsTheOneRolledBack() {
        Journal j = new Journal();
        long[] small = {7};
        int t = j.register(small);
        long[] grown = java.util.Arrays.copyOf(small, 4);
        j.rebind(t, grown);
        j.set(t, grown, 3, 9);
        j.rollback();
        assertArrayEquals(new long[] {7, 0, 0, 0}, grown);
    }

    @Test
    void longSeededRunsRollBackExactly() {
        long seed = Long.getLong("marginsim.test.seed", System.nanoTime());
        System.out.println("JournalTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        Journal j = new Journal();
        long[][] arrays = new long[12][]; // more tags than the initial capacity
        int[] tags = new int[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = rnd.longs(8).toArray();
            tags[i] = j.register(arrays[i]);
        }
        for (int round = 0; round < 200; round++) {
            long[][] before = new long[arrays.length][];
            for (int i = 0; i < arrays.length; i++) {
                before[i] = arrays[i].clone();
            }
            int writes = rnd.nextInt(500); // beyond the initial log size
            for (int w = 0; w < writes; w++) {
                int i = rnd.nextInt(arrays.length);
                j.set(tags[i], arrays[i], rnd.nextInt(8), rnd.nextLong());
            }
            if (rnd.nextBoolean()) {
                j.rollback();
                for (int i = 0; i < arrays.length; i++) {
                    assertArrayEquals(before[i], arrays[i], "seed " + seed + " round " + round + " array " + i);
                }
            } else {
                j.commit();
            }
        }
    }
}
