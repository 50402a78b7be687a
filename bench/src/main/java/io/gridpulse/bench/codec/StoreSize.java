package io.gridpulse.bench.codec;

import io.gridpulse.bench.DataClock;
import io.gridpulse.bench.Folders;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the store keeps on disk for one meter's series, against what the codec alone needs: the
 * readings (compacted days), every rollup (hourly rows, past days' minutes folded, the last day's
 * rows) and RocksDB's own keys and indexes, i.e. its table files once fully compacted. The WAL,
 * manifest and logs are left out: they do not grow with the data.
 */
final class StoreSize {
    private static final long HOUR_MS = 3_600_000L;
    private static final MeterRef METER = MeterRef.of("default", "meter");

    private StoreSize() {}

    /** Table-file bytes of a fresh store given the series in hour batches, sealed and compacted as days pass. */
    static long tableBytes(Series series) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("gridpulse-store-size-");
            DataClock clock = new DataClock(series.timestampsMs()[0], 1_000L);
            try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), clock)) {
                store.meters().ensure(METER);
                long nextPass = series.timestampsMs()[0] + 6 * HOUR_MS;
                List<Reading> batch = new ArrayList<>();
                for (int i = 0; i < series.count(); i++) {
                    long ts = series.timestampsMs()[i];
                    if (!batch.isEmpty() && ts / HOUR_MS != batch.get(0).timestampMs() / HOUR_MS) {
                        append(store, clock, batch);
                        if (ts >= nextPass) { // the server seals every 30 s; every 6 h of data keeps this quick
                            store.sealDueHours();
                            nextPass = ts + 6 * HOUR_MS;
                        }
                    }
                    batch.add(Reading.ofPower(ts, series.powerMilliwatts()[i]));
                }
                append(store, clock, batch);
                clock.jumpTo(series.timestampsMs()[series.count() - 1] + 7 * 24 * HOUR_MS);
                store.sealAllDue();
                store.compact();
            }
            return tableFileBytes(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                Folders.deleteTree(dir);
            }
        }
    }

    private static void append(ReadingStore store, DataClock clock, List<Reading> batch) {
        if (!batch.isEmpty()) {
            clock.saw(batch.get(batch.size() - 1).timestampMs());
            store.append(METER, List.copyOf(batch));
            batch.clear();
        }
    }

    private static long tableFileBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long sum = 0;
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".sst")).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }
}
