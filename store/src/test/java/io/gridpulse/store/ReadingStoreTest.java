package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.NotFoundException;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadingStoreTest {
    private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final MeterRef METER = MeterRef.of("default", "home-1");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0 + 3_600_000L * 24 * 10);
    private final List<ReadingStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(ReadingStore::close);
    }

    private ReadingStore open(Path path) {
        ReadingStore store = ReadingStore.open(StorageConfig.defaults(path), clock);
        store.meters().ensure(METER);
        opened.add(store);
        return store;
    }

    private static List<Reading> steady(long startMs, int seconds, long powerMilliwatts) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            out.add(Reading.ofPower(startMs + i * 1000L, powerMilliwatts));
        }
        return out;
    }

    @Test
    void aFleetsRollupsAreEachMetersRollupsInTheGivenOrder() {
        ReadingStore store = open(dir);
        List<MeterRef> fleet = new ArrayList<>();
        for (int m = 0; m < 30; m++) {
            MeterRef meter = MeterRef.of("default", "fleet-" + m);
            store.meters().ensure(meter);
            // 0 to 3 hours of readings, the last hour still open (its row is in memory only)
            store.append(meter, steady(T0 + m * 60_000L, (m % 4) * 3_600, 100_000 + m * 1_000L));
            fleet.add(meter);
        }
        Collections.shuffle(fleet, new Random(7)); // registration order is key order: ask in another
        fleet.add(fleet.get(2)); // and one meter twice

        long from = T0 + 3_600_000;
        List<List<Rollup>> rows = store.rollups(fleet, RollupLevel.HOUR, from, T0 + 4 * 3_600_000L);

        assertThat(rows).hasSize(fleet.size());
        for (int i = 0; i < fleet.size(); i++) {
            assertThat(rows.get(i)).as(fleet.get(i).toString())
                    .isEqualTo(store.rollups(fleet.get(i), RollupLevel.HOUR, from, T0 + 4 * 3_600_000L));
        }
        assertThat(rows.stream().mapToInt(List::size).sum()).isGreaterThan(20); // hours 1 and 2 of most meters
    }

    @Test
    void appendedReadingsReadBackExactly() {
        ReadingStore store = open(dir);
        List<Reading> readings = List.of(new Reading(T0, 1_234_567, 10_000), new Reading(T0 + 1000, -500, 10_001),
                Reading.ofPower(T0 + 2000, 0));
        AppendResult result = store.append(METER, readings);
        assertThat(result.accepted()).isEqualTo(3);
        assertThat(store.readRaw(METER, T0, T0 + 3000)).containsExactlyElementsOf(readings);
    }

    @Test
    void duplicateReadingIsAcknowledgedOnce() {
        ReadingStore store = open(dir);
        store.append(METER, steady(T0, 10, 100_000));
        AppendResult again = store.append(METER, steady(T0, 12, 999_000));
        assertThat(again.accepted()).isEqualTo(2);
        assertThat(again.duplicates()).isEqualTo(10);
        assertThat(store.readRaw(METER, T0, T0 + 20_000)).hasSize(12)
                .first().extracting(Reading::powerMilliwatts).isEqualTo(100_000L);
    }

    @Test
    void appendAllStoresSeveralMetersInOneWriteWithPerMeterResults() {
        ReadingStore store = open(dir);
        MeterRef other = MeterRef.of("default", "home-2");
        store.meters().ensure(other);
        store.append(METER, steady(T0, 5, 100_000));
        Map<MeterRef, AppendResult> results = store.appendAll(Map.of(METER, steady(T0, 10, 1), other, steady(T0, 3, 2_000)));
        assertThat(results.get(METER).accepted()).isEqualTo(5);
        assertThat(results.get(METER).duplicates()).isEqualTo(5);
        assertThat(results.get(other).accepted()).isEqualTo(3);
        assertThat(store.readRaw(other, T0, T0 + 10_000)).containsExactlyElementsOf(steady(T0, 3, 2_000));
        assertThat(store.rollups(other, RollupLevel.MINUTE, T0, T0 + 60_000)).singleElement()
                .extracting(Rollup::samples).isEqualTo(3L);
    }

    @Test
    void repeatedTimestampWithinBatchCountsAsDuplicate() {
        ReadingStore store = open(dir);
        AppendResult r = store.append(METER, List.of(Reading.ofPower(T0, 1), Reading.ofPower(T0, 2)));
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.duplicates()).isEqualTo(1);
    }

    @Test
    void steadyKilowattForOneMinuteIsSixteenPointSixWattHours() {
        ReadingStore store = open(dir);
        store.append(METER, steady(T0, 61, 1_000_000));
        Rollup minute = store.rollups(METER, RollupLevel.MINUTE, T0, T0 + 60_000).get(0);
        assertThat(minute.energyNanowattHours()).isBetween(16_666_666_600L, 16_666_666_667L);
        assertThat(minute.samples()).isEqualTo(60);
        assertThat(minute.coveredMs()).isEqualTo(60_000);
        assertThat(minute.averagePowerMilliwatts()).isCloseTo(1_000_000.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void silenceLongerThanGapLimitIsNotCountedAsConsumption() {
        ReadingStore store = open(dir);
        store.append(METER, List.of(Reading.ofPower(T0, 1_000_000), Reading.ofPower(T0 + 3_600_000, 1_000_000)));
        long hourEnergy = store.rollups(METER, RollupLevel.HOUR, T0, T0 + 3_600_000).get(0).energyNanowattHours();
        // held for the 5-minute gap limit only: 1 kW x 5 min = 83.3 Wh
        assertThat(hourEnergy).isEqualTo(1_000_000L * 300_000 * 10 / 36);
    }

    @Test
    void energyRegisterIsPreferredAndResetIsNotConsumption() {
        ReadingStore store = open(dir);
        store.append(METER, List.of(new Reading(T0, 0, 5_000_000), new Reading(T0 + 60_000, 0, 5_010_000),
                new Reading(T0 + 120_000, 0, 3), new Reading(T0 + 180_000, 0, 1_003)));
        List<Rollup> minutes = store.rollups(METER, RollupLevel.MINUTE, T0, T0 + 180_000);
        assertThat(minutes).extracting(Rollup::energyNanowattHours).containsExactly(10_000_000_000L, 0L, 1_000_000_000L);
    }

    @Test
    void lateReadingsGiveSameRollupsAsInOrderArrival() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Reading> readings = new ArrayList<>();
        long ts = T0;
        for (int i = 0; i < 2_000; i++) {
            ts += 1000L * (1 + random.nextInt(random.nextInt(20) == 0 ? 600 : 3));
            readings.add(Reading.ofPower(ts, random.nextInt(3_000_000)));
        }
        ReadingStore ordered = open(dir.resolve("ordered"));
        ordered.append(METER, readings);
        List<Reading> shuffled = new ArrayList<>(readings);
        Collections.shuffle(shuffled, random);
        ReadingStore late = open(dir.resolve("late"));
        for (int i = 0; i < shuffled.size(); i += 37) {
            late.append(METER, shuffled.subList(i, Math.min(shuffled.size(), i + 37)));
        }
        for (RollupLevel level : RollupLevel.values()) {
            assertThat(late.rollups(METER, level, 0, Long.MAX_VALUE)).as("level %s, seed %d", level, seed)
                    .isEqualTo(ordered.rollups(METER, level, 0, Long.MAX_VALUE));
        }
        assertThat(late.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(readings);
    }

    @Test
    void everythingAcknowledgedSurvivesRestart() {
        ReadingStore store = open(dir);
        store.append(METER, steady(T0, 100, 42_000));
        List<Rollup> before = store.rollups(METER, RollupLevel.MINUTE, 0, Long.MAX_VALUE);
        store.close();
        opened.clear();
        ReadingStore reopened = open(dir);
        assertThat(reopened.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(steady(T0, 100, 42_000));
        assertThat(reopened.rollups(METER, RollupLevel.MINUTE, 0, Long.MAX_VALUE)).isEqualTo(before);
        assertThat(reopened.append(METER, steady(T0, 101, 42_000)).accepted()).isEqualTo(1);
    }

    @Test
    void sealingMovesOldHoursIntoChunksWithoutChangingReads() {
        clock.set(T0 + 1_800_000);
        ReadingStore store = open(dir);
        List<Reading> readings = steady(T0, 1800, 250_000);
        store.append(METER, readings);
        clock.set(T0 + 3 * 3_600_000);
        assertThat(store.sealDueHours()).isEqualTo(1800);
        assertThat(store.sealDueHours()).isZero();
        assertThat(store.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(readings);
        assertThat(store.append(METER, List.of(readings.get(5))).duplicates()).isEqualTo(1);
        Reading late = Reading.ofPower(T0 + 500, 7);
        assertThat(store.append(METER, List.of(late)).accepted()).isEqualTo(1);
        assertThat(store.readRaw(METER, T0, T0 + 1001)).containsExactly(readings.get(0), late, readings.get(1));
    }

    @Test
    void readingsOfUnknownMeterAreNotFound() {
        ReadingStore store = open(dir);
        assertThatThrownBy(() -> store.readRaw(MeterRef.of("other", "home-1"), 0, 1))
                .isInstanceOf(NotFoundException.class);
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void set(long millis) {
            this.millis = millis;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void appendAllStoresSeveralMetersInOneWriteWithTheirRollupsAndDuplicates() {
        ReadingStore store = open(dir);
        MeterRef other = MeterRef.of("default", "home-2");
        store.meters().ensure(other);
        store.append(METER, steady(T0, 2, 100_000));

        Map<MeterRef, AppendResult> results = store.appendAll(Map.of(
                METER, steady(T0, 4, 100_000),
                other, steady(T0, 3, 50_000)));

        assertThat(results.get(METER).accepted()).isEqualTo(2);
        assertThat(results.get(METER).duplicates()).isEqualTo(2);
        assertThat(results.get(other).accepted()).isEqualTo(3);
        assertThat(store.readRaw(METER, T0, T0 + 10_000)).hasSize(4);
        assertThat(store.readRaw(other, T0, T0 + 10_000)).containsExactlyElementsOf(steady(T0, 3, 50_000));
        assertThat(store.rollups(other, RollupLevel.HOUR, T0, T0 + 3_600_000L).get(0).samples()).isEqualTo(3);
    }

    @Test
    void appendAllSideBySideAnswersInTheGivenOrderAndRefusesAMeterGivenTwice() {
        ReadingStore store = open(dir);
        List<MeterRef> meters = new ArrayList<>();
        List<List<Reading>> batches = new ArrayList<>();
        for (int m = 40; m > 0; m--) { // registered in this order, given in the reverse of key order
            MeterRef meter = MeterRef.of("default", "gw-" + m);
            store.meters().ensure(meter);
            meters.add(meter);
            batches.add(steady(T0, m, 1_000L * m));
        }
        AppendResult[] results = store.appendAll(meters.reversed(), batches.reversed());
        for (int i = 0; i < results.length; i++) {
            assertThat(results[i].accepted()).as(meters.reversed().get(i).toString()).isEqualTo(i + 1);
            assertThat(store.readRaw(meters.reversed().get(i), T0, T0 + 60_000)).isEqualTo(batches.reversed().get(i));
        }

        MeterRef twice = meters.get(3);
        assertThatThrownBy(() -> store.appendAll(List.of(twice, meters.get(5), twice),
                List.of(steady(T0 + 60_000, 2, 1), steady(T0 + 60_000, 2, 1), steady(T0 + 90_000, 2, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gw-37' given twice");
        assertThat(store.readRaw(twice, T0 + 60_000, T0 + 120_000)).isEmpty();
    }

    @Test
    void aReadAfterCloseFailsWithAnErrorInsteadOfCrashingTheJvm() {
        ReadingStore closing = ReadingStore.open(StorageConfig.defaults(dir.resolve("closing")), Clock.systemUTC());
        MeterRef meter = MeterRef.of("default", "late-reader");
        closing.meters().ensure(meter);
        closing.close();

        assertThatThrownBy(() -> closing.rollups(meter, RollupLevel.MINUTE, 0, Long.MAX_VALUE))
                .isInstanceOf(io.gridpulse.core.StorageException.class).hasMessageContaining("closed");
    }

    @Test
    void aFolderInAnotherStoreFormatIsRefusedWithAClearMessage() {
        Path folder = dir.resolve("old-format");
        try (ReadingStore written = ReadingStore.open(StorageConfig.defaults(folder), Clock.systemUTC())) {
            written.meters().ensure(MeterRef.of("default", "m1"));
            written.metadata().delete("store/format"); // as a format-1 folder: meters, no marker
        }

        assertThatThrownBy(() -> ReadingStore.open(StorageConfig.defaults(folder), Clock.systemUTC()))
                .isInstanceOf(io.gridpulse.core.StorageException.class).hasMessageContaining("store format 1");
        try (ReadingStore fresh = ReadingStore.open(StorageConfig.defaults(dir.resolve("new")), Clock.systemUTC())) {
            assertThat(new String(fresh.metadata().get("store/format"))).isEqualTo(ReadingStore.FORMAT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "4"})
    void anOlderFormatFolderIsReadAsItIsAndMarkedAsTheCurrentFormat(String format) {
        Path folder = dir.resolve("format-" + format);
        MeterRef meter = MeterRef.of("default", "m1");
        List<Reading> readings = steady(T0, 30, 1);
        try (ReadingStore written = ReadingStore.open(StorageConfig.defaults(folder), Clock.systemUTC())) {
            written.meters().ensure(meter);
            written.append(meter, readings);
            written.metadata().put("store/format", format.getBytes());
        }

        try (ReadingStore reopened = ReadingStore.open(StorageConfig.defaults(folder), Clock.systemUTC())) {
            assertThat(reopened.readRaw(meter, 0, Long.MAX_VALUE)).isEqualTo(readings);
            assertThat(new String(reopened.metadata().get("store/format"))).isEqualTo(ReadingStore.FORMAT);
        }
    }

    @Test
    void aFormat5FoldersHourlyRollupsMoveToTheirOwnColumnFamilyAndReadTheSame() throws Exception {
        Path folder = dir.resolve("format-5");
        List<MeterRef> meters = List.of(MeterRef.of("default", "a"), MeterRef.of("default", "b"), MeterRef.of("t2", "c"));
        Map<MeterRef, Map<RollupLevel, List<Rollup>>> before = new java.util.HashMap<>();
        Random random = new Random(5);
        try (ReadingStore written = ReadingStore.open(StorageConfig.defaults(folder), clock)) {
            for (MeterRef meter : meters) {
                written.meters().ensure(meter);
                List<Reading> readings = new ArrayList<>();
                for (long t = T0; t < T0 + 3 * 86_400_000L; t += 60_000L + random.nextInt(20_000)) {
                    readings.add(Reading.ofPower(t, random.nextInt(3_000_000)));
                }
                written.append(meter, readings);
                Map<RollupLevel, List<Rollup>> rows = new java.util.EnumMap<>(RollupLevel.class);
                for (RollupLevel level : RollupLevel.values()) {
                    rows.put(level, written.rollups(meter, level, 0, Long.MAX_VALUE));
                }
                before.put(meter, rows);
            }
        }
        long hourRows;
        try (var raw = new io.gridpulse.store.internal.RocksDatabase(folder, 64L << 20)) { // back to format 5's layout
            hourRows = raw.useForWrite(() -> {
                long n = 0;
                try (var it = raw.iterator(raw.hourRollups); var batch = new org.rocksdb.WriteBatch()) {
                    for (it.seekToFirst(); it.isValid(); it.next(), n++) {
                        batch.put(raw.rollups, it.key(), it.value());
                        batch.delete(raw.hourRollups, it.key());
                    }
                    batch.put(raw.meta, "store/format".getBytes(), "5".getBytes());
                    raw.write(batch);
                } catch (org.rocksdb.RocksDBException e) {
                    throw new AssertionError(e);
                }
                return n;
            });
        }
        assertThat(hourRows).isGreaterThan(3 * 70);

        try (ReadingStore reopened = ReadingStore.open(StorageConfig.defaults(folder), clock)) {
            for (MeterRef meter : meters) {
                for (RollupLevel level : RollupLevel.values()) {
                    assertThat(reopened.rollups(meter, level, 0, Long.MAX_VALUE)).as(meter + " " + level)
                            .isEqualTo(before.get(meter).get(level));
                }
            }
            assertThat(reopened.rollups(meters, RollupLevel.HOUR, 0, Long.MAX_VALUE))
                    .isEqualTo(meters.stream().map(m -> before.get(m).get(RollupLevel.HOUR)).toList());
            assertThat(new String(reopened.metadata().get("store/format"))).isEqualTo(ReadingStore.FORMAT);
        }
        try (var raw = new io.gridpulse.store.internal.RocksDatabase(folder, 64L << 20)) {
            raw.use(() -> {
                try (var it = raw.iterator(raw.rollups)) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        assertThat(it.key()[8]).as("no hourly row left in rollups").isNotEqualTo((byte) RollupLevel.HOUR.id());
                    }
                }
                return null;
            });
        }
    }
}
