package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recent readings in the head (one block per batch and hour) and open rollup buckets kept in
 * memory: reads, sealing and restarts must give exactly what in-order arrival into one
 * uninterrupted store gives. The clock stays at the data's start, so nothing is sealed on write.
 */
class HeadBlocksAndOpenRollupsTest {
    private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final MeterRef METER = MeterRef.of("default", "home-1");
    private static final long HOUR_MS = 3_600_000L;

    @TempDir
    Path dir;

    private final ReadingStoreTest.MutableClock clock = new ReadingStoreTest.MutableClock(T0);
    private final List<ReadingStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(ReadingStore::close);
    }

    private ReadingStore open(Path path) {
        return open(StorageConfig.defaults(path));
    }

    private ReadingStore open(StorageConfig config) {
        ReadingStore store = ReadingStore.open(config, clock);
        store.meters().ensure(METER);
        opened.add(store);
        return store;
    }

    private ReadingStore reopen(ReadingStore store, Path path) {
        store.close();
        opened.remove(store);
        return open(path);
    }

    /** Irregular readings over ~3 h with gaps, power steps and an energy register that is reset once. */
    private static List<Reading> irregular(Random random) {
        List<Reading> out = new ArrayList<>();
        long ts = T0;
        long energy = 9_000_000;
        for (int i = 0; i < 3_000; i++) {
            ts += 1000L * (1 + random.nextInt(random.nextInt(25) == 0 ? 900 : 4));
            energy = i == 1_500 ? 12 : energy + random.nextInt(5);
            out.add(random.nextInt(10) == 0 ? Reading.ofPower(ts, random.nextInt(4_000_000))
                    : new Reading(ts, random.nextInt(4_000_000), energy));
        }
        return out;
    }

    private static void assertSameRollups(ReadingStore actual, ReadingStore expected, long seed) {
        for (RollupLevel level : RollupLevel.values()) {
            assertThat(actual.rollups(METER, level, 0, Long.MAX_VALUE)).as("level %s, seed %d", level, seed)
                    .isEqualTo(expected.rollups(METER, level, 0, Long.MAX_VALUE));
        }
    }

    @Test
    void shuffledArrivalWithRestartsGivesInOrderRollupsAndReadings() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Reading> readings = irregular(random);
        ReadingStore ordered = open(dir.resolve("ordered"));
        for (int i = 0; i < readings.size(); i += 60) {
            ordered.append(METER, readings.subList(i, Math.min(readings.size(), i + 60)));
        }
        List<Reading> shuffled = new ArrayList<>(readings);
        Collections.shuffle(shuffled, random);
        Path lateDir = dir.resolve("late");
        ReadingStore late = open(lateDir);
        for (int i = 0; i < shuffled.size(); i += 41) {
            late.append(METER, shuffled.subList(i, Math.min(shuffled.size(), i + 41)));
            if (random.nextInt(8) == 0) {
                late = reopen(late, lateDir); // open buckets are rebuilt from the stored readings
            }
        }
        assertSameRollups(late, ordered, seed);
        assertThat(late.readRaw(METER, 0, Long.MAX_VALUE)).as("seed %d", seed).isEqualTo(readings);
    }

    /**
     * Appends that stay in the newest reading's minute extend the open rows directly; they must
     * give exactly the rows of one batch (bucket deltas), also when held power is capped by a short
     * gap limit and registers reset or are missing, and after a restart recomputes the open rows.
     */
    @Test
    void readingsAppendedOneByOneGiveTheRollupsOfOneBatch() {
        List<Reading> readings = irregular(new Random(11));
        for (long gapLimitMs : new long[] {StorageConfig.defaults(dir).gapLimitMs(), 2_000}) {
            StorageConfig batchConfig = new StorageConfig(dir.resolve("batch-" + gapLimitMs), gapLimitMs, 5_000, 0,
                    StorageConfig.DEFAULT_MAX_WAL_BYTES);
            ReadingStore oneBatch = open(batchConfig);
            oneBatch.append(METER, readings);
            StorageConfig singleConfig = new StorageConfig(dir.resolve("single-" + gapLimitMs), gapLimitMs, 5_000, 0,
                    StorageConfig.DEFAULT_MAX_WAL_BYTES);
            ReadingStore oneByOne = open(singleConfig);
            for (int i = 0; i < readings.size(); i++) {
                oneByOne.append(METER, readings.subList(i, i + 1 + (i % 7 == 0 && i + 2 < readings.size() ? 1 : 0)));
            }
            assertSameRollups(oneByOne, oneBatch, gapLimitMs);
            oneByOne.close();
            opened.remove(oneByOne);
            assertSameRollups(open(singleConfig), oneBatch, gapLimitMs);
        }
    }

    @Test
    void openBucketsAfterRestartContinueAsIfNeverClosed() {
        List<Reading> readings = irregular(new Random(7));
        ReadingStore uninterrupted = open(dir.resolve("uninterrupted"));
        uninterrupted.append(METER, readings);
        Path restartedDir = dir.resolve("restarted");
        ReadingStore restarted = open(restartedDir);
        int half = readings.size() / 2;
        restarted.append(METER, readings.subList(0, half));
        restarted = reopen(restarted, restartedDir);
        restarted.append(METER, readings.subList(half, readings.size()));
        assertSameRollups(restarted, uninterrupted, 7);
    }

    @Test
    void batchAcrossAnHourBoundaryReadsBackFromTwoBlocks() {
        ReadingStore store = open(dir);
        List<Reading> readings = new ArrayList<>();
        for (long ts = T0 + HOUR_MS - 30_000; ts < T0 + HOUR_MS + 30_000; ts += 1000) {
            readings.add(Reading.ofPower(ts, ts % 7_000));
        }
        store.append(METER, readings);
        assertThat(store.readRaw(METER, T0 + HOUR_MS - 5_000, T0 + HOUR_MS + 5_000))
                .containsExactlyElementsOf(readings.subList(25, 35));
        assertThat(store.latest(METER)).isEqualTo(readings.get(readings.size() - 1));
        assertThat(store.append(METER, readings).duplicates()).isEqualTo(readings.size());
    }

    @Test
    void lateReadingBetweenTwoHeadBlocksIsStoredOnceAndSplitsTheInterval() {
        ReadingStore store = open(dir);
        store.append(METER, List.of(Reading.ofPower(T0, 1_000_000), Reading.ofPower(T0 + 10_000, 1_000_000)));
        store.append(METER, List.of(Reading.ofPower(T0 + 20_000, 0)));
        AppendResult result = store.append(METER, List.of(Reading.ofPower(T0 + 5_000, 0),
                Reading.ofPower(T0 + 10_000, 1_000_000)));
        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(1);
        Rollup minute = store.rollups(METER, RollupLevel.MINUTE, T0, T0 + 60_000).get(0);
        // 1 kW for 5 s, 0 W for 5 s, 1 kW for 10 s: 15 kJ ≈ 4.17 Wh, rounded down per interval
        assertThat(minute.energyNanowattHours()).isEqualTo(1_388_888_888L + 2_777_777_777L);
        assertThat(minute.samples()).isEqualTo(4);
    }

    @Test
    void sealingHeadBlocksKeepsReadsAndRollups() {
        List<Reading> readings = irregular(new Random(11));
        ReadingStore store = open(dir);
        for (int i = 0; i < readings.size(); i += 97) {
            store.append(METER, readings.subList(i, Math.min(readings.size(), i + 97)));
        }
        List<Rollup> before = store.rollups(METER, RollupLevel.FIFTEEN_MINUTES, 0, Long.MAX_VALUE);
        clock.set(readings.get(readings.size() - 1).timestampMs() + 2 * HOUR_MS);
        assertThat(store.sealDueHours()).isEqualTo(readings.size());
        assertThat(store.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(readings);
        assertThat(store.rollups(METER, RollupLevel.FIFTEEN_MINUTES, 0, Long.MAX_VALUE)).isEqualTo(before);
        store = reopen(store, dir);
        assertThat(store.rollups(METER, RollupLevel.FIFTEEN_MINUTES, 0, Long.MAX_VALUE)).isEqualTo(before);
    }

    @Test
    void rangeReadsMergeChunksAndHeadExactly() {
        List<Reading> readings = irregular(new Random(13));
        ReadingStore store = open(dir);
        int half = readings.size() / 2;
        store.append(METER, readings.subList(0, half));
        clock.set(readings.get(half - 1).timestampMs() + 2 * HOUR_MS);
        store.sealDueHours();
        clock.set(T0);
        store.append(METER, readings.subList(half, readings.size())); // these stay in the head
        long from = readings.get(100).timestampMs() + 1;
        long to = readings.get(readings.size() - 100).timestampMs();
        assertThat(store.readRaw(METER, from, to)).isEqualTo(readings.subList(101, readings.size() - 100));
    }
}
