package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes a user can fix get one line naming the file, not a stack trace. */
class CliErrorsTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        picocli.CommandLine cli = GridPulseCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aMissingDataFolderIsNamed() {
        Path missing = dir.resolve("no-such-folder");

        int code = execute("nilm", "train", "--data", missing.toString(), "--format", "tracebase", "--out",
                dir.resolve("m").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("gridpulse: no such file or folder: " + missing + System.lineSeparator());
    }

    @Test
    void aFileThatIsNotAModelIsSaidSo() throws Exception {
        Path notAModel = Files.writeString(dir.resolve("readings.csv"), "ts,powerW\n0,5\n");

        int code = execute("nilm", "eval", "--model", notAModel.toString(), "--data", dir.toString(), "--format", "redd");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("gridpulse: not a GridPulse NILM model").doesNotContain("\tat ");
    }
}
