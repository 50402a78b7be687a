package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.SharedData;
import io.gridpulse.ingest.BatchParser;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.RollupLevel;
import io.gridpulse.store.StorageConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridpulse export} on a real household imported with {@code gridpulse import}: the CSV holds what the store holds. */
class ExportCommandTest {
    @TempDir
    Path dir;

    private Path gjw;

    @BeforeEach
    void importRealData() {
        gjw = SharedData.resolve("gjw-uk-home/active-power-2015-06-10.csv").orElse(null);
        assumeTrue(gjw != null, "../shared/data/gjw-uk-home absent: skipping the export of real data");
        CapturedRun imported = CapturedRun.of("import", "gjw", gjw.toString(), "--meter", "gjw", "--data", data().toString());
        assertThat(imported.code()).as(imported.err()).isZero();
    }

    @Test
    void rawExportHoldsEveryStoredReadingAndParsesBackAsReadings() throws Exception {
        Path csv = dir.resolve("gjw.csv");
        CapturedRun export = CapturedRun.of("export", "--meter", "gjw", "--data", data().toString(), "--out", csv.toString());
        assertThat(export.code()).as(export.err()).isZero();
        List<Reading> stored = stored(store -> store.readRaw(MeterRef.of("default", "gjw"), 0, Long.MAX_VALUE));
        // what POST /readings with text/csv parses
        List<Reading> exported = new BatchParser(Clock.systemUTC(), IngestLimits.DEFAULTS).parseCsv(Files.readString(csv));
        assertThat(exported).hasSize(94_178).isEqualTo(stored);
        assertThat(export.err()).contains("exported 94,178 rows of default/gjw (raw) to " + csv);

        // imported back as another meter and exported again: the same file
        assertThat(CapturedRun.of("import", "csv", csv.toString(), "--meter", "again", "--data", data().toString()).code()).isZero();
        Path again = dir.resolve("again.csv");
        assertThat(CapturedRun.of("export", "--meter", "again", "--data", data().toString(), "--out", again.toString()).code()).isZero();
        assertThat(Files.mismatch(csv, again)).isEqualTo(-1L);
    }

    @Test
    void hourlyExportOfOneLocalDayToStandardOutput() {
        CapturedRun export = CapturedRun.of("export", "--meter", "gjw", "--data", data().toString(), "--step", "1h",
                "--from", "2015-06-01", "--to", "2015-06-02");
        assertThat(export.code()).as(export.err()).isZero();
        List<String> lines = export.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("ts,avgW,minW,maxW,energyWh,samples");
        // the meter's zone (Seoul, the default): the local day is 2015-05-31T15:00Z .. 2015-06-01T15:00Z
        long from = OffsetDateTime.parse("2015-06-01T00:00:00+09:00").toInstant().toEpochMilli();
        List<Rollup> hours = stored(store -> store.rollups(MeterRef.of("default", "gjw"), RollupLevel.HOUR, from, from + 86_400_000L));
        assertThat(lines).hasSize(1 + hours.size());
        assertThat(hours).hasSize(24);
        for (int i = 0; i < hours.size(); i++) {
            String[] cells = lines.get(i + 1).split(",", -1);
            assertThat(OffsetDateTime.parse(cells[0]).toInstant().toEpochMilli()).isEqualTo(hours.get(i).bucketStartMs());
            assertThat(new BigDecimal(cells[4]).movePointRight(9).longValueExact()).isCloseTo(hours.get(i).energyNanowattHours(),
                    org.assertj.core.api.Assertions.within(500_000L)); // rounded to the mWh
            assertThat(Long.parseLong(cells[5])).isEqualTo(hours.get(i).samples());
        }
    }

    @Test
    void unknownMeterAndMissingFolderAreClearErrors() {
        CapturedRun nobody = CapturedRun.of("export", "--meter", "nobody", "--data", data().toString());
        assertThat(nobody.code()).isEqualTo(1);
        assertThat(nobody.err()).contains("export failed: no meter 'nobody' in tenant 'default'");
        CapturedRun nowhere = CapturedRun.of("export", "--meter", "gjw", "--data", dir.resolve("nowhere").toString());
        assertThat(nowhere.code()).isEqualTo(1);
        assertThat(nowhere.err()).contains("no storage folder");
    }

    private Path data() {
        return dir.resolve("store");
    }

    private <T> T stored(java.util.function.Function<ReadingStore, T> read) {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(data()), Clock.systemUTC())) {
            return read.apply(store);
        }
    }
}
