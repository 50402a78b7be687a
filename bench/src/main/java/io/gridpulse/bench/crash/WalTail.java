package io.gridpulse.bench.crash;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Simulates a torn write: cuts bytes off the end of the store's newest RocksDB WAL file. */
final class WalTail {
    private WalTail() {}

    /** Truncates the newest {@code *.log} by {@code bytes}; returns false when it is too short. */
    static boolean truncate(Path dataDir, int bytes) {
        Optional<Path> newest = newestLog(dataDir);
        try {
            if (newest.isEmpty() || Files.size(newest.get()) <= bytes) {
                return false;
            }
            try (RandomAccessFile f = new RandomAccessFile(newest.get().toFile(), "rw")) {
                f.setLength(f.length() - bytes);
                f.getFD().sync();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> newestLog(Path dataDir) {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d+\\.log"))
                    .max(Comparator.comparingLong(WalTail::number));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(Path log) {
        String name = log.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }
}
