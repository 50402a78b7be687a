package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.TenantId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    private static final long DAY_MS = 86_400_000L;
    private static final Instant NOW = Instant.parse("2026-04-11T00:30:00Z");
    private static final long START_MS = Instant.parse("2026-04-01T00:00:00Z").toEpochMilli();
    private static final MeterRef SHORT_LIVED = MeterRef.of("short", "m1");
    private static final MeterRef KEPT = MeterRef.of("keep", "m1");

    @TempDir
    Path dir;

    /** A reading every 10 s for ten days up to NOW at 360 W: 1 Wh per 10 s, 360 Wh per hour. */
    private static List<Reading> tenDays() {
        List<Reading> out = new ArrayList<>();
        for (long ts = START_MS; ts < NOW.toEpochMilli(); ts += 10_000) {
            out.add(Reading.ofPower(ts, 360_000));
        }
        return out;
    }

    private static ReadingStore open(Path dir) {
        return ReadingStore.open(StorageConfig.defaults(dir), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void deletesOldReadingsAndFineRollupsOfThatTenantOnlyAndKeepsHourlyEnergy() {
        try (ReadingStore store = open(dir)) {
            for (MeterRef m : List.of(SHORT_LIVED, KEPT)) {
                store.meters().ensure(m);
                store.append(m, tenDays());
            }
            long hourlyEnergyBefore = energy(store.rollups(SHORT_LIVED, RollupLevel.HOUR, 0, Long.MAX_VALUE));
            store.retention().set(new TenantId("short"), new Retention(3, 5));

            assertThat(store.retention().enforce()).isEqualTo(1);

            long rawCutoff = NOW.toEpochMilli() - 3 * DAY_MS;
            long fineCutoff = NOW.toEpochMilli() - 5 * DAY_MS;
            List<Reading> raw = store.readRaw(SHORT_LIVED, 0, Long.MAX_VALUE);
            // whole hours go: the first reading kept is at the start of the cutoff's hour
            assertThat(raw.get(0).timestampMs()).isEqualTo(rawCutoff / 3_600_000L * 3_600_000L);
            assertThat(raw.get(raw.size() - 1).timestampMs()).isEqualTo(NOW.toEpochMilli() - 10_000);
            assertThat(store.rollups(SHORT_LIVED, RollupLevel.MINUTE, 0, Long.MAX_VALUE).get(0).bucketStartMs())
                    .isEqualTo(fineCutoff / 60_000L * 60_000L);
            assertThat(store.rollups(SHORT_LIVED, RollupLevel.FIFTEEN_MINUTES, 0, fineCutoff - 900_000L)).isEmpty();
            assertThat(energy(store.rollups(SHORT_LIVED, RollupLevel.HOUR, 0, Long.MAX_VALUE))).isEqualTo(hourlyEnergyBefore);
            assertThat(store.readRaw(KEPT, 0, Long.MAX_VALUE)).hasSize(tenDays().size());
            assertThat(store.rollups(KEPT, RollupLevel.MINUTE, 0, START_MS + 60_000L)).hasSize(1);
        }
    }

    @Test
    void policyOutlivesARestartAndWritesGoOnAfterTrimming() {
        try (ReadingStore store = open(dir)) {
            store.meters().ensure(SHORT_LIVED);
            store.append(SHORT_LIVED, tenDays());
            store.retention().set(new TenantId("short"), new Retention(1, 0));
        }
        try (ReadingStore store = open(dir)) {
            assertThat(store.retention().get(new TenantId("short"))).isEqualTo(new Retention(1, 0));
            assertThat(store.retention().get(new TenantId("keep"))).isEqualTo(Retention.KEEP_ALL);
            store.retention().enforce();
            long next = NOW.toEpochMilli();
            AppendResult r = store.append(SHORT_LIVED, List.of(Reading.ofPower(next, 360_000), Reading.ofPower(next - 10_000, 1)));
            assertThat(r.duplicates()).as("the newest stored reading is still known after trimming").isEqualTo(1);
            assertThat(store.latest(SHORT_LIVED).timestampMs()).isEqualTo(next);
            assertThat(store.rollups(SHORT_LIVED, RollupLevel.MINUTE, 0, START_MS + DAY_MS)).isNotEmpty();
        }
    }

    @Test
    void aSilentMetersLastHoursStaySoItsOpenRollupsSurviveARestart() {
        long hourlyBefore;
        long newestMs;
        try (ReadingStore store = open(dir)) {
            store.meters().ensure(SHORT_LIVED);
            List<Reading> firstFiveDays = tenDays().stream().filter(r -> r.timestampMs() < START_MS + 5 * DAY_MS).toList();
            store.append(SHORT_LIVED, firstFiveDays);
            newestMs = firstFiveDays.get(firstFiveDays.size() - 1).timestampMs();
            hourlyBefore = energy(store.rollups(SHORT_LIVED, RollupLevel.HOUR, 0, Long.MAX_VALUE));
            store.retention().set(new TenantId("short"), new Retention(1, 1));
            store.retention().enforce();
        }
        try (ReadingStore store = open(dir)) { // open rollup rows are recomputed from what is left
            List<Reading> raw = store.readRaw(SHORT_LIVED, 0, Long.MAX_VALUE);
            assertThat(raw.get(raw.size() - 1).timestampMs()).isEqualTo(newestMs);
            assertThat(raw.get(0).timestampMs()).isEqualTo(newestMs / 3_600_000L * 3_600_000L - 3_600_000L);
            assertThat(energy(store.rollups(SHORT_LIVED, RollupLevel.HOUR, 0, Long.MAX_VALUE))).isEqualTo(hourlyBefore);
        }
    }

    /** Sealed and folded data, trimmed by passes an hour and a day apart: whole days go, one at a time. */
    @Test
    void laterPassesDeleteTheDaysThatAgeOutAndNothingElse() {
        ReadingStoreTest.MutableClock clock = new ReadingStoreTest.MutableClock(NOW.toEpochMilli());
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock)) {
            store.meters().ensure(SHORT_LIVED);
            store.append(SHORT_LIVED, tenDays());
            store.sealAllDue(); // days compacted, minute rows folded: what a long-running server holds
            long hourlyBefore = energy(store.rollups(SHORT_LIVED, RollupLevel.HOUR, 0, Long.MAX_VALUE));
            store.retention().set(new TenantId("short"), new Retention(3, 5));

            long day = Instant.parse("2026-04-08T00:00:00Z").toEpochMilli();
            for (long passAt : new long[] {0, 3_600_000L, 2 * 3_600_000L, DAY_MS}) {
                clock.set(NOW.toEpochMilli() + passAt);
                store.retention().enforce();
                long firstRawDay = passAt < DAY_MS ? day : day + DAY_MS;
                assertThat(store.readRaw(SHORT_LIVED, 0, Long.MAX_VALUE).get(0).timestampMs()).as("pass at +%d ms", passAt)
                        .isEqualTo(firstRawDay);
                assertThat(store.rollups(SHORT_LIVED, RollupLevel.MINUTE, 0, Long.MAX_VALUE).get(0).bucketStartMs())
                        .isEqualTo(firstRawDay - 2 * DAY_MS);
                assertThat(store.rollups(SHORT_LIVED, RollupLevel.FIFTEEN_MINUTES, 0, Long.MAX_VALUE).get(0).bucketStartMs())
                        .isEqualTo(firstRawDay - 2 * DAY_MS);
            }
            assertThat(energy(store.rollups(SHORT_LIVED, RollupLevel.HOUR, 0, Long.MAX_VALUE))).isEqualTo(hourlyBefore);
            assertThat(store.latest(SHORT_LIVED).timestampMs()).isEqualTo(NOW.toEpochMilli() - 10_000);
        }
    }

    @Test
    void refusesNegativeOrAbsurdDays() {
        assertThatThrownBy(() -> new Retention(-1, 0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("rawDays");
        assertThatThrownBy(() -> new Retention(0, 40_000)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("fineRollupDays");
    }

    private static long energy(List<Rollup> rows) {
        return rows.stream().mapToLong(Rollup::energyNanowattHours).sum();
    }
}
