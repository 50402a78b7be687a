package io.gridpulse.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MeterStatesTest {
    @Test
    void eachKeyKeepsOneStateAcrossPagesAndGrowth() {
        MeterStates states = new MeterStates();
        long[] keys = {0, 1, 4_095, 4_096, 100_000, 1L << 30};
        List<MeterState> created = new ArrayList<>();
        for (long key : keys) {
            assertNull(states.get(key));
            created.add(states.getOrCreate(key));
        }
        for (int i = 0; i < keys.length; i++) {
            assertSame(created.get(i), states.get(keys[i]), "key " + keys[i]);
            assertSame(created.get(i), states.getOrCreate(keys[i]), "key " + keys[i]);
        }
        assertNull(states.get(2));
        assertNull(states.get(1L << 31));
        Set<MeterState> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        states.forEach(seen::add);
        assertEquals(Set.copyOf(created), seen);
    }

    @Test
    void writersRacingForNewKeysGetTheSameStates() throws Exception {
        MeterStates states = new MeterStates();
        int threads = 4;
        int keys = 20_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        MeterState[][] got = new MeterState[threads][keys];
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            MeterState[] mine = got[t];
            long stride = 7_919 + 4L * t; // odd, no 5: a permutation of the keys per thread
            running.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                LongStream.range(0, keys).map(k -> (k * stride) % keys).forEach(k -> mine[(int) k] = states.getOrCreate(k));
            }));
        }
        for (Thread t : running) {
            t.join();
        }
        for (int k = 0; k < keys; k++) {
            for (int t = 1; t < threads; t++) {
                assertSame(got[0][k], got[t][k], "key " + k);
            }
            assertSame(got[0][k], states.get(k));
        }
        int[] count = {0};
        states.forEach(s -> count[0]++);
        assertEquals(keys, count[0]);
    }

    @Test
    void clearForgetsEveryStateAndKeysOutsideTheRegistrysRangeAreRefused() {
        MeterStates states = new MeterStates();
        MeterState before = states.getOrCreate(7);
        states.clear();
        assertNull(states.get(7));
        assertNotSame(before, states.getOrCreate(7));
        assertThrows(IllegalArgumentException.class, () -> states.getOrCreate(-1));
        assertThrows(IllegalArgumentException.class, () -> states.get(1L << 41));
    }
}
