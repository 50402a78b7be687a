package io.gridpulse.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options set through RocksDB's options-string parser are silently dropped when misspelt: check what RocksDB wrote. */
class RocksDatabaseOptionsTest {
    @TempDir
    Path dir;

    @Test
    void meterKeyedColumnFamiliesGetInsertHintsAndOneThreadInsertsEachWriteGroup() throws IOException {
        String options = optionsAfterOpening(64L << 20);
        assertThat(options).contains("allow_concurrent_memtable_write=false");
        for (String cf : new String[] {"head", "chunks", "rollups", "days", "hourRollups"}) {
            assertThat(section(options, cf)).as(cf).contains("memtable_insert_with_hint_prefix_extractor=rocksdb.FixedPrefix.8");
        }
        assertThat(section(options, "pending")).contains("memtable_insert_with_hint_prefix_extractor=nullptr");
    }

    /** RocksDB drops WAL recycling under some recovery modes without an error. */
    @Test
    void walFilesAreRecycledUnderTheCapWithPointInTimeRecovery() throws IOException {
        String options = optionsAfterOpening(5L << 20);
        assertThat(options).contains("recycle_log_file_num=1").contains("max_total_wal_size=5242880")
                .contains("wal_recovery_mode=kPointInTimeRecovery");
    }

    private String optionsAfterOpening(long maxWalBytes) throws IOException {
        new RocksDatabase(dir, maxWalBytes).close();
        try (Stream<Path> files = Files.list(dir)) {
            Path newest = files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")).sorted().reduce((a, b) -> b).orElseThrow();
            return Files.readString(newest);
        }
    }

    private static String section(String options, String columnFamily) {
        int start = options.indexOf("[CFOptions \"" + columnFamily + "\"]");
        int end = options.indexOf("[", start + 1);
        return options.substring(start, end < 0 ? options.length() : end);
    }
}
