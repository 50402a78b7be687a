package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once all hours of a UTC day are sealed, a meter's hour chunks are merged into one day chunk.
 * Reads, neighbours, late readings into compacted days, restarts and retention must behave as if
 * the hours had stayed separate.
 */
class DayCompactionTest {
    private static final long DAY0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final long DAY_MS = 86_400_000L;
    private static final MeterRef METER = MeterRef.of("default", "home-1");

    @TempDir
    Path dir;

    private final ReadingStoreTest.MutableClock clock = new ReadingStoreTest.MutableClock(DAY0);
    private ReadingStore store;

    @AfterEach
    void close() {
        store.close();
    }

    private ReadingStore open() {
        ReadingStore opened = ReadingStore.open(StorageConfig.defaults(dir), clock);
        opened.meters().ensure(METER);
        return opened;
    }

    /** Three days of readings every 1–30 s with a two-hour silence, around the day boundaries. */
    private static List<Reading> threeDays(Random random) {
        List<Reading> out = new ArrayList<>();
        long energy = 1_000;
        for (long ts = DAY0 + 500; ts < DAY0 + 3 * DAY_MS; ts += 1_000L * (1 + random.nextInt(30))) {
            if (ts % DAY_MS > 10 * 3_600_000L && ts % DAY_MS < 12 * 3_600_000L) {
                continue;
            }
            energy += random.nextInt(4);
            out.add(new Reading(ts, random.nextInt(3_000_000), energy));
        }
        return out;
    }

    @Test
    void compactedDaysReadBackExactlyWithNeighboursAcrossDayBoundaries() {
        List<Reading> readings = threeDays(new Random(5));
        store = open();
        for (int i = 0; i < readings.size(); i += 300) {
            store.append(METER, readings.subList(i, Math.min(readings.size(), i + 300)));
        }
        List<Reading> before = store.readRaw(METER, 0, Long.MAX_VALUE);
        List<Rollup> hourly = store.rollups(METER, RollupLevel.HOUR, 0, Long.MAX_VALUE);

        clock.set(DAY0 + 2 * DAY_MS + 5 * 60_000L); // days 0 and 1 are wholly sealed; day 2 is not
        store.sealDueHours();
        assertThat(store.daysCompactedLastPass()).isEqualTo(2);

        assertThat(before).isEqualTo(readings);
        assertThat(store.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(readings);
        long from = DAY0 + DAY_MS - 3_600_000L; // a range across the compacted/compacted and compacted/hour seams
        long to = DAY0 + 2 * DAY_MS + 3_600_000L;
        assertThat(store.readRaw(METER, from, to))
                .isEqualTo(readings.stream().filter(r -> r.timestampMs() >= from && r.timestampMs() < to).toList());
        Reading lastOfDay0 = readings.stream().filter(r -> r.timestampMs() < DAY0 + DAY_MS).reduce((a, b) -> b).orElseThrow();
        int at = readings.indexOf(lastOfDay0);
        store = reopen();
        assertThat(store.latest(METER)).isEqualTo(readings.get(readings.size() - 1));
        // a late reading just after the last one of day 0 finds both neighbours across the seam
        Reading late = Reading.ofPower(lastOfDay0.timestampMs() + 1, 42);
        assertThat(store.append(METER, List.of(late)).accepted()).isEqualTo(1);
        assertThat(store.readRaw(METER, lastOfDay0.timestampMs(), readings.get(at + 1).timestampMs() + 1))
                .containsExactly(lastOfDay0, late, readings.get(at + 1));
        assertThat(store.append(METER, List.of(late, readings.get(at))).duplicates()).isEqualTo(2);
        assertThat(store.rollups(METER, RollupLevel.HOUR, 0, DAY0 + DAY_MS - 3_600_000L))
                .isEqualTo(hourly.stream().filter(r -> r.bucketStartMs() < DAY0 + DAY_MS - 3_600_000L).toList());

        store.sealDueHours(); // the late reading's hour chunk joins its compacted day
        assertThat(store.daysCompactedLastPass()).isEqualTo(1);
        List<Reading> expected = new ArrayList<>(readings);
        expected.add(at + 1, late);
        assertThat(store.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(expected);
        store = reopen();
        assertThat(store.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(expected);
    }

    /** Passes out of budget compact one day each and leave the rest to the next passes; reads stay exact. */
    @Test
    void daysBeyondAPassBudgetWaitForTheNextPasses() {
        List<Reading> readings = threeDays(new Random(8));
        store = open();
        store.append(METER, readings);
        store.dayCompactionBudgetNanos(0);
        clock.set(DAY0 + 3 * DAY_MS + 5 * 60_000L); // all three days due
        for (int pass = 0; pass < 3; pass++) {
            store.sealDueHours();
            assertThat(store.daysCompactedLastPass()).as("pass %d", pass).isEqualTo(1);
            assertThat(store.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(readings);
        }
        store.sealDueHours();
        assertThat(store.daysCompactedLastPass()).isZero();
        store = reopen();
        assertThat(store.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(readings);
    }

    @Test
    void retentionDeletesACompactedDayOnlyOnceItHasWhollyPassedTheCutoff() {
        List<Reading> readings = threeDays(new Random(9));
        store = open();
        store.append(METER, readings);
        clock.set(DAY0 + 3 * DAY_MS + 5 * 60_000L);
        store.sealDueHours();
        store.deleteBefore(METER, DAY0 + DAY_MS + 6 * 3_600_000L, Long.MIN_VALUE); // mid-day 1

        List<Reading> left = store.readRaw(METER, 0, Long.MAX_VALUE);
        assertThat(left.get(0).timestampMs()).isGreaterThanOrEqualTo(DAY0 + DAY_MS); // day 0 is gone
        assertThat(left).isEqualTo(readings.stream().filter(r -> r.timestampMs() >= DAY0 + DAY_MS).toList());
    }

    private ReadingStore reopen() {
        store.close();
        return open();
    }
}
