package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.backup.BackupPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operators' fleet page: 12 meters reported for three hours, then 9 of them again ten minutes
 * later; the page counts 9 reporting and 3 silent, lists the silent ones with how long, draws the
 * fleet's hourly energy as the API gives it, and a silent meter's link opens its dashboard.
 * Screenshot: target/fleet-page.png.
 */
class FleetPageBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "fleet-page-key-0123456789";
    private static final String READER = "fleet-page-reader-key-012";
    private static final int METERS = 12;
    private static final int SILENT = 3;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void fleetPageCountsReportingAndSilentMetersAndLinksToThem() throws Exception {
        long realNow = System.currentTimeMillis() / 60_000 * 60_000;
        MovableClock clock = new MovableClock(realNow - 20 * 60_000L);
        open(TestServer.start(dir.resolve("data"), ServerConfig.defaults(0)
                .withBackups(new BackupPlan(dir.resolve("backups"), 3, 0)), clock, KEY, Scope.ADMIN, READER, Scope.READ));
        for (int m = 0; m < METERS; m++) {
            List<Reading> readings = new ArrayList<>();
            for (long t = clock.millis() - 3 * 3_600_000L; t <= clock.millis(); t += 60_000) {
                readings.add(Reading.ofPower(t, (200 + 50L * m) * 1000));
            }
            server.pipeline().ingest(meter(m), readings);
        }
        clock.advanceMs(10 * 60_000L);
        for (int m = SILENT; m < METERS; m++) {
            server.pipeline().ingest(meter(m), List.of(Reading.ofPower(clock.millis(), 300_000)));
        }
        assertThat(server.silenceWatcher().check()).hasSize(SILENT);

        browser.get("http://localhost:" + server.port() + "/fleet.html#key=" + KEY);
        browser.executeScript("localStorage.setItem('gp.lang', 'en')");
        browser.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> !text("meterCount").equals("–"));
        assertThat(text("meterCount")).isEqualTo("12");
        assertThat(text("reportingCount")).isEqualTo("9");
        assertThat(text("silentCount")).isEqualTo("3");
        assertThat(text("silentRule")).isEqualTo("no reading for over 5 min");
        List<WebElement> rows = browser.findElements(By.cssSelector("#silentTable tbody tr"));
        assertThat(rows).extracting(r -> r.findElement(By.tagName("a")).getText()).containsExactly("fleet-00", "fleet-01", "fleet-02");
        assertThat(rows.getFirst().getText()).endsWith("10 min");

        // The chart's data are the API's hours.
        JsonNode usage = json.readTree(running.send("GET", "/api/v1/usage?perMeter=false&from=" + (realNow - 48 * 3_600_000L)
                + "&to=" + realNow, null, KEY).body());
        // "Today": the API's hours since the viewer's midnight (the browser runs on this machine, in its zone).
        long midnight = java.time.LocalDate.now().atStartOfDay(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
        double todayWh = 0;
        for (int h = 0; h < usage.get("ts").size(); h++) {
            todayWh += usage.get("ts").get(h).asLong() >= midnight ? usage.get("totalWh").get(h).asDouble() : 0;
        }
        assertThat(Double.parseDouble(text("todayKwh").replace(",", ""))).isCloseTo(todayWh / 1000, within(0.051));
        Object bars = browser.executeScript("return document.querySelectorAll('#fleetChart canvas').length");
        assertThat(((Number) bars).intValue()).isPositive();
        Files.write(Path.of("target", "fleet-page.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // Finding a meter by the beginning of its id: the first 20 listed, and a hint to type more.
        browser.findElement(By.id("findInput")).sendKeys("fleet-0");
        browser.findElement(By.cssSelector("#findForm button")).click();
        wait.until(d -> d.findElement(By.id("findTable")).isDisplayed());
        assertThat(browser.findElements(By.cssSelector("#findTable tbody a"))).extracting(WebElement::getText)
                .containsExactly("fleet-00", "fleet-01", "fleet-02", "fleet-03", "fleet-04", "fleet-05", "fleet-06",
                        "fleet-07", "fleet-08", "fleet-09");
        assertThat(browser.findElement(By.id("findNone")).isDisplayed()).isFalse(); // all of them fit
        browser.findElement(By.id("findInput")).clear();
        browser.findElement(By.id("findInput")).sendKeys("nope");
        browser.findElement(By.cssSelector("#findForm button")).click();
        wait.until(d -> d.findElement(By.id("findNone")).isDisplayed());
        assertThat(text("findNone")).isEqualTo("No meter id starts with \"nope\".");
        assertThat(browser.findElement(By.id("findTable")).isDisplayed()).isFalse();

        // The server owner's key sees the backups card and makes one from it.
        assertThat(text("backupAge")).isEqualTo("none");
        assertThat(text("backupInfo")).isEqualTo("no backup yet");
        assertThat(browser.findElement(By.id("backupCard")).getDomProperty("title")).isEqualTo(dir.resolve("backups").toAbsolutePath().toString());
        browser.findElement(By.id("backupNow")).click();
        // named by the server's clock, 10 minutes behind the browser's here
        wait.until(d -> text("backupAge").matches("1[01] min ago"));
        assertThat(text("backupInfo")).startsWith("1 kept · newest ").endsWith(" MB");
        assertThat(server.backups().list()).hasSize(1);
        Files.write(Path.of("target", "fleet-page-backup.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        browser.findElement(By.id("lang")).click();
        wait.until(d -> text("silentRule").equals("5분 넘게 값이 없으면"));
        assertThat(text("backupAge")).matches("1[01]분 전");

        browser.findElement(By.cssSelector("#silentTable tbody a")).click(); // the household dashboard of that meter
        wait.until(d -> "fleet-00".equals(d.findElement(By.id("meter")).getDomProperty("value")));
        wait.until(d -> d.findElement(By.id("fleetLink")).isDisplayed());

        // A read key sees the fleet, not the backups (they hold every tenant's data).
        browser.get("http://localhost:" + server.port() + "/fleet.html#key=" + READER);
        wait.until(d -> text("meterCount").equals("12"));
        Thread.sleep(300); // the backups request has answered (403) by the time the counts are drawn and a little after
        assertThat(browser.findElement(By.id("backupCard")).isDisplayed()).isFalse();
    }

    private static MeterRef meter(int i) {
        return new MeterRef(TenantId.DEFAULT, new MeterId(String.format("fleet-%02d", i)));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
