package io.gridpulse.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Debian's Chromium driven by its ChromeDriver (installed by .ci/run); tests skip without them. */
final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** Skips the calling test, with the reason, when the browser is not installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium/ChromeDriver not installed (apt-get install chromium chromium-driver): browser test skipped");
    }

    /**
     * A headless browser that keeps the page's console log (read it with {@code LogType.BROWSER}).
     * Its temporary files go to {@code tmp}: Chromium leaves folders in the temporary directory
     * after it quits (two per browser), which piled up in /tmp run after run. Downloads are saved
     * without asking in {@link #downloads}{@code (tmp)}.
     */
    static ChromeDriver start(Path tmp) throws IOException {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--no-first-run", "--window-size=1280,1400");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        Files.createDirectories(downloads(tmp));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads(tmp).toString(),
                "download.prompt_for_download", false));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("TMPDIR", tmp.toString())).build(), options);
    }

    /** Where the browser started with {@code tmp} saves downloads. */
    static Path downloads(Path tmp) {
        return tmp.resolve("downloads");
    }
}
