package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.auth.Scope;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A tenant with more meters than the dashboard's list holds (1,000): a search by the beginning of
 * the id appears, offers the meters beyond the list, and picking one shows it.
 */
class DashboardMeterFindBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "meter-find-browser-key-0123456789";

    @Test
    void aMeterBeyondTheFirstPageIsFoundAndShown() throws Exception {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        long now = System.currentTimeMillis();
        Map<MeterRef, List<Reading>> fleet = new LinkedHashMap<>(); // one write, as a gateway posts
        for (int m = 0; m <= 1_000; m++) {
            fleet.put(MeterRef.of("default", String.format("meter-%04d", m)), List.of(Reading.ofPower(now - 60_000, (m + 1) * 1000L)));
        }
        server.pipeline().ingestAll(fleet);
        browser.get("http://localhost:" + server.port() + "/#key=" + KEY + "&meter=meter-0000");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("meterFind")).isDisplayed());
        // (the select's value and a CSS count: Selenium's Select asks for each of 1,000 options in turn)
        WebElement select = browser.findElement(By.id("meter"));
        assertThat(browser.findElements(By.cssSelector("#meter option"))).hasSize(1_000);
        assertThat(browser.findElements(By.cssSelector("#meter option[value='meter-1000']"))).isEmpty();

        WebElement find = browser.findElement(By.id("meterFind"));
        find.sendKeys("meter-100");
        wait.until(d -> d.findElements(By.cssSelector("#meterFound option")).stream()
                .anyMatch(o -> "meter-1000".equals(o.getDomProperty("value"))));
        find.sendKeys("0"); // the whole id typed: not yet picked (it could be the start of another)
        assertThat(select.getDomProperty("value")).isEqualTo("meter-0000");
        find.sendKeys(Keys.ENTER);
        wait.until(d -> "meter-1000".equals(select.getDomProperty("value")));
        wait.until(d -> d.findElement(By.id("nowW")).getText().equals("1,001"));
        assertThat(find.getDomProperty("value")).isEmpty();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }
}
