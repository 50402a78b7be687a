package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The store benchmarks run end to end on tiny sizes and print their figures as JSON. */
class BenchStoreCommandsTest {
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
    void ingestBenchPrintsBothEnginesAndRatiosAsJson() {
        int code = execute("bench", "ingest", "--json", "--dir", dir.toString(), "--meters", "5", "--minutes", "2",
                "--fleet-meters", "20", "--fleet-seconds", "5", "--gateways", "3", "--threads", "2", "--http-readings", "36000",
                "--clients", "2", "--heap-meters", "50", "--seal-meters", "20");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().trim()).startsWith("{\"cores\":").endsWith("}")
                .contains("\"gridpulse.minuteBatches.readingsPerSecond\":", "\"questdb.bytesPerReading\":",
                        "\"ratio.fleetSeconds.gridpulseVsQuestdbSync\":", "\"gridpulse.http.readingsPerSecond\":",
                        "\"gridpulse.heap.bytesPerMeter\":", "\"gridpulse.http.json-columns-1x3600.readingsPerSecond\":",
                        "\"gridpulse.http.csv-1x3600.cpuMicrosPerReading\":",
                        "\"gridpulse.http.line-protocol-1000x1.readingsPerSecond\":",
                        "\"gridpulse.http.line-protocol-1000x1.firstRequestsMs\":",
                        "\"gridpulse.fleetSecondsOneWriter.readingsPerSecond\":");
        // CPU per reading beside the wall-clock rate (the figure to compare on a loaded machine;
        // too coarse to be non-zero on these few readings)
        assertThat(out.toString()).contains("\"gridpulse.fleetSeconds.cpuMicrosPerReading\":",
                "\"gridpulse.minuteBatches.cpuMicrosPerReading\":");
        // 3 gateways x 20 meters x 5 timed seconds, by concurrent writers and by one writer alike
        assertThat(value(out.toString(), "gridpulse.fleetSeconds.timedReadings")).isEqualTo("300");
        assertThat(value(out.toString(), "gridpulse.fleetSecondsOneWriter.timedReadings")).isEqualTo("300");
        assertThat(value(out.toString(), "questdb-sync.fleetSeconds.timedReadings")).isEqualTo("300");
        // warm-up: whole parts of a fifth of the timed seconds (1 s here) for every gateway
        long warmUp = Long.parseLong(value(out.toString(), "gridpulse.fleetSeconds.warmUpReadings"));
        assertThat(warmUp).isPositive();
        assertThat(warmUp % 60).isZero();
        // the sealing pass: 20 meters x 2 past days, all sealed, compacted and folded
        assertThat(value(out.toString(), "gridpulse.sealPass.meterDays")).isEqualTo("40");
        assertThat(Double.parseDouble(value(out.toString(), "gridpulse.sealPass.msPerMeterDay"))).isPositive();
    }

    @Test
    void queryBenchAnswersTheSameOnBothEngines() {
        int code = execute("bench", "query", "--json", "--dir", dir.toString(), "--days", "1", "--fleet-meters", "5",
                "--reps", "5", "--retention-meters", "20");

        assertThat(code).as(err.toString()).isZero();
        String json = out.toString();
        assertThat(json).contains("\"gridpulse.day.points\":86400", "\"questdb-nosync.day.points\":86400",
                "\"gridpulse.fleetHourly.rows\":144", "\"questdb-nosync.fleetHourly.rows\":144");
        assertThat(value(json, "gridpulse.monthToDateEnergy.milliwattHours"))
                .isEqualTo(value(json, "questdb-nosync.monthToDateEnergy.milliwattHours"));
        assertThat(value(json, "gridpulse.day.checksum")).isEqualTo(value(json, "questdb-nosync.day.checksum"));
        // the retention run's last day, untrimmed: 288 readings 5 min apart and the minute rows up to the last (23:55)
        assertThat(value(json, "gridpulse.retention.dayView.points")).isEqualTo(String.valueOf(288 + 24 * 60 - 4));
        assertThat(Double.parseDouble(value(json, "ratio.retention.dayView.p50Ms.afterVsBeforePasses"))).isPositive();
    }

    private static String value(String json, String name) {
        int start = json.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = start;
        while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return json.substring(start, end).trim();
    }
}
