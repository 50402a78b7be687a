package io.gridpulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.store.internal.WalFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /**
     * A long-running store writes new WAL records over old WAL files. After a crash, a reused
     * file holds the previous log's records past the new ones (a clean stop cuts them off): they
     * are not damage.
     */
    @Test
    void olderLogRecordsAfterTheEndOfARecycledWalAreNotReported() throws IOException {
        StorageConfig config = StorageConfig.defaults(dir).withMaxWalBytes(32 * 1024);
        int minutes = writeUntilAWalFileIsRecycled(config);
        appendAnOlderLogsRecord(newestWal());
        try (ReadingStore store = ReadingStore.open(config, CLOCK)) {
            assertThat(store.recoveryWarnings()).isEmpty();
            assertThat(store.readRaw(METER, T0, T0 + minutes * 60_000L)).containsExactlyElementsOf(minutes(T0, minutes));
        }
    }

    @Test
    void tornLastRecordOfARecycledWalIsReportedAndOnlyThatWriteIsLost() throws IOException {
        StorageConfig config = StorageConfig.defaults(dir).withMaxWalBytes(32 * 1024);
        int minutes = writeUntilAWalFileIsRecycled(config);
        Path newest = newestWal();
        WalFile.Tail tail = WalFile.tail(newest);
        try (RandomAccessFile f = new RandomAccessFile(newest.toFile(), "rw")) {
            f.seek(tail.end() - 5);
            f.write(new byte[5]); // the last write reached the disk without its last bytes
        }
        appendAnOlderLogsRecord(newest);
        try (ReadingStore store = ReadingStore.open(config, CLOCK)) {
            assertThat(store.recoveryWarnings()).isNotEmpty();
            assertThat(store.readRaw(METER, T0, T0 + minutes * 60_000L))
                    .containsExactlyElementsOf(minutes(T0, minutes - 1));
        }
    }

    /** A WAL file freed by a flush stays on disk for reuse: a fixed reserve, counted apart from data. */
    @Test
    void aWalFileFreedByAFlushIsKeptForReuseAndCountedApart() throws IOException {
        StorageConfig config = StorageConfig.defaults(dir).withMaxWalBytes(32 * 1024);
        try (ReadingStore store = ReadingStore.open(config, CLOCK)) {
            store.meters().ensure(METER);
            for (int minute = 0; minute < 40; minute++) {
                store.append(METER, minute(T0 + minute * 60_000L));
            }
            assertThat(store.recycledWalBytes()).isZero();
            long walBytesBefore = walBytes();
            store.compact(); // flushes every column family: the WAL written so far is no longer needed
            assertThat(store.recycledWalBytes()).isPositive().isLessThanOrEqualTo(walBytesBefore);
            assertThat(store.readRaw(METER, T0, T0 + 40 * 60_000L)).containsExactlyElementsOf(minutes(T0, 40));
        }
    }

    private long walBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long bytes = 0;
            for (Path p : files.filter(WalFile::isWal).toList()) {
                bytes += Files.size(p);
            }
            return bytes;
        }
    }

    /** Appends minute batches until a WAL file is written over; returns the minutes written (store closed). */
    private int writeUntilAWalFileIsRecycled(StorageConfig config) throws IOException {
        int minutes = 0;
        try (ReadingStore store = ReadingStore.open(config, CLOCK)) {
            store.meters().ensure(METER);
            while (minutes % 50 != 0 || minutes == 0 || !newestWalIsRecycled()) {
                assertThat(minutes).as("minutes written without a recycled WAL file").isLessThan(20_000);
                store.append(METER, minute(T0 + minutes++ * 60_000L));
            }
        }
        return minutes;
    }

    /** A recyclable full record (type 5) of the previous log number, as a reused file holds. */
    private static void appendAnOlderLogsRecord(Path wal) throws IOException {
        int olderLog = (int) WalFile.logNumber(wal) - 1;
        ByteBuffer record = ByteBuffer.allocate(11 + 16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(0).putShort((short) 16).put((byte) 5).putInt(olderLog); // RocksDB checks the log number before the CRC
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            f.seek(f.length());
            f.write(record.array());
        }
    }

    private boolean newestWalIsRecycled() throws IOException {
        Path newest = newestWal();
        return Files.size(newest) > WalFile.tail(newest).end();
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

    private Path newestWal() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(WalFile::isWal).max(Comparator.comparingLong(WalFile::logNumber)).orElseThrow();
        }
    }

    private void cutNewestWal(int bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(newestWal().toFile(), "rw")) {
            f.setLength(f.length() - bytes);
        }
    }
}
