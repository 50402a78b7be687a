package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridpulse.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin key: from GRIDPULSE_API_KEY, else kept in the data folder. */
class AdminKeyTest {
    @TempDir
    Path data;

    @Test
    void aShortKeyFromTheEnvironmentIsRefusedWithAFix() {
        assertThatThrownBy(() -> GridPulseRuntime.adminKey("short-key", data))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("GRIDPULSE_API_KEY must have at least 16 characters (it has 9)");
        assertThat(data.resolve("admin-api-key")).doesNotExist();
    }

    @Test
    void theCliPrintsItAsOneLine() throws Exception {
        InvalidInputException refused = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class,
                () -> GridPulseRuntime.adminKey("short-key", data));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        picocli.CommandLine cli = GridPulseCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        // the demo command meets it inside the runtime's start-up, wrapped
        int exit = cli.getExecutionExceptionHandler().handleExecutionException(new IllegalStateException(refused), cli, null);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("gridpulse: " + refused.getMessage());
    }

    @Test
    void aKeyFromTheEnvironmentIsTrimmedAndAGeneratedOneIsKept() throws Exception {
        assertThat(GridPulseRuntime.adminKey("  a-key-of-twenty-chars \n", data)).isEqualTo("a-key-of-twenty-chars");
        String generated = GridPulseRuntime.adminKey(null, data);
        assertThat(generated).startsWith("gp_").hasSizeGreaterThanOrEqualTo(16);
        assertThat(Files.readString(data.resolve("admin-api-key")).trim()).isEqualTo(generated);
        assertThat(GridPulseRuntime.adminKey(" ", data)).isEqualTo(generated);
    }
}
