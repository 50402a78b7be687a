package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCodecCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void cpuTimeRunReportsDecodeAndEncodeSpeedOfTheSyntheticMeter() {
        CommandLine cli = new CommandLine(new GridPulseCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        // the synthetic noisy meter needs no shared data; --quick: 0.2 CPU seconds per round
        int code = cli.execute("bench", "codec", "--cpu-time", "--quick", "--data", "fleetdata:noisy", "--json");

        assertThat(code).as(err.toString()).isZero();
        String json = out.toString().trim();
        assertThat(json).startsWith("{\"mode\":\"auto, cpu-time\",\"chunkHours\":1,")
                .contains("{\"data\":\"fleetdata:noisy\",\"operation\":\"decode\",\"readingsPerSecond\":")
                .contains("{\"data\":\"fleetdata:noisy\",\"operation\":\"encode\",\"readingsPerSecond\":")
                .doesNotContain("\"readingsPerSecond\":0,");
    }

    @Test
    void dayChunksAreMeasuredOnRequest() {
        CommandLine cli = new CommandLine(new GridPulseCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("bench", "codec", "--cpu-time", "--quick", "--data", "fleetdata:noisy", "--chunk-hours", "24",
                "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().trim()).startsWith("{\"mode\":\"auto, cpu-time\",\"chunkHours\":24,")
                .contains("{\"data\":\"fleetdata:noisy\",\"operation\":\"encode\",\"readingsPerSecond\":")
                .doesNotContain("\"readingsPerSecond\":0,");
    }
}
