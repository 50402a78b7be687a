package io.gridpulse.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads RocksDB's info log right after open: lines where WAL replay met corruption (a torn or
 * truncated tail) are logged as warnings and kept, so the store reports rather than hides that
 * recovery stopped early.
 */
final class RecoveryLog {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryLog.class);
    private static final List<String> MARKERS = List.of("corruption", "truncated", "point in time recovered",
            "dropping", "bad record");
    /** RocksDB's words for what follows the last record written to a recycled WAL file: not damage. */
    private static final String RECYCLED_TAIL = "; possibly recycled";

    private RecoveryLog() {}

    static List<String> warnings(Path dataDir) {
        Path info = dataDir.resolve("LOG");
        if (!Files.isRegularFile(info)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(info, StandardCharsets.ISO_8859_1)) {
            List<String> found = lines.filter(RecoveryLog::marksDamage).map(String::strip).toList();
            found.forEach(line -> LOG.warn("store at {} recovered past WAL damage: {}", dataDir, line));
            return found;
        } catch (IOException e) {
            LOG.warn("cannot read RocksDB info log {}: {}", info, e.getMessage());
            return List.of();
        }
    }

    private static boolean marksDamage(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.strip().endsWith(RECYCLED_TAIL)) { // a reused WAL file's older records past the new end
            return false;
        }
        return lower.contains("wal") || lower.contains(".log") ? MARKERS.stream().anyMatch(lower::contains) : false;
    }
}
