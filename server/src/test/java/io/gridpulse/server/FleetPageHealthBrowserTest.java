package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.backup.BackupPlan;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The fleet page over a store on a really full disk (a 16 MB tmpfs): it says that readings are
 * not being stored, and stops saying so once space is freed and a write is accepted again.
 */
class FleetPageHealthBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "fleet-health-key-0123456789";

    @Test
    void fleetPageSaysWhenTheStoreRefusesWrites() throws Exception {
        SmallTmpfs disk = SmallTmpfs.tryMount(dir.resolve("disk"), 16);
        assumeTrue(disk != null, "mounting a tmpfs needs root; skipped");
        try (disk) {
            open(TestServer.start(disk.path().resolve("data"), ServerConfig.defaults(0)
                    .withBackups(new BackupPlan(dir.resolve("backups"), 1, 0)), Clock.systemUTC(), KEY, Scope.ADMIN));
            long start = System.currentTimeMillis() / 60_000 * 60_000 - 6 * 3_600_000L;
            assertThat(post(start, 0).statusCode()).isEqualTo(200);
            Path filler = disk.fill();
            int minute = 1;
            while (post(start, minute).statusCode() == 200 && minute < 200) {
                minute++;
            }
            assertThat(post(start, ++minute).statusCode()).as("the disk is full").isEqualTo(507);

            browser.get("http://localhost:" + server.port() + "/fleet.html#key=" + KEY);
            browser.executeScript("localStorage.setItem('gp.lang', 'en')");
            browser.navigate().refresh();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            WebElement warning = browser.findElement(By.id("storeWarning"));
            wait.until(d -> warning.isDisplayed());
            assertThat(warning.getText()).startsWith("The store refuses writes since one failed (")
                    .contains("MB free on its disk): readings are not being stored.");

            Files.delete(filler);
            assertThat(post(start, ++minute).statusCode()).as("space freed").isEqualTo(200);
            browser.navigate().refresh();
            wait.until(d -> d.findElement(By.id("meterCount")).getText().equals("1"));
            Thread.sleep(300); // the health request answers alongside the counts
            assertThat(browser.findElement(By.id("storeWarning")).isDisplayed()).isFalse();
            running.close(); // before the tmpfs goes
            running = null;
        }
    }

    private HttpResponse<String> post(long start, int minute) throws Exception {
        StringBuilder body = new StringBuilder("{\"readings\":[");
        for (int s = 0; s < 60; s++) {
            body.append(s == 0 ? "" : ",").append("{\"ts\":").append(start + minute * 60_000L + s * 1000L)
                    .append(",\"powerW\":").append(100 + s).append(".5}");
        }
        return running.send("POST", "/api/v1/meters/home-1/readings", body.append("]}").toString(), KEY);
    }
}
