package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornWalTailTest {
    private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final MeterRef METER = MeterRef.of("default", "home-1");
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0 + 60_000), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void tornWalTailOpensAtLastCompleteRecordAndIsReported() throws IOException {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), CLOCK)) {
            store.meters().ensure(METER);
            for (int batch = 0; batch < 10; batch++) {
                store.append(METER, minute(T0 + batch * 60_000L));
            }
        }
        cutNewestWal(5);
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), CLOCK)) {
            assertThat(store.readRaw(METER, T0, T0 + 600_000)).hasSize(9 * 60)
                    .containsExactlyElementsOf(minutes(T0, 9));
            assertThat(store.recoveryWarnings()).isNotEmpty();
            assertThat(store.append(METER, minute(T0 + 9 * 60_000L)).accepted()).isEqualTo(60);
        }
    }

    @Test
    void cleanRestartReportsNoRecoveryWarnings() {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), CLOCK)) {
            store.meters().ensure(METER);
            store.append(METER, minute(T0));
        }
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(dir), CLOCK)) {
            assertThat(store.recoveryWarnings()).isEmpty();
            assertThat(store.readRaw(METER, T0, T0 + 60_000)).hasSize(60);
        }
    }

    private static List<Reading> minute(long startMs) {
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            out.add(Reading.ofPower(startMs + i * 1000L, 1000L * (i + 1)));
        }
        return out;
    }

    private static List<Reading> minutes(long startMs, int count) {
        List<Reading> out = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            out.addAll(minute(startMs + m * 60_000L));
        }
        return out;
    }

    private void cutNewestWal(int bytes) throws IOException {
        Path newest;
        try (Stream<Path> files = Files.list(dir)) {
            newest = files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .max(Comparator.comparing(p -> p.getFileName().toString())).orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.setLength(f.length() - bytes);
        }
    }
}
