package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarRollupsTest {
    private static final MeterRef METER = MeterRef.of("default", "m");

    @TempDir
    Path dir;

    /** One reading per minute at 600 W from `from` for `minutes`: 10 Wh per minute. */
    private static List<Reading> perMinute(Instant from, int minutes) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i <= minutes; i++) {
            out.add(Reading.ofPower(from.toEpochMilli() + i * 60_000L, 600_000));
        }
        return out;
    }

    @Test
    void dailyBucketsStartAtLocalMidnightInSeoul() {
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        Instant start = LocalDate.of(2026, 3, 1).atStartOfDay(seoul).toInstant();
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC))) {
            store.meters().ensure(METER);
            store.append(METER, perMinute(start, 2 * 1440));
            List<Rollup> days = new CalendarRollups(store).buckets(METER, Step.ONE_DAY, start.toEpochMilli(),
                    start.toEpochMilli() + 2 * 86_400_000L, seoul);
            assertThat(days).extracting(Rollup::bucketStartMs)
                    .containsExactly(start.toEpochMilli(), start.toEpochMilli() + 86_400_000L);
            // 1440 minutes x 10 Wh each = 14.4 kWh per day
            assertThat(days).extracting(Rollup::energyNanowattHours).containsOnly(14_400_000_000_000L);
        }
    }

    @Test
    void daylightSavingDayHasTwentyThreeHours() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant start = LocalDate.of(2026, 3, 29).atStartOfDay(berlin).toInstant();
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), Clock.fixed(Instant.parse("2026-04-10T00:00:00Z"), ZoneOffset.UTC))) {
            store.meters().ensure(METER);
            store.append(METER, perMinute(start, 2 * 1440));
            List<Rollup> days = new CalendarRollups(store).buckets(METER, Step.ONE_DAY, start.toEpochMilli(),
                    start.toEpochMilli() + 86_400_000L, berlin);
            assertThat(days.get(0).energyNanowattHours()).isEqualTo(23 * 60 * 10_000_000_000L);
        }
    }

    @Test
    void halfHourZoneFallsBackToQuarterHourRollups() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant start = LocalDate.of(2026, 3, 1).atStartOfDay(kolkata).toInstant();
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC))) {
            store.meters().ensure(METER);
            store.append(METER, perMinute(start.minusSeconds(3600), 1440 + 120));
            List<Rollup> days = new CalendarRollups(store).buckets(METER, Step.ONE_DAY, start.toEpochMilli(),
                    start.toEpochMilli() + 86_400_000L, kolkata);
            assertThat(days).singleElement().extracting(Rollup::energyNanowattHours).isEqualTo(14_400_000_000_000L);
        }
    }

    @Test
    void energyIsTheSumOfTheUtcHourBucketsItTouches() {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC))) {
            store.meters().ensure(METER);
            store.append(METER, perMinute(start.plusSeconds(1_800), 3 * 1440));
            CalendarRollups calendar = new CalendarRollups(store);
            long hour = 3_600_000L;
            long[][] ranges = {
                {start.toEpochMilli(), start.toEpochMilli() + 3 * 86_400_000L}, // aligned both ends
                {start.toEpochMilli() + 7 * 60_000L, start.toEpochMilli() + 5 * hour + 1}, // unaligned both ends
                {start.toEpochMilli() + hour - 1, start.toEpochMilli() + hour}, // one millisecond
                {start.toEpochMilli() - 10 * hour, start.toEpochMilli() + hour / 2}, // partly before the data
                {start.toEpochMilli() + 5 * 86_400_000L, start.toEpochMilli() + 6 * 86_400_000L}, // no data
            };
            for (long[] r : ranges) {
                long buckets = calendar.buckets(METER, Step.ONE_HOUR, r[0], r[1], ZoneOffset.UTC).stream()
                        .mapToLong(Rollup::energyNanowattHours).sum();
                assertThat(calendar.energyNanowattHours(METER, r[0], r[1])).as("range %d..%d", r[0], r[1]).isEqualTo(buckets);
            }
            // 3 days x 1440 minutes x 10 Wh
            assertThat(calendar.energyNanowattHours(METER, start.toEpochMilli(), start.toEpochMilli() + 4 * 86_400_000L))
                    .isEqualTo(3 * 1440 * 10_000_000_000L);
        }
    }
}
