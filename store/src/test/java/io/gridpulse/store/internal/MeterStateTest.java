package io.gridpulse.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.store.RollupLevel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MeterStateTest {
    private static final int LEVELS = RollupLevel.values().length;

    @Test
    void keepsTheNewestReadingAndOpenRows() {
        MeterState state = new MeterState();
        state.load(null, new Rollup[LEVELS]);
        assertThat(state.newest()).isNull();
        assertThat(state.openRow(0)).isNull();

        Reading first = new Reading(60_000, 1_500, 42);
        state.advance(first, rows(60_000, 1, 1_500));
        state.advance(new Reading(61_000, 2_500, Reading.NO_ENERGY), new OpenRowExtension(10, 2_500, 2_500, 2_500, 1, 1_000));
        assertThat(state.newest()).isEqualTo(new Reading(61_000, 2_500, Reading.NO_ENERGY));
        for (int level = 0; level < LEVELS; level++) {
            assertThat(state.openRow(level)).isEqualTo(new Rollup(60_000, 10, 1_500, 2_500, 4_000, 2, 1_000));
        }
    }

    /**
     * Readers take open rows without the meter lock while the writer grows them: every row read
     * must be one the writer left whole (here samples, energy, sum and covered time rise together).
     */
    @Test
    void readersWithoutTheLockSeeOnlyWholeRows() throws Exception {
        MeterState state = new MeterState();
        state.load(new Reading(0, 1_000, Reading.NO_ENERGY), rows(0, 1, 1_000));
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Rollup> torn = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        Thread[] readers = new Thread[2];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = Thread.ofPlatform().start(() -> {
                while (!done.get() && torn.get() == null) {
                    for (int level = 0; level < LEVELS; level++) {
                        Rollup row = state.openRow(level);
                        long n = row.samples();
                        if (row.energyNanowattHours() != 7 * (n - 1) || row.sumPowerMilliwatts() != 1_000 * n
                                || row.coveredMs() != 1_000 * (n - 1)) {
                            torn.compareAndSet(null, row);
                        }
                        reads.incrementAndGet();
                    }
                }
            });
        }
        for (int i = 1; i <= 2_000_000 && torn.get() == null; i++) {
            if (i % 100_000 == 0) { // a bucket closes now and then: whole new rows replace the old ones
                state.advance(new Reading(i * 1_000L, 1_000, Reading.NO_ENERGY), rows(i * 1_000L, 1, 1_000));
            } else {
                state.advance(new Reading(i * 1_000L, 1_000, Reading.NO_ENERGY),
                        new OpenRowExtension(7, 1_000, 1_000, 1_000, 1, 1_000));
            }
        }
        done.set(true);
        for (Thread t : readers) {
            t.join();
        }
        assertThat(torn.get()).as("a row read while the writer changed it").isNull();
        assertThat(reads.get()).isPositive();
    }

    private static Rollup[] rows(long startMs, long samples, long powerMilliwatts) {
        Rollup[] rows = new Rollup[LEVELS];
        for (int level = 0; level < LEVELS; level++) {
            rows[level] = new Rollup(startMs, 0, powerMilliwatts, powerMilliwatts, powerMilliwatts * samples, samples, 0);
        }
        return rows;
    }
}
