package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReadingStore#readRawColumns} returns what {@link ReadingStore#readRaw} returns, and both
 * what was written (first write of a timestamp wins), wherever the readings live: compacted days,
 * hour chunks (also late hours of compacted days), head blocks (also late batches overlapping
 * earlier ones), the pending log, after repeats and a restart; over whole days, ranges cutting
 * chunks and empty ranges. The seed is printed so a failure replays.
 */
class RawColumnsReadTest {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final MeterRef METER = MeterRef.of("default", "home-1");

    @TempDir
    Path dir;

    private final ReadingStoreTest.MutableClock clock = new ReadingStoreTest.MutableClock(0);
    private final TreeMap<Long, Reading> written = new TreeMap<>();
    private ReadingStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void realHouseholdDayReadsTheSameInEveryLayout() {
        Optional<Path> file = SharedData.resolve("gjw-uk-home/active-power-2013-11-20.csv");
        assumeTrue(file.isPresent(), "skipped: shared data gjw-uk-home not found (see SharedData)");
        exercise(withRegister(gjw(file.orElseThrow())));
    }

    @Test
    void exportRegisterGapsAndOneHertzReadTheSameInEveryLayout() {
        exercise(synthetic(new Random(11)));
    }

    /** Live load with sealing passes, then late, repeated and pending readings, then a restart. */
    private void exercise(List<Reading> data) {
        long seed = System.nanoTime();
        System.out.println("RawColumnsReadTest seed " + seed + ", " + data.size() + " readings");
        Random random = new Random(seed);
        clock.set(data.get(0).timestampMs());
        store = open();
        int half = data.size() / 2;
        loadLive(data.subList(0, half), random);
        assertSameEverywhere(random, "half loaded");
        loadLive(data.subList(half, data.size()), random);
        assertSameEverywhere(random, "all loaded live");

        writeLateAndRepeated(random);
        assertSameEverywhere(random, "late and repeated readings");
        writePending();
        assertSameEverywhere(random, "pending readings");
        store.sealDueHours(); // folds the late hours into their days, moves pending readings
        assertSameEverywhere(random, "sealed again");
        store.close();
        store = open();
        assertSameEverywhere(random, "reopened");
    }

    private ReadingStore open() {
        ReadingStore opened = ReadingStore.open(StorageConfig.defaults(dir), clock);
        opened.meters().ensure(METER);
        return opened;
    }

    /** Batches of 1–600 readings, the clock just past each; a sealing pass every 3 hours of data. */
    private void loadLive(List<Reading> readings, Random random) {
        LiveLoad.feed(readings, random, 600, clock, this::append, () -> store.sealDueHours());
    }

    private void append(List<Reading> batch) {
        store.append(METER, batch);
        batch.forEach(r -> written.putIfAbsent(r.timestampMs(), r));
    }

    /**
     * Late readings half a second off the stored ones, in batches spread over the data (into
     * compacted days, sealed hours and the head, where their blocks overlap earlier ones), and
     * repeats of stored timestamps with other values, which must not replace them.
     */
    private void writeLateAndRepeated(Random random) {
        List<Long> stored = new ArrayList<>(written.keySet());
        for (int b = 0; b < 40; b++) {
            int start = random.nextInt(stored.size());
            int length = 1 + random.nextInt(b < 30 ? 50 : 2_000);
            List<Reading> late = new ArrayList<>();
            for (int i = start; i < Math.min(stored.size(), start + length); i += 1 + random.nextInt(3)) {
                long ts = stored.get(i) + (random.nextBoolean() ? 500 : 0); // stored ones are whole seconds
                late.add(new Reading(ts, random.nextInt(5_000_000) - 1_000_000,
                        random.nextInt(4) == 0 ? Reading.NO_ENERGY : random.nextInt(1_000)));
            }
            append(late);
        }
        // one late batch into the newest hours, still in the head, overlapping the blocks there
        long newest = written.lastKey();
        List<Reading> head = new ArrayList<>();
        for (long ts = newest - 2 * HOUR_MS + 250; ts < newest; ts += 1_000L * (1 + random.nextInt(5))) {
            head.add(Reading.ofPower(ts, random.nextInt(2_000_000)));
        }
        append(head);
    }

    /** An in-order write of enough meters goes to the pending log (memory until a move). */
    private void writePending() {
        long from = written.lastKey() + 1_000;
        List<Reading> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(new Reading(from + i * 1_000L, 400_000 + i, 9_000_000 + i));
        }
        Map<MeterRef, List<Reading>> fleet = new HashMap<>();
        fleet.put(METER, batch);
        for (int m = 1; m < ReadingStore.PENDING_MIN_METERS; m++) {
            MeterRef other = MeterRef.of("default", "neighbour-" + m);
            store.meters().ensure(other);
            fleet.put(other, List.of(Reading.ofPower(from, m)));
        }
        clock.set(from + 30_000);
        store.appendAll(fleet);
        batch.forEach(r -> written.putIfAbsent(r.timestampMs(), r));
    }

    /** Whole range, every UTC day, days shifted to cut chunks, random ranges, empty ranges. */
    private void assertSameEverywhere(Random random, String stage) {
        long first = written.firstKey();
        long last = written.lastKey();
        assertReadsMatch(0, Long.MAX_VALUE, stage);
        for (long day = Math.floorDiv(first, DAY_MS) * DAY_MS; day <= last; day += DAY_MS) {
            assertReadsMatch(day, day + DAY_MS, stage);
            assertReadsMatch(day + HOUR_MS / 2 + 250, day + DAY_MS + HOUR_MS / 2, stage);
        }
        for (int i = 0; i < 60; i++) {
            long from = first - HOUR_MS + (long) (random.nextDouble() * (last - first + 2 * HOUR_MS));
            long length = (long) Math.pow(10, random.nextDouble() * Math.log10(3 * DAY_MS)); // 1 ms to 3 days
            assertReadsMatch(from, from + length, stage);
        }
        assertReadsMatch(first - DAY_MS, first, stage);
        assertReadsMatch(last + 1, last + DAY_MS, stage);
        long some = written.ceilingKey(first + (last - first) / 3);
        assertReadsMatch(some, some + 1, stage);
        assertReadsMatch(some + 1, written.higherKey(some), stage);
    }

    private void assertReadsMatch(long from, long to, String stage) {
        List<Reading> expected = List.copyOf(written.subMap(from, to).values());
        ReadingColumns columns = store.readRawColumns(METER, from, to);
        List<Reading> fromColumns = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            assertThat(columns.hasEnergy(i)).isEqualTo(columns.energyMilliwattHours(i) != Reading.NO_ENERGY);
            fromColumns.add(new Reading(columns.timestampMs(i), columns.powerMilliwatts(i), columns.energyMilliwattHours(i)));
        }
        String range = stage + ", range " + Instant.ofEpochMilli(Math.max(0, from)) + " + " + (to - from) + " ms";
        assertThat(fromColumns).as(range + ": columns").isEqualTo(expected);
        assertThat(store.readRaw(METER, from, to)).as(range + ": readRaw").isEqualTo(expected);
    }

    /** GJW active power as logged (change-only, whole seconds, London time), in watts. */
    static List<Reading> gjw(Path file) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        ZoneId london = ZoneId.of("Europe/London");
        TreeMap<Long, Long> rows = new TreeMap<>(); // sorted, last row of a repeated second wins (clock change)
        try {
            for (String line : Files.readAllLines(file)) {
                int comma = line.indexOf(',');
                if (comma > 0) {
                    long ts = LocalDateTime.parse(line.substring(0, comma), format).atZone(london).toInstant().toEpochMilli();
                    rows.put(ts, Long.parseLong(line.substring(comma + 1).trim()) * 1_000);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<Reading> out = new ArrayList<>(rows.size());
        rows.forEach((ts, power) -> out.add(Reading.ofPower(ts, power)));
        return out;
    }

    /** Adds an import register integrated from the power, absent on every 50th reading. */
    private static List<Reading> withRegister(List<Reading> readings) {
        List<Reading> out = new ArrayList<>(readings.size());
        double energyMwh = 0;
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            if (i > 0) {
                energyMwh += readings.get(i - 1).powerMilliwatts() * (r.timestampMs() - readings.get(i - 1).timestampMs()) / 3_600_000.0;
            }
            out.add(new Reading(r.timestampMs(), r.powerMilliwatts(), i % 50 == 0 ? Reading.NO_ENERGY : (long) energyMwh));
        }
        return out;
    }

    /** Three days at 1 Hz with dropouts, export (negative power) at midday, a register only on day 2. */
    private static List<Reading> synthetic(Random random) {
        long start = Instant.parse("2026-03-01T00:00:07Z").toEpochMilli();
        List<Reading> out = new ArrayList<>();
        long power = 300_000;
        for (long ts = start; ts < start + 3 * DAY_MS; ts += 1_000L * (random.nextInt(200) == 0 ? 1 + random.nextInt(900) : 1)) {
            power = random.nextInt(60) == 0 ? random.nextInt(4_000_000) - 2_000_000 : power + random.nextInt(21) - 10;
            boolean register = ts >= start + DAY_MS && ts < start + 2 * DAY_MS;
            out.add(new Reading(ts, power, register ? (ts - start) / 1_000 : Reading.NO_ENERGY));
        }
        return out;
    }
}
