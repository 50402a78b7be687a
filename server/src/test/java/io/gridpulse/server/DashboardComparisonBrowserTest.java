package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.auth.Scope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's card beside the other homes: five homes, the test household drawn at 0.5–2
 * times its power, put home-1 (×1) in the middle; the card says so and places its dot at its
 * daily use on the scale, in English and Korean.
 */
class DashboardComparisonBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "comparison-browser-key-0123456789";
    private static final double[] SCALES = {1, 0.5, 0.75, 1.5, 2};

    @Test
    void theCardPlacesThisHomeAmongTheOthers() throws Exception {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        long now = System.currentTimeMillis();
        long day0 = SeoulTestHousehold.midnightDaysAgoMs(31);
        for (int h = 0; h < SCALES.length; h++) {
            MeterRef meter = MeterRef.of("default", "home-" + (h + 1));
            for (List<Reading> batch : SeoulTestHousehold.minuteBatches(day0, day0, now, Integer.MAX_VALUE)) {
                double scale = SCALES[h];
                server.pipeline().ingest(meter, batch.stream()
                        .map(r -> Reading.ofPower(r.timestampMs(), Math.round(r.powerMilliwatts() * scale))).toList());
            }
        }
        JsonNode c = new ObjectMapper().readTree(running.send("GET", "/api/v1/meters/home-1/comparison", null, KEY).body());
        assertThat(c.get("homes").asInt()).isEqualTo(5);
        assertThat(c.get("percentUsingMore").asInt()).isEqualTo(50);
        assertThat(c.get("medianDailyWh").asLong()).isEqualTo(c.get("dailyWh").asLong());

        browser.manage().window().setSize(new Dimension(1280, 1600));
        browser.get("http://localhost:" + server.port() + "/#key=" + KEY + "&meter=home-1");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("compareCard")).isDisplayed());
        String kwh = String.format("%.1f", c.get("dailyWh").asLong() / 1000.0);
        assertThat(text("compareKwh")).isEqualTo(kwh);
        assertThat(text("compareText")).isEqualTo("last 30 days · median of 5 homes " + kwh + " kWh/day · 50% use more");
        double scale = browser.findElement(By.cssSelector("#compareCard .spread")).getRect().getWidth();
        double dotLeft = browser.findElement(By.id("compareYou")).getRect().getX() + 6
                - browser.findElement(By.cssSelector("#compareCard .spread")).getRect().getX();
        double max = Math.max(c.get("p75DailyWh").asLong(), c.get("dailyWh").asLong()) * 1.25;
        assertThat(dotLeft / scale).isCloseTo(c.get("dailyWh").asLong() / max, within(0.02));

        browser.findElement(By.id("lang")).click();
        wait.until(d -> text("compareText").startsWith("최근 30일"));
        assertThat(text("compareText")).isEqualTo("최근 30일 · 5가구 중간값 하루 " + kwh + " kWh · 50%가 더 많이 씀");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
