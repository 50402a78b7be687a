package io.gridpulse.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every dashboard browser test needs: a real server on a temporary folder and Debian's
 * headless Chromium, both closed after the test; skipped without Chromium. Each test starts its
 * server its own way and hands it to {@link #open}.
 */
abstract class DashboardBrowserSupport {
    @TempDir
    Path dir;

    TestServer running;
    GridPulseServer server;
    ChromeDriver browser;

    @BeforeEach
    void skipWithoutChromium() {
        HeadlessChromium.assumeInstalled();
    }

    /** Serves the dashboard from {@code started} and opens the browser. */
    void open(TestServer started) {
        running = started;
        server = started.server;
        try {
            browser = HeadlessChromium.start(browserTmp());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The browser's own temporary folder (see {@link HeadlessChromium#start}). */
    Path browserTmp() {
        return dir.resolve("chromium-tmp");
    }

    /** The file the browser saved as {@code name}, once it is complete. */
    Path downloaded(String name) {
        return HeadlessChromium.downloads(browserTmp()).resolve(name);
    }

    /** The test household ({@link SeoulTestHousehold}, no heater) from {@code day0Ms} until {@code toMs}, through the pipeline. */
    void ingestHousehold(MeterRef meter, long day0Ms, long toMs) {
        for (List<Reading> batch : SeoulTestHousehold.minuteBatches(day0Ms, day0Ms, toMs, Integer.MAX_VALUE)) {
            server.pipeline().ingest(meter, batch);
        }
    }

    @AfterEach
    void closeBrowserAndServer() {
        if (browser != null) {
            browser.quit();
        }
        if (running != null) {
            running.close();
        }
    }
}
