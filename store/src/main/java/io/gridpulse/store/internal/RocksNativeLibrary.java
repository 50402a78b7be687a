package io.gridpulse.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rocksdb.RocksDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library, then removes the copy RocksJava extracted from its jar into the
 * temp folder. RocksJava deletes that copy (≈ 15 MB) only when the JVM exits normally; every
 * process killed with SIGKILL (the crash tests and {@code bench crash} do it on purpose, the OOM
 * killer does it too) left one behind, and a machine's temp folder filled up with them. Once the
 * library is mapped, the file is not needed: on Linux, unlinking it leaves the mapping intact.
 */
public final class RocksNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(RocksNativeLibrary.class);
    private static final Path MAPS = Path.of("/proc/self/maps");

    private RocksNativeLibrary() {}

    public static void load() {
        RocksDB.loadLibrary();
        if (Files.isReadable(MAPS)) {
            try {
                removeExtractedCopies(Files.readAllLines(MAPS), Path.of(System.getProperty("java.io.tmpdir")));
            } catch (IOException | RuntimeException e) {
                LOG.debug("cannot remove the extracted RocksDB library: {}", e.getMessage()); // RocksJava deletes it at exit
            }
        }
    }

    /** Deletes the library files this process mapped from {@code tempDir} (lines of /proc/self/maps). */
    static void removeExtractedCopies(List<String> mapsLines, Path tempDir) throws IOException {
        Path temp = tempDir.toAbsolutePath().normalize();
        for (String line : mapsLines) {
            int slash = line.indexOf('/');
            if (slash < 0 || !line.contains("librocksdbjni")) {
                continue;
            }
            Path mapped = Path.of(line.substring(slash).replace(" (deleted)", ""));
            if (temp.equals(mapped.getParent()) && mapped.getFileName().toString().startsWith("librocksdbjni")) {
                Files.deleteIfExists(mapped);
            }
        }
    }
}
