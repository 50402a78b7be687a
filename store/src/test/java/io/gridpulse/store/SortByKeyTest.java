package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Multi-meter writes lock meters in key order; both the packed primitive sort and its fallback must say where each key came from. */
class SortByKeyTest {
    private static void assertSortedWithRefs(long[] keys) {
        long[] given = keys.clone();
        int[] from = ReadingStore.sortByKey(keys);
        for (int i = 0; i < keys.length; i++) {
            assertThat(given[from[i]]).isEqualTo(keys[i]);
            if (i > 0) {
                assertThat(keys[i]).isGreaterThan(keys[i - 1]);
            }
        }
    }

    @Test
    void smallKeysTakeThePackedSort() {
        assertSortedWithRefs(new Random(1).longs(1_000, 1, 1L << 40).distinct().toArray());
    }

    @Test
    void keysTooLargeToPackTakeTheFallback() {
        long[] keys = new Random(2).longs(500, 1, 1L << 40).distinct().toArray();
        keys[17] = (1L << 50) + 3; // cannot share a long with a 20-bit index
        assertSortedWithRefs(keys);
    }
}
