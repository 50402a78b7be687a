package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-meter writes put in-order readings into one pending-log record per write; they are moved
 * into head blocks later (by volume, before sealing, and at open after a crash). Whatever moment
 * a restart or a move hits, reads and rollups must equal one meter-by-meter in-order store.
 */
class PendingLogTest {
    private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final int METERS = ReadingStore.PENDING_MIN_METERS + 4;

    @TempDir
    Path dir;

    private final ReadingStoreTest.MutableClock clock = new ReadingStoreTest.MutableClock(T0);
    private final List<ReadingStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(ReadingStore::close);
    }

    private static MeterRef meter(int m) {
        return MeterRef.of("default", "gw-meter-" + m);
    }

    private ReadingStore open(Path path) {
        ReadingStore store = ReadingStore.open(StorageConfig.defaults(path), clock);
        for (int m = 0; m < METERS; m++) {
            store.meters().ensure(meter(m));
        }
        opened.add(store);
        return store;
    }

    private ReadingStore reopen(ReadingStore store, Path path) {
        store.close();
        opened.remove(store);
        return open(path);
    }

    /** 1 Hz with dropouts, power steps and an energy register (absent on some meters). */
    private static List<Reading> series(int m, Random random) {
        List<Reading> out = new ArrayList<>();
        long ts = T0 + m * 137L;
        long energy = 1_000_000L * m;
        long power = 200_000;
        for (int i = 0; i < 2_500; i++) {
            ts += 1000L * (random.nextInt(40) == 0 ? 1 + random.nextInt(400) : 1);
            power = random.nextInt(30) == 0 ? random.nextInt(3_000_000) : power + random.nextInt(201) - 100;
            energy += random.nextInt(3);
            out.add(m % 3 == 0 ? Reading.ofPower(ts, Math.max(0, power)) : new Reading(ts, Math.max(0, power), energy));
        }
        return out;
    }

    @Test
    void fleetWritesWithRestartsMovesLateAndRepeatedReadingsEqualInOrderStore() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<List<Reading>> data = new ArrayList<>();
        ReadingStore expected = open(dir.resolve("expected"));
        for (int m = 0; m < METERS; m++) {
            data.add(series(m, random));
            expected.append(meter(m), data.get(m));
        }
        Path fleetDir = dir.resolve("fleet");
        ReadingStore fleet = open(fleetDir);
        int[] next = new int[METERS];
        boolean left = true;
        while (left) {
            left = false;
            Map<MeterRef, List<Reading>> batch = new HashMap<>();
            for (int m = 0; m < METERS; m++) {
                List<Reading> all = data.get(m);
                int from = next[m];
                int to = Math.min(all.size(), from + 1 + random.nextInt(3));
                List<Reading> readings = new ArrayList<>(all.subList(from, to));
                if (readings.size() > 1 && random.nextInt(30) == 0) {
                    readings.remove(0); // lost now: arrives late with the final re-send
                }
                if (from > 0 && random.nextInt(15) == 0) {
                    readings.add(0, all.get(random.nextInt(from))); // a repeat, or late if it was lost
                }
                next[m] = to;
                if (!readings.isEmpty()) {
                    batch.put(meter(m), readings);
                }
                left |= next[m] < all.size();
            }
            fleet.appendAll(batch);
            int dice = random.nextInt(200);
            if (dice == 0) {
                fleet = reopen(fleet, fleetDir); // pending records on disk, nothing of them in memory
            } else if (dice == 1) {
                fleet.movePending();
            } else if (dice == 2) {
                int m = random.nextInt(METERS);
                fleet.append(meter(m), data.get(m).subList(0, next[m])); // a re-sent backlog: all repeats
            }
        }
        for (int m = 0; m < METERS; m++) { // readings skipped above arrive now
            fleet.append(meter(m), data.get(m));
        }
        assertSame(fleet, expected, seed);
        fleet = reopen(fleet, fleetDir);
        assertSame(fleet, expected, seed);
        clock.set(T0 + 10 * 3_600_000L);
        fleet.sealDueHours();
        assertSame(fleet, expected, seed);
    }

    @Test
    void everyMoveTakesEveryPendingReadingAlsoOfMetersAMoveTookBefore() {
        Path path = dir.resolve("store");
        ReadingStore store = open(path);
        int seconds = 5; // far below the volume that moves by itself
        for (int round = 0; round < 3; round++) {
            for (int s = 0; s < seconds; s++) {
                Map<MeterRef, List<Reading>> second = new HashMap<>();
                long ts = T0 + (round * seconds + s) * 1_000L;
                for (int m = 0; m < METERS; m++) {
                    second.put(meter(m), List.of(new Reading(ts, 1_000L * m, 10L * s)));
                }
                store.appendAll(second);
            }
            assertThat(store.pendingReadingsInMemory()).as("round %d", round).isEqualTo((long) seconds * METERS);
            store.movePending();
            assertThat(store.pendingReadingsInMemory()).as("round %d", round).isZero();
        }
        store = reopen(store, path);
        for (int m = 0; m < METERS; m++) {
            assertThat(store.readRaw(meter(m), T0, T0 + 3_600_000L)).hasSize(3 * seconds);
        }
    }

    @Test
    void aGatewaysReadingsAreMovedOnceTheyPassTheVolumeWithoutAnotherWrite() throws Exception {
        Path path = dir.resolve("store");
        ReadingStore store = open(path);
        int seconds = ReadingStore.PENDING_MOVE_PER_METER + 1;
        for (int s = 0; s < seconds; s++) {
            Map<MeterRef, List<Reading>> second = new HashMap<>();
            for (int m = 0; m < METERS; m++) {
                second.put(meter(m), List.of(Reading.ofPower(T0 + s * 1_000L, 1_000L * m + s)));
            }
            store.appendAll(second);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (store.pendingReadingsInMemory() >= (long) ReadingStore.PENDING_MOVE_PER_METER * METERS
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(store.pendingReadingsInMemory()).as("moved without another write or call")
                .isLessThan((long) ReadingStore.PENDING_MOVE_PER_METER * METERS);
        store.close(); // perhaps with a move running: what it did not finish is moved at open
        opened.remove(store);
        store = open(path);
        for (int m = 0; m < METERS; m++) {
            assertThat(store.readRaw(meter(m), T0, T0 + 3_600_000L)).hasSize(seconds);
        }
    }

    @Test
    void pendingRecordsOfTheFirstLayoutThatAFormat6StoreLeftAreMovedAtOpen() {
        Path path = dir.resolve("store");
        ReadingStore store = open(path);
        Map<Long, List<Reading>> byKey = new java.util.TreeMap<>();
        for (int m = 0; m < METERS; m++) {
            long key = store.meters().require(meter(m)).key();
            byKey.put(key, m % 3 == 0
                    ? List.of(Reading.ofPower(T0 + 1_000, 100_000L * m), Reading.ofPower(T0 + 2_500, -40_000))
                    : List.of(new Reading(T0 + 1_000, 100_000L * m, 5_000 + m), new Reading(T0 + 2_500, 7, 6_000 + m)));
        }
        store.close();
        opened.remove(store);
        try (var raw = new io.gridpulse.store.internal.RocksDatabase(path, 64L << 20)) { // as format 6 left it
            raw.useForWrite(() -> {
                try (var batch = new org.rocksdb.WriteBatch()) {
                    batch.put(raw.pending, io.gridpulse.store.internal.PendingLog.key(1), firstLayoutRecord(T0 + 1_000, byKey));
                    batch.put(raw.meta, "store/format".getBytes(), "6".getBytes());
                    raw.write(batch);
                } catch (org.rocksdb.RocksDBException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
        }

        store = open(path);
        for (int m = 0; m < METERS; m++) {
            long key = store.meters().require(meter(m)).key();
            assertThat(store.readRaw(meter(m), T0, T0 + 10_000)).as("meter %d", m).isEqualTo(byKey.get(key));
        }
        assertThat(new String(store.metadata().get("store/format"))).isEqualTo(ReadingStore.FORMAT);
    }

    /** A pending record in the layout format 6 wrote (PendingLog's first layout). */
    private static byte[] firstLayoutRecord(long baseMs, Map<Long, List<Reading>> byKey) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        varint(out, zigzag(baseMs));
        varint(out, byKey.size());
        byKey.forEach((key, readings) -> {
            boolean energy = readings.stream().anyMatch(Reading::hasEnergy);
            varint(out, key);
            varint(out, readings.size());
            out.write(energy ? 1 : 0);
            for (Reading r : readings) {
                varint(out, zigzag(r.timestampMs() - baseMs));
                varint(out, zigzag(r.powerMilliwatts()));
                if (energy) {
                    varint(out, zigzag(r.energyMilliwattHours()));
                }
            }
        });
        return out.toByteArray();
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static void varint(java.io.ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    @Test
    void pendingReadingsAreReadableAtOnceAndSurviveAReopenBeforeTheirMove() {
        Path path = dir.resolve("store");
        ReadingStore store = open(path);
        Map<MeterRef, List<Reading>> second = new HashMap<>();
        for (int m = 0; m < METERS; m++) {
            second.put(meter(m), List.of(new Reading(T0 + 1_000, 100_000L * m, 5_000 + m)));
        }
        store.appendAll(second);
        second.replaceAll((ref, readings) -> List.of(new Reading(T0 + 2_000, 7, 6_000)));
        store.appendAll(second);
        MeterRef one = meter(3);
        assertThat(store.latest(one)).isEqualTo(new Reading(T0 + 2_000, 7, 6_000));
        assertThat(store.readRaw(one, T0, T0 + 10_000)).hasSize(2);
        assertThat(store.appendAll(second).get(one).duplicates()).isEqualTo(1);

        store = reopen(store, path);
        assertThat(store.readRaw(one, T0, T0 + 10_000))
                .containsExactly(new Reading(T0 + 1_000, 300_000, 5_003), new Reading(T0 + 2_000, 7, 6_000));
        assertThat(store.rollups(one, RollupLevel.MINUTE, 0, Long.MAX_VALUE).get(0).samples()).isEqualTo(2);
    }

    @Test
    void concurrentGatewaysMovesAndSealingNeverHideOrLoseAReading() throws Exception {
        Path path = dir.resolve("concurrent");
        ReadingStore store = open(path);
        int gateways = 2;
        int perGateway = METERS / gateways;
        int seconds = 1_500;
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int g = 0; g < gateways; g++) {
            int firstMeter = g * perGateway;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    Map<MeterRef, List<Reading>> heldBack = new HashMap<>();
                    for (int second = 0; second < seconds; second++) {
                        Map<MeterRef, List<Reading>> batch = new HashMap<>();
                        long ts = T0 + second * 1_000L;
                        for (int m = firstMeter; m < firstMeter + perGateway; m++) {
                            Reading r = new Reading(ts, 1_000L * m + second, 10L * second);
                            (second % 10 == 5 ? heldBack : batch).computeIfAbsent(meter(m), k -> new ArrayList<>()).add(r);
                        }
                        if (!batch.isEmpty()) {
                            store.appendAll(batch);
                            for (int m = firstMeter; m < firstMeter + perGateway; m++) { // acknowledged ⇒ visible
                                assertThat(store.latest(meter(m))).isEqualTo(batch.get(meter(m)).get(0));
                            }
                        }
                        if (second % 50 == 49) { // late readings, into sealed hours when the clock says so
                            store.appendAll(heldBack);
                            for (var late : heldBack.entrySet()) {
                                Reading last = late.getValue().get(late.getValue().size() - 1);
                                assertThat(store.readRaw(late.getKey(), last.timestampMs(), last.timestampMs() + 1)).containsExactly(last);
                            }
                            heldBack.clear();
                        }
                    }
                    store.appendAll(heldBack);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        Thread mover = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; threads.stream().anyMatch(Thread::isAlive); i++) {
                    if (i % 3 == 0) {
                        clock.set(i % 2 == 0 ? T0 : T0 + 63 * 60_000L); // then the hour written so far is sealed
                        store.sealDueHours();
                    } else {
                        store.movePending();
                    }
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        for (Thread t : threads) {
            t.join();
        }
        mover.join();
        assertThat(failures).isEmpty();
        ReadingStore restarted = reopen(store, path); // what memory held must be on disk too
        for (int m = 0; m < gateways * perGateway; m++) {
            assertThat(restarted.readRaw(meter(m), 0, Long.MAX_VALUE)).as("meter %d", m).hasSize(seconds);
            assertThat(restarted.rollups(meter(m), RollupLevel.MINUTE, 0, Long.MAX_VALUE).stream()
                    .mapToLong(r -> r.samples()).sum()).isEqualTo(seconds);
        }
    }

    private static void assertSame(ReadingStore actual, ReadingStore expected, long seed) {
        for (int m = 0; m < METERS; m++) {
            assertThat(actual.readRaw(meter(m), 0, Long.MAX_VALUE)).as("meter %d, seed %d", m, seed)
                    .isEqualTo(expected.readRaw(meter(m), 0, Long.MAX_VALUE));
            for (RollupLevel level : RollupLevel.values()) {
                assertThat(actual.rollups(meter(m), level, 0, Long.MAX_VALUE)).as("meter %d %s, seed %d", m, level, seed)
                        .isEqualTo(expected.rollups(meter(m), level, 0, Long.MAX_VALUE));
            }
            assertThat(actual.latest(meter(m))).isEqualTo(expected.latest(meter(m)));
        }
    }
}
