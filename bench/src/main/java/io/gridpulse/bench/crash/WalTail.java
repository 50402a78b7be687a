package io.gridpulse.bench.crash;

import io.gridpulse.store.internal.WalFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Simulates a torn write: damages the last bytes written to the store's newest RocksDB WAL file.
 * A file written from its start is cut short; a recycled one (a previous log's records after the
 * new ones) gets those bytes zeroed, as a write that did not reach the disk whole.
 */
final class WalTail {
    private WalTail() {}

    /**
     * Damages up to {@code bytes} of the newest {@code *.log}'s last record; returns false when it
     * holds no record.
     */
    static boolean tear(Path dataDir, int bytes) {
        Optional<Path> newest = newestLog(dataDir);
        try {
            WalFile.Tail tail = newest.isEmpty() ? null : WalFile.tail(newest.get());
            if (tail == null || tail.end() == 0) {
                return false;
            }
            long from = Math.max(tail.lastRecordStart(), tail.end() - bytes);
            try (RandomAccessFile f = new RandomAccessFile(newest.get().toFile(), "rw")) {
                if (f.length() == tail.end()) {
                    f.setLength(from);
                } else {
                    f.seek(from);
                    f.write(new byte[(int) (tail.end() - from)]);
                }
                f.getFD().sync();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> newestLog(Path dataDir) {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(WalFile::isWal).max(Comparator.comparingLong(WalFile::logNumber));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
