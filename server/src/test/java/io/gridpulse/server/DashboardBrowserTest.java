package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.server.auth.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in Debian's headless Chromium against the real server. */
class DashboardBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "browser-test-key-0123456789";

    @BeforeEach
    void start() {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
    }

    @Test
    void dashboardShowsTodayHistoryAndLiveReadings() throws Exception {
        MeterRef meter = new MeterRef(TenantId.DEFAULT, new io.gridpulse.core.MeterId("home-1"));
        long now = System.currentTimeMillis() / 1000 * 1000;
        List<Reading> history = new ArrayList<>();
        for (long t = now - 3 * 3_600_000L; t < now - 1000; t += 1000) {
            history.add(Reading.ofPower(t, 500_000));
        }
        server.pipeline().ingest(meter, history);
        server.alerts().record(new MeterEvent(meter, now - 60_000, "tier-entered", "warning",
                "You entered tier 2 of the progressive tariff.", Map.of()));

        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        try {
            wait.until(d -> !d.findElement(By.id("todayKwh")).getText().equals("–"));
            wait.until(d -> d.findElement(By.id("nowW")).getText().equals("500"));
            // The page fetches the latest reading first and subscribes to /live after: a reading
            // stored before the subscription would never be pushed (seen on a loaded machine).
            wait.until(d -> server.live().subscriberCount() > 0);
            server.pipeline().ingest(meter, List.of(Reading.ofPower(now, 1_234_500)));
            wait.until(d -> d.findElement(By.id("nowW")).getText().replace(",", "").equals("1234.5"));
            wait.until(d -> d.findElement(By.id("alertList")).getText().contains("You entered tier 2"));
            server.alerts().record(new MeterEvent(meter, now, "meter-silent", "warning", "No reading for 5 min.", Map.of()));
            wait.until(d -> d.findElement(By.id("alertList")).getText().contains("No reading for 5 min."));
        } finally {
            Path shot = Path.of("target", "dashboard-test.png");
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            browser.manage().logs().get(LogType.BROWSER).forEach(e -> System.out.println("browser: " + e));
        }
        assertThat(Double.parseDouble(browser.findElement(By.id("todayKwh")).getText())).isGreaterThan(0);
        assertThat(browser.findElements(By.cssSelector("#dayChart canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void withoutAKeyOnlyTheKeyFormShowsAndTheKeyOpensTheDashboard() {
        MeterRef meter = new MeterRef(TenantId.DEFAULT, new io.gridpulse.core.MeterId("home-1"));
        long now = System.currentTimeMillis() / 1000 * 1000;
        List<Reading> history = new ArrayList<>();
        for (long t = now - 600_000L; t < now; t += 1000) {
            history.add(Reading.ofPower(t, 700_000));
        }
        server.pipeline().ingest(meter, history);

        browser.get("http://localhost:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("keyInput")).isDisplayed());
        assertThat(browser.findElement(By.cssSelector(".cards")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("liveChart")).isDisplayed()).isFalse();
        browser.findElement(By.id("lang")).click(); // remakes the charts while they are hidden

        browser.findElement(By.id("keyInput")).sendKeys(KEY);
        browser.findElement(By.cssSelector("#keyForm button")).click();
        wait.until(d -> d.findElement(By.id("nowW")).getText().equals("700"));
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
        // Charts made while hidden would be 0 px wide: they are made again once shown.
        assertThat(browser.findElement(By.cssSelector("#liveChart canvas")).getRect().getWidth()).isGreaterThan(300);
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }
}
