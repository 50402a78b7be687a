package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.bench.codec.XzBound;
import io.gridpulse.core.SharedData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCompressionCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine cli = new CommandLine(new GridPulseCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void compressionOfACsvFilePrintsLosslessJson() throws Exception {
        Path csv = dir.resolve("meter.csv");
        StringBuilder rows = new StringBuilder("ts,powerW\n");
        for (int i = 0; i < 5000; i++) {
            rows.append(1_700_000_000_000L + i * 1000L).append(',').append(i % 300 < 150 ? 120 : 2100).append('\n');
        }
        Files.writeString(csv, rows);

        int code = execute("bench", "compression", "--input", csv.toString(), "--format", "csv", "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().trim()).startsWith("{\"readings\":5000,\"bytes\":")
                .contains("\"gorillaBytesPerReading\":").endsWith("\"lossless\":true}");
        assertThat(err.toString()).contains("[1/1] meter.csv");
    }

    @Test
    void theXzBoundIsMeasuredOnRequest() throws Exception {
        assumeTrue(XzBound.available(), "skipped: no xz command on this machine");
        Path csv = dir.resolve("meter.csv");
        StringBuilder rows = new StringBuilder("ts,powerW\n");
        for (int i = 0; i < 5000; i++) {
            rows.append(1_700_000_000_000L + i * 1000L).append(',').append(i % 300 < 150 ? 120 : 2100).append('\n');
        }
        Files.writeString(csv, rows);

        int code = execute("bench", "compression", "--input", csv.toString(), "--format", "csv", "--xz-bound", "--json");

        assertThat(code).as(err.toString()).isZero();
        String json = out.toString().trim();
        assertThat(json).contains("\"xzBytesPerReading\":").endsWith("\"lossless\":true}");
        // a square wave of 5,000 readings: xz's stream costs something, far less than a byte per reading
        double xz = Double.parseDouble(json.replaceAll(".*\"xzBytesPerReading\":([0-9.]+).*", "$1"));
        assertThat(xz).isGreaterThan(0).isLessThan(0.2);
        assertThat(err.toString()).contains("integer deltas + xz -9");
    }

    /**
     * DESIGN.md § 9: ≤ 0.8 B per reading on disk. A real household at 1 Hz (25 days of GJW filled to
     * 1 Hz) in a store: readings, every rollup and RocksDB's keys. With its minutes as 48-byte rows
     * that was 0.55 B per reading; folded into one value per past day, 0.15 (docs/benchmarks.md § 2).
     */
    @Test
    void theStoreKeepsARealOneHertzHouseholdUnderTheDesignBar() throws Exception {
        Optional<Path> gjw = SharedData.resolve("gjw-uk-home/active-power-2015-06-10.csv");
        assumeTrue(gjw.isPresent(), "skipped: shared data gjw-uk-home not found (see SharedData)");
        int code = execute("bench", "compression", "--input", gjw.orElseThrow().toString(), "--format", "gjw", "--fill-1hz",
                "--store", "--json");

        assertThat(code).as(err.toString()).isZero();
        String json = out.toString().trim();
        double codec = Double.parseDouble(json.replaceAll(".*\"bytesPerReading\":([0-9.]+).*", "$1"));
        double store = Double.parseDouble(json.replaceAll(".*\"storeBytesPerReading\":([0-9.]+).*", "$1"));
        long readings = Long.parseLong(json.replaceAll(".*\"readings\":([0-9]+).*", "$1"));
        assertThat(readings).as("readings at 1 Hz").isGreaterThan(2_000_000);
        assertThat(store).as("store B/reading (codec alone: %s)", codec).isGreaterThan(codec).isLessThan(0.25);
        assertThat(err.toString()).contains("in the store with its rollups");
    }

    @Test
    void hourChunksAreCodedAsTheStoreSealsThemAndCounted() throws Exception {
        Path csv = dir.resolve("steps.csv");
        StringBuilder rows = new StringBuilder("ts,powerW\n");
        for (int i = 0; i < 400; i++) { // change-only: a new value at irregular times, three hours
            rows.append(1_700_000_000_000L + i * 27_000L + (i % 7) * 1000L).append(',').append(100 + (i * 37) % 900).append('\n');
        }
        Files.writeString(csv, rows);

        int code = execute("bench", "compression", "--input", csv.toString(), "--chunk-hours", "1", "--json");

        assertThat(code).as(err.toString()).isZero();
        String json = out.toString().trim();
        long chunks = Long.parseLong(json.replaceAll(".*\"chunks\":(\\d+).*", "$1"));
        assertThat(chunks).isGreaterThanOrEqualTo(3);
        assertThat(json).contains("\"packedChunks\":0,\"blockChunks\":" + chunks + ",").endsWith("\"lossless\":true}");
    }

    @Test
    void fillingToOneHertzAddsTheMissingSeconds() throws Exception {
        Path csv = dir.resolve("sparse.csv");
        Files.writeString(csv, "ts,powerW\n0,5\n10000,7\n");

        int code = execute("bench", "compression", "--input", csv.toString(), "--fill-1hz", "--json");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("{\"readings\":11,");
    }

    @Test
    void splitDaysReportsEachSpanStartingOnAMondayWithTheSameTotals() throws Exception {
        Path csv = dir.resolve("fortnight.csv");
        StringBuilder rows = new StringBuilder("ts,powerW\n");
        long sunday = 1_700_352_000_000L; // 2023-11-19T00:00Z, a Sunday
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < 100; i++) {
                rows.append(sunday + day * 86_400_000L + i * 60_000L).append(',').append(100 + i % 7).append('\n');
            }
        }
        Files.writeString(csv, rows);

        assertThat(execute("bench", "compression", "--input", csv.toString(), "--format", "csv", "--json")).isZero();
        String whole = out.toString();
        out.getBuffer().setLength(0);
        int code = execute("bench", "compression", "--input", csv.toString(), "--format", "csv", "--split-days", "7", "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(whole);
        assertThat(err.toString()).contains("fortnight.csv 7 days from 2023-11-13: readings 100 in 1 chunks")
                .contains("fortnight.csv 7 days from 2023-11-20: readings 200 in 2 chunks");
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "ts,powerW\n0,5\n");

        assertThat(execute("bench", "compression", "--input", csv.toString(), "--format", "parquet")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown format");
    }

    @Test
    void publishedDumpsAreReadByWhatTheirLinesLookLikeWithoutAFormat() throws Exception {
        Path gjw = dir.resolve("4-POWER_REAL_FINE  2016-08-04 Dump.csv"); // the GJW repository's own name
        Files.writeString(gjw, "2016-07-13 19:22:51,476\n2016-07-13 19:22:52,454\n2016-07-13 19:22:55,1454\n");
        Path tracebase = dir.resolve("dev_599393_2012.01.09.csv");
        Files.writeString(tracebase, "09/01/2012 00:00:01;60;60\n09/01/2012 00:00:02;61;60\n");

        int code = execute("bench", "compression", "--input", gjw.toString(), "--input", tracebase.toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("{\"readings\":5,");
    }

    @Test
    void aFileNoLineOfWhichReadsIsAUsageErrorNamingTheFormat() throws Exception {
        Path gjw = dir.resolve("dump.txt");
        Files.writeString(gjw, "2016-07-13 19:22:51,476\n2016-07-13 19:22:52,454\n");

        int code = execute("bench", "compression", "--input", gjw.toString(), "--format", "redd", "--json");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("dump.txt: none of its 2 lines reads as redd (line 1:").contains("--format");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anEmptyFileIsAUsageErrorAloneAndSkippedAmongOthers() throws Exception {
        // REDD mains channels published as empty files (a repository without their large blobs)
        Path empty = Files.writeString(dir.resolve("channel_1.dat"), "");
        Path channel = Files.writeString(dir.resolve("channel_3.dat"), "1303132929 1.00\n1303132933 12.50\n");

        assertThat(execute("bench", "compression", "--input", empty.toString(), "--json")).isEqualTo(2);
        assertThat(err.toString()).contains("channel_1.dat: no readings (the file is empty, or a header alone)");
        assertThat(out.toString()).isEmpty();

        int code = execute("bench", "compression", "--input", empty.toString(), "--input", channel.toString(), "--json");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("[1/2] skipped: channel_1.dat: no readings");
        assertThat(out.toString()).startsWith("{\"readings\":2,");
    }

    @Test
    void aFolderIsAUsageErrorAskingForItsFiles() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("Refrigerator"));

        assertThat(execute("bench", "compression", "--input", folder.toString(), "--json")).isEqualTo(2);
        assertThat(err.toString()).contains("Refrigerator is a folder; give its files");
    }

    @Test
    void aGlobThatCatchesLabelsDatSkipsItAndMeasuresTheChannels() throws Exception {
        Path labels = Files.writeString(dir.resolve("labels.dat"), "1 mains\n2 mains\n3 microwave\n");
        Path channel = Files.writeString(dir.resolve("channel_3.dat"), "1303132929 1.00\n1303132933 12.50\n");

        int code = execute("bench", "compression", "--input", channel.toString(), "--input", labels.toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("[2/2] skipped: labels.dat: none of its 3 lines reads as redd");
        assertThat(out.toString()).startsWith("{\"readings\":2,");
    }

    @Test
    void skippedLinesAreCountedInTheProgress() throws Exception {
        Path redd = dir.resolve("channel_3.dat");
        Files.writeString(redd, "1303132929 1.00\nnot a reading\n1303132933 12.50\n");

        assertThat(execute("bench", "compression", "--input", redd.toString(), "--json")).isZero();
        assertThat(err.toString()).contains("channel_3.dat: 1 lines skipped (first: line 2:");
        assertThat(out.toString()).startsWith("{\"readings\":2,");
    }

    @Test
    void benchWithoutSubcommandListsCompression() {
        assertThat(execute("bench")).isZero();
        assertThat(out.toString()).contains("compression");
    }

    @Test
    void realGjwDayFilledToOneHertzBeatsHalfOfGorilla() {
        Optional<Path> gjw = SharedData.resolve("gjw-uk-home/active-power-2013-11-20.csv");
        assumeTrue(gjw.isPresent(), "skipped: ../shared/data/gjw-uk-home not present");

        int code = execute("bench", "compression", "--input", gjw.get().toString(), "--format", "gjw", "--fill-1hz", "--json");

        assertThat(code).isZero();
        String json = out.toString();
        double bytes = number(json, "bytesPerReading");
        double gorilla = number(json, "gorillaBytesPerReading");
        assertThat(bytes).isLessThanOrEqualTo(0.5 * gorilla).isLessThanOrEqualTo(0.055);
    }

    private static double number(String json, String field) {
        int start = json.indexOf("\"" + field + "\":") + field.length() + 3;
        int end = start;
        while (end < json.length() && "0123456789.".indexOf(json.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(json.substring(start, end));
    }
}
