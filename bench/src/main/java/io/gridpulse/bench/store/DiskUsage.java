package io.gridpulse.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Bytes of data files under a folder (RocksDB info logs {@code LOG*} and {@code OPTIONS*} excluded). */
final class DiskUsage {
    private DiskUsage() {}

    static long bytes(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(DiskUsage::isData).mapToLong(DiskUsage::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isData(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith("LOG") && !name.startsWith("OPTIONS");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // removed while walking (compaction)
        }
    }
}
