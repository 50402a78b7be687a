package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.SharedData;
import io.gridpulse.core.TenantId;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gridpulse import} end to end: files in, storage folder read back. */
class ImportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new GridPulseCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path data() {
        return dir.resolve("store");
    }

    private List<Reading> stored(String meter) {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(data()), Clock.systemUTC())) {
            return store.readRaw(MeterRef.of("default", meter), 0, Long.MAX_VALUE);
        }
    }

    private List<String> meters() {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(data()), Clock.systemUTC())) {
            return store.meters().list(TenantId.DEFAULT).stream().map(m -> m.ref().meter().value()).sorted().toList();
        }
    }

    private Path reddHouse() throws IOException {
        Path house = Files.createDirectories(dir.resolve("house_1"));
        Files.writeString(house.resolve("labels.dat"), "1 mains\n3 lighting\n4 lighting\n5 refrigerator\n");
        Files.writeString(house.resolve("channel_3.dat"), "1303100647 4.00\n1303100651 5.50\n");
        Files.writeString(house.resolve("channel_4.dat"), "1303100647 10.00\n");
        Files.writeString(house.resolve("channel_5.dat"), "1303100647 120.25\n1303100650 118.00\n1303100653 0.00\n");
        return house;
    }

    @Test
    void reddFileImportsEveryRowInMilliwatts() throws IOException {
        Path house = reddHouse();

        int code = run("import", "redd", house.resolve("channel_3.dat").toString(), "--meter", "kitchen", "--data", data().toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(stored("kitchen")).containsExactly(
                Reading.ofPower(1_303_100_647_000L, 4_000), Reading.ofPower(1_303_100_651_000L, 5_500));
        assertThat(out.toString()).contains("2 rows read, 2 stored, 0 duplicates, 0 rejected");
    }

    @Test
    void reddFolderBecomesOneMeterPerChannel() throws IOException {
        int code = run("import", "redd", reddHouse().toString(), "--meter", "h1", "--data", data().toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(meters()).containsExactly("h1-channel_3", "h1-channel_4", "h1-channel_5");
        assertThat(stored("h1-channel_5")).hasSize(3);
    }

    @Test
    void reddFolderByLabelNamesMetersAfterLabelsAndSplitsRepeatedLabels() throws IOException {
        int code = run("import", "redd", reddHouse().toString(), "--meter", "h1", "--by-label", "--data", data().toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(meters()).containsExactly("h1-lighting_3", "h1-lighting_4", "h1-refrigerator");
    }

    @Test
    void reimportStoresNothingNewAndReportsDuplicates() throws IOException {
        Path house = reddHouse();
        run("import", "ukdale", house.toString(), "--meter", "h1", "--data", data().toString());
        out.getBuffer().setLength(0);

        int code = run("import", "ukdale", house.toString(), "--meter", "h1", "--data", data().toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("6 rows read, 0 stored, 6 duplicates, 0 rejected");
        assertThat(stored("h1-channel_5")).hasSize(3);
    }

    @Test
    void badRowsAreRejectedWithReasonAndLineWhileGoodRowsAreStored() throws IOException {
        Path file = Files.writeString(dir.resolve("meter.csv"), "ts,powerW\n1700000000000,100\n1700000001000,abc\n1700000002000,NaN\n1700000003000,300\n");

        int code = run("import", "csv", file.toString(), "--meter", "m", "--data", data().toString());

        assertThat(code).isZero();
        assertThat(stored("m")).hasSize(2);
        assertThat(out.toString()).contains("2 stored").contains("2 rejected").contains("meter.csv:3");
    }

    @Test
    void smallBatchesStoreTheSameAsOneBatch() throws IOException {
        Path house = reddHouse();

        run("import", "redd", house.resolve("channel_5.dat").toString(), "--meter", "m", "--batch", "1", "--data", data().toString());

        assertThat(stored("m")).hasSize(3);
    }

    @Test
    void missingPathFailsWithMessage() {
        int code = run("import", "redd", dir.resolve("nope").toString(), "--meter", "m", "--data", data().toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no such file or folder");
    }

    @Test
    void unknownFormatFailsWithMessage() throws IOException {
        int code = run("import", "parquet", reddHouse().toString(), "--meter", "m", "--data", data().toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("unknown format");
    }

    @Test
    void sharedReddChannelImportsAllRowsAndReimportIsAllDuplicates() {
        Optional<Path> channel = SharedData.resolve("redd-house5/channel_3.dat");
        assumeTrue(channel.isPresent(), "../shared/data/redd-house5 absent: skipping real-data import test");

        run("import", "redd", channel.get().toString(), "--meter", "redd5", "--data", data().toString());
        int stored = stored("redd5").size();
        out.getBuffer().setLength(0);
        run("import", "redd", channel.get().toString(), "--meter", "redd5", "--data", data().toString());

        assertThat(stored).isGreaterThan(50_000);
        assertThat(out.toString()).contains(" 0 stored");
    }
}
