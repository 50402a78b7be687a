package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * "Power now" for a meter that stopped reporting: the last reading, said to be the last one, not
 * a dash and not the previous meter's figure; a new reading makes it live again.
 */
class DashboardSilentMeterBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "silent-browser-key-0123456789";

    @Test
    void aSilentMetersLastReadingIsShownAsSuch() {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        long now = System.currentTimeMillis() / 1000 * 1000;
        MeterRef live = new MeterRef(TenantId.DEFAULT, new MeterId("live-home"));
        MeterRef silent = new MeterRef(TenantId.DEFAULT, new MeterId("silent-home"));
        server.pipeline().ingest(silent, List.of(Reading.ofPower(now - 2 * 3_600_000L, 1_234_500)));
        server.pipeline().ingest(live, List.of(Reading.ofPower(now - 5_000, 500_000)));

        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("nowW")).getText().equals("500")); // the meter that reported last
        assertThat(browser.findElement(By.id("nowAt")).getText()).doesNotContain("not reporting");

        new Select(browser.findElement(By.id("meter"))).selectByValue("silent-home");
        wait.until(d -> d.findElement(By.id("nowW")).getText().replace(",", "").equals("1234.5"));
        wait.until(d -> d.findElement(By.id("nowAt")).getText().startsWith("Last reading"));
        assertThat(browser.findElement(By.id("nowAt")).getText()).contains("the meter is not reporting");

        wait.until(d -> server.live().subscriberCount(silent) == 1);
        server.pipeline().ingest(silent, List.of(Reading.ofPower(now, 42_000)));
        wait.until(d -> d.findElement(By.id("nowW")).getText().equals("42"));
        assertThat(browser.findElement(By.id("nowAt")).getText()).doesNotContain("not reporting");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }
}
