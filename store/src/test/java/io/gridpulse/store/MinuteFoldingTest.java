package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.SharedData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Past days' minute rows folded into one value per day (format 8) read back as the rows they
 * replaced, at every level and over any range: the store under test runs sealing passes (which
 * fold), a twin store given the same writes never does and keeps rows. Late readings into folded
 * days, a re-fold, a restart and retention keep them equal. Real data: GJW as logged (change-only,
 * so minutes without samples, held power across gaps, days that start inside an interval).
 */
class MinuteFoldingTest {
    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 86_400_000L;
    private static final MeterRef METER = MeterRef.of("default", "home-1");

    @TempDir
    Path dir;

    private final ReadingStoreTest.MutableClock clock = new ReadingStoreTest.MutableClock(0);
    private ReadingStore folding;
    private ReadingStore rows;

    @AfterEach
    void close() {
        for (ReadingStore s : new ReadingStore[] {folding, rows}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void foldedDaysReadAsTheirRowsThroughLateReadingsRestartAndRetention() {
        Optional<Path> file = SharedData.resolve("gjw-uk-home/active-power-2013-11-20.csv");
        assumeTrue(file.isPresent(), "skipped: shared data gjw-uk-home not found (see SharedData)");
        List<Reading> data = RawColumnsReadTest.gjw(file.orElseThrow());
        data = data.subList(0, data.size() / 4); // ≈ 6 days
        long seed = System.nanoTime();
        System.out.println("MinuteFoldingTest seed " + seed);
        Random random = new Random(seed);
        clock.set(data.get(0).timestampMs());
        folding = open("folding");
        rows = open("rows");

        LiveLoad.feed(data, random, 300, clock, this::append, folding::sealDueHours);
        clock.set(clock.millis() + 2 * HOUR_MS);
        folding.sealDueHours();
        long first = data.get(0).timestampMs();
        long last = data.get(data.size() - 1).timestampMs();
        int days = (int) ((last - first) / DAY_MS);
        assertThat(folding.foldedMinuteDays(METER)).as("days folded").isBetween(days - 1, days + 1);
        assertSameRollups(first, last, random, "live load");

        // late readings into folded days: some between stored ones, some into empty minutes
        for (int n = 0; n < 40; n++) {
            long at = first + (long) (random.nextDouble() * (last - first - DAY_MS));
            List<Reading> late = new ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(20); k++) {
                late.add(Reading.ofPower(at + k * (250L + random.nextInt(90_000)), random.nextInt(3_000_000)));
            }
            append(late);
        }
        assertSameRollups(first, last, random, "late readings");
        clock.set(clock.millis() + HOUR_MS);
        folding.sealDueHours(); // the late readings' hours are folded into their days again
        assertSameRollups(first, last, random, "re-compacted");

        folding.close();
        folding = open("folding");
        assertSameRollups(first, last, random, "restart");

        long cutoffDay = Math.floorDiv(last, DAY_MS) * DAY_MS - DAY_MS; // folded: the newest reading is a day later
        long cutoff = cutoffDay + 5 * HOUR_MS;
        folding.deleteBefore(METER, Long.MIN_VALUE, cutoff);
        for (RollupLevel level : List.of(RollupLevel.MINUTE, RollupLevel.FIFTEEN_MINUTES)) {
            assertThat(folding.rollups(METER, level, 0, cutoffDay)).as("%s before the cutoff's day", level).isEmpty();
            // a folded day goes whole once the whole day is past the cutoff (as a compacted day of readings)
            assertThat(folding.rollups(METER, level, cutoffDay, Long.MAX_VALUE)).as("%s from the cutoff's day", level)
                    .isEqualTo(rows.rollups(METER, level, cutoffDay, Long.MAX_VALUE));
        }
        assertThat(folding.rollups(METER, RollupLevel.HOUR, 0, Long.MAX_VALUE))
                .isEqualTo(rows.rollups(METER, RollupLevel.HOUR, 0, Long.MAX_VALUE));
    }

    /** A day on which the meter went quiet keeps its rows (its last buckets are open) until the meter reports again. */
    @Test
    void aDayAMeterWentQuietOnIsFoldedOnceItReportsAgain() {
        long day1 = 1_767_225_600_000L; // 2026-01-01, UTC midnight
        clock.set(day1);
        folding = open("folding");
        rows = open("rows");
        List<Reading> twoDays = new ArrayList<>();
        for (long t = day1; t < day1 + DAY_MS + 20 * HOUR_MS; t += 10_000) { // quiet from 20:00 on day 2
            twoDays.add(Reading.ofPower(t, 300_000 + (t / 10_000 % 97) * 1_000));
        }
        for (int i = 0; i < twoDays.size(); i += 360) {
            List<Reading> hour = twoDays.subList(i, Math.min(twoDays.size(), i + 360));
            clock.set(hour.get(hour.size() - 1).timestampMs() + 1_000);
            append(hour);
        }
        clock.set(day1 + 3 * DAY_MS);
        folding.sealAllDue();
        assertThat(folding.foldedMinuteDays(METER)).as("day 1 folded, day 2 holds the newest reading").isEqualTo(1);
        Random random = new Random(3);
        assertSameRollups(day1, day1 + 2 * DAY_MS, random, "quiet", 1_000);

        clock.set(day1 + 4 * DAY_MS + 1_000);
        append(List.of(Reading.ofPower(day1 + 4 * DAY_MS, 450_000)));
        folding.sealAllDue();
        assertThat(folding.foldedMinuteDays(METER)).as("day 2 folded once the meter reported again").isEqualTo(2);
        assertSameRollups(day1, day1 + 4 * DAY_MS, random, "back", 1_000);
    }

    /** Reads running while days are folded see every minute once: rows and folded days are read from one view. */
    @Test
    void readsDuringFoldingSeeEachMinuteOnce() throws Exception {
        long day1 = 1_767_225_600_000L;
        clock.set(day1);
        folding = open("folding");
        List<MeterRef> meters = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            meters.add(MeterRef.of("default", "meter-" + m));
            folding.meters().ensure(meters.get(m));
        }
        for (long hour = day1; hour < day1 + 5 * DAY_MS; hour += HOUR_MS) {
            for (MeterRef meter : meters) {
                List<Reading> batch = new ArrayList<>();
                for (long t = hour; t < hour + HOUR_MS; t += 20_000) {
                    batch.add(Reading.ofPower(t, 200_000 + (t / 20_000 % 13) * 7_000));
                }
                clock.set(hour + HOUR_MS);
                folding.append(meter, batch);
            }
        }
        List<List<Rollup>> expected = new ArrayList<>();
        for (MeterRef meter : meters) {
            expected.add(folding.rollups(meter, RollupLevel.MINUTE, day1, day1 + 4 * DAY_MS));
        }
        java.util.concurrent.atomic.AtomicReference<String> wrong = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = Thread.ofPlatform().start(() -> {
            for (int i = 0; !done.get() && wrong.get() == null; i++) {
                int m = i % meters.size();
                List<Rollup> seen = folding.rollups(meters.get(m), RollupLevel.MINUTE, day1, day1 + 4 * DAY_MS);
                if (!seen.equals(expected.get(m))) {
                    wrong.set("meter " + m + ": " + seen.size() + " rows, expected " + expected.get(m).size());
                }
            }
        });
        clock.set(day1 + 6 * DAY_MS);
        folding.sealAllDue();
        done.set(true);
        reader.join();
        assertThat(wrong.get()).isNull();
        assertThat(folding.foldedMinuteDays(meters.get(0))).as("days before the newest").isEqualTo(4);
    }

    private ReadingStore open(String name) {
        ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir.resolve(name)), clock);
        store.meters().ensure(METER);
        return store;
    }

    private void append(List<Reading> batch) {
        AppendResult a = folding.append(METER, batch);
        AppendResult b = rows.append(METER, batch);
        assertThat(a).isEqualTo(b);
    }

    private void assertSameRollups(long first, long last, Random random, String stage) {
        assertSameRollups(first, last, random, stage, 2_000);
    }

    private void assertSameRollups(long first, long last, Random random, String stage, int minMinuteRows) {
        for (RollupLevel level : RollupLevel.values()) {
            assertSame(level, 0, Long.MAX_VALUE, stage);
            for (long day = Math.floorDiv(first, DAY_MS) * DAY_MS; day <= last; day += DAY_MS) {
                assertSame(level, day, day + DAY_MS, stage);
            }
            for (int i = 0; i < 30; i++) {
                long from = first - HOUR_MS + (long) (random.nextDouble() * (last - first + 2 * HOUR_MS));
                long length = (long) Math.pow(10, 3 + random.nextDouble() * Math.log10(3 * DAY_MS / 1000.0)); // 1 s to 3 days
                assertSame(level, from, from + length, stage);
            }
        }
        List<Rollup> minutes = rows.rollups(METER, RollupLevel.MINUTE, 0, Long.MAX_VALUE);
        assertThat(minutes.size()).as("minute rows").isGreaterThan(minMinuteRows);
    }

    private void assertSame(RollupLevel level, long from, long to, String stage) {
        assertThat(folding.rollups(METER, level, from, to))
                .as("%s, %s from %s + %d ms", stage, level, Instant.ofEpochMilli(Math.max(0, from)), to - from)
                .isEqualTo(rows.rollups(METER, level, from, to));
    }
}
