package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridpulse.core.Reading;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dumps of one meter overlap (each GJW dump holds the month before it): merged, one reading per timestamp. */
class InsightsBacktestCommandTest {
    @TempDir
    Path dir;

    @Test
    void overlappingDumpsOfOneMeterMergeIntoOneSeries() throws IOException {
        Path first = Files.writeString(dir.resolve("active-power-2015-06-03.csv"),
                "2015-06-01 00:00:00,100\n2015-06-01 00:00:05,110\n2015-06-01 00:00:09,120\n");
        Path second = Files.writeString(dir.resolve("active-power-2015-06-10.csv"),
                "2015-06-01 00:00:05,110\n2015-06-01 00:00:09,120\n2015-06-01 00:00:12,130\n");

        List<Reading> merged = InsightsBacktestCommand.merged(new DatasetReader(DatasetFormat.GJW, ZoneId.of("Europe/London")),
                List.of(second, first));

        assertThat(merged).extracting(Reading::powerMilliwatts).containsExactly(100_000L, 110_000L, 120_000L, 130_000L);
        assertThat(merged).isSortedAccordingTo(java.util.Comparator.comparingLong(Reading::timestampMs));
    }

    @Test
    void aFileNoLineOfWhichReadsIsRefusedWithAClearMessage() throws IOException {
        Path dump = Files.writeString(dir.resolve("dump.csv"), "2015-06-01 00:00:00,100\n");
        Run run = run("insights-backtest", "--file", dump.toString(), "--format", "redd");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("reads as redd; give its --format");
    }

    @Test
    void anEmptyFileIsRefusedAsEmptyNotAsTheWrongFormat() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "ts,powerW\n");
        Run run = run("insights-backtest", "--file", empty.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("no readings in").contains("(empty, or a header alone)");
    }

    @Test
    void aFolderThatIsNoReddHouseIsRefusedWithAClearMessage() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("Refrigerator"));
        Run run = run("insights-backtest", "--file", folder.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("is a folder but not a REDD house (no labels.dat)");
    }

    @Test
    void daysCsvHoldsEachLocalDaysEnergyAndCoverage() throws IOException {
        // 1 kW at 23:00 local time is held for the default 60 minutes, to midnight; 00:00-01:00 is
        // uncovered; 500 W from 01:00 covers an hour, and the last reading its own minute
        Path dump = Files.writeString(dir.resolve("dump.csv"),
                "2015-06-01 23:00:00,1000\n2015-06-02 01:00:00,500\n2015-06-02 02:00:00,500\n");
        Path days = dir.resolve("days.csv");
        Run run = run("insights-backtest", "--file", dump.toString(), "--format", "gjw", "--runs", "1", "--days-csv",
                days.toString());

        assertThat(run.code()).isZero();
        assertThat(Files.readAllLines(days)).containsExactly("day,energyWh,coveredMinutes",
                "2015-06-01,1000.000,60", "2015-06-02,508.333,61");
    }

    @Test
    void jsonCarriesEveryTableAndNullWhereNothingIsMeasured() throws IOException {
        // 20 whole days at one reading a minute: 5 rolling 16-day periods; 12-minute file: none
        StringBuilder lines = new StringBuilder();
        java.time.LocalDateTime t = java.time.LocalDateTime.of(2015, 6, 1, 0, 0);
        for (int i = 0; i < 20 * 1440; i++, t = t.plusMinutes(1)) {
            int watts = 400 + (t.getDayOfWeek().getValue() >= 6 ? 150 : 0) + (t.getHour() == 19 ? 900 : 0);
            lines.append(t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))).append(',')
                    .append(watts).append('\n');
        }
        Path month = Files.writeString(dir.resolve("month.csv"), lines);
        Path shortFile = Files.writeString(dir.resolve("short.csv"), "2015-06-01 00:00:00,100\n2015-06-01 00:12:00,120\n");

        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var full = mapper.readTree(runJson(month));
        assertThat(full.get("readings").asInt()).isEqualTo(20 * 1440);
        assertThat(full.get("standby").get("months").get(0).get("baseloadW").asDouble()).isBetween(390.0, 410.0);
        assertThat(full.get("anomalies")).hasSize(4);
        var forecast = full.get("periodEndForecast");
        assertThat(forecast.get("periodDays").asInt()).isEqualTo(16);
        assertThat(forecast.get("longestCoveredRunDays").asInt()).isEqualTo(20);
        assertThat(forecast.get("checkpoints")).hasSize(3).allSatisfy(c -> {
            assertThat(c.get("periods").asInt()).isEqualTo(5);
            assertThat(c.get("modelMapePercent").isNumber()).isTrue();
            assertThat(c.get("naiveMapePercent").asDouble()).isGreaterThanOrEqualTo(0);
        });
        assertThat(full.get("nextDayHourly").get("days").asInt()).isGreaterThan(10);

        var none = mapper.readTree(runJson(shortFile)).get("periodEndForecast").get("checkpoints");
        assertThat(none).allSatisfy(c -> {
            assertThat(c.get("periods").asInt()).isZero();
            assertThat(c.get("modelMapePercent").isNull()).isTrue();
        });
    }

    @Test
    void aReddHouseFolderIsItsMainsLegsSummedElseItsCircuits() throws IOException {
        // two days at one reading every 3 s: mains legs 300 W + 200 W, circuits 120 W + 80 W (the rest unmetered)
        Path house = Files.createDirectories(dir.resolve("house_1"));
        Files.writeString(house.resolve("labels.dat"), "1 mains\n2 mains\n3 refrigerator\n4 lighting\n");
        long t0 = 1_303_084_800L; // 2011-04-18 00:00 UTC
        int[] watts = {300, 200, 120, 80};
        for (int c = 0; c < watts.length; c++) {
            StringBuilder lines = new StringBuilder();
            for (long t = t0; t < t0 + 2 * 86_400; t += 3) {
                lines.append(t).append(' ').append(watts[c]).append(".00\n");
            }
            Files.writeString(house.resolve("channel_" + (c + 1) + ".dat"), lines);
        }

        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Run withMains = run("insights-backtest", "--file", house.toString(), "--runs", "1", "--json");
        assertThat(withMains.code()).isZero();
        assertThat(withMains.err()).contains("the sum of its mains");
        var json = mapper.readTree(withMains.out());
        assertThat(json.get("zone").asText()).isEqualTo("America/New_York");
        assertThat(json.get("readings").asInt()).isEqualTo(2 * 2 * 86_400 / 3);
        assertThat(json.get("standby").get("months").get(0).get("baseloadW").asDouble()).isCloseTo(500, within(1.0));

        Files.writeString(house.resolve("channel_1.dat"), ""); // mains not published: the circuits stand in
        Files.writeString(house.resolve("channel_2.dat"), "");
        Run circuits = run("insights-backtest", "--file", house.toString(), "--runs", "1", "--json");
        assertThat(circuits.err()).contains("the sum of its circuits");
        assertThat(mapper.readTree(circuits.out()).get("standby").get("months").get(0).get("baseloadW").asDouble())
                .isCloseTo(200, within(1.0));
    }

    private static String runJson(Path file) {
        Run run = run("insights-backtest", "--file", file.toString(), "--format", "gjw", "--runs", "1", "--json");
        assertThat(run.code()).isZero();
        return run.out();
    }

    record Run(int code, String out, String err) {}

    /** The command line's exit code and what it printed (the command writes to System.out/err). */
    private static Run run(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var savedOut = System.out;
        var savedErr = System.err;
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            int code = GridPulseCli.commandLine().execute(args);
            return new Run(code, out.toString(java.nio.charset.StandardCharsets.UTF_8),
                    err.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }
}
