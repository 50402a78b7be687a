package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridpulse backup} on a stopped server's folder; a running server's folder is refused with what to do. */
class BackupCommandTest {
    private static final MeterRef METER = MeterRef.of("default", "home-1");

    @TempDir
    Path dir;

    @Test
    void backsUpAStoppedFolderBesideItAndPointsARunningServerToTheApi() throws Exception {
        Path data = dir.resolve("home");
        List<Reading> day = new ArrayList<>();
        long start = System.currentTimeMillis() / 1000 * 1000 - 86_400_000L;
        for (int s = 0; s < 86_400; s += 10) {
            day.add(Reading.ofPower(start + s * 1000L, 100_000 + s % 7_000));
        }
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(data), Clock.systemUTC())) {
            store.meters().ensure(METER);
            store.append(METER, day);
        }
        Files.writeString(data.resolve("admin-api-key"), "the-admin-key-of-this-home\n");

        CapturedRun run = CapturedRun.of("backup", "--data", data.toString());
        assertThat(run.code()).as(run.err()).isZero();
        Path folder = dir.resolve("home-backups");
        assertThat(run.out()).contains("backup " + folder.toAbsolutePath(), "1 kept in " + folder.toAbsolutePath());
        Path backup;
        try (Stream<Path> made = Files.list(folder)) {
            backup = made.findFirst().orElseThrow();
        }
        try (ReadingStore copy = ReadingStore.open(StorageConfig.defaults(backup), Clock.systemUTC())) {
            assertThat(copy.readRaw(METER, 0, Long.MAX_VALUE)).isEqualTo(day);
        }
        assertThat(backup.resolve("admin-api-key")).hasContent("the-admin-key-of-this-home");

        try (ReadingStore serving = ReadingStore.open(StorageConfig.defaults(data), Clock.systemUTC())) {
            CapturedRun refused = CapturedRun.of("backup", "--data", data.toString());
            assertThat(refused.code()).isNotZero();
            assertThat(refused.err()).contains("is 'gridpulse serve' using it?", "POST /api/v1/backups");
        }
        CapturedRun inside = CapturedRun.of("backup", "--data", data.toString(), "--to", data.resolve("b").toString());
        assertThat(inside.err()).contains("must be outside the data folder");
    }

    @Test
    void backupIntervalsAreMinutesHoursOrDays() {
        assertThat(NodeOptions.intervalMs("--backup-every", "0")).isZero();
        assertThat(NodeOptions.intervalMs("--backup-every", "30m")).isEqualTo(1_800_000L);
        assertThat(NodeOptions.intervalMs("--backup-every", "6h")).isEqualTo(21_600_000L);
        assertThat(NodeOptions.intervalMs("--backup-every", "1D")).isEqualTo(86_400_000L);
        for (String wrong : new String[] {"", "h", "24", "-1h", "1.5h", "1w", "400d"}) {
            assertThatThrownBy(() -> NodeOptions.intervalMs("--backup-every", wrong)).as(wrong)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("30m, 6h or 1d");
        }
    }
}
