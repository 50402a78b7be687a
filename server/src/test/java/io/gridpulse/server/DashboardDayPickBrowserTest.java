package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A click on a day of the daily chart shows that day minute by minute, from the store's folded
 * minute rows (past days are sealed, compacted and folded first, as the server's maintenance does);
 * a link goes back to the last 24 hours, and the appliance card asks for that day. The standby card shows the API's always-on power and its
 * cost this month. Screenshot: target/dashboard-day-pick.png.
 */
class DashboardDayPickBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "day-pick-browser-key-0123456789";
    private static final MeterRef METER = new MeterRef(TenantId.DEFAULT, new MeterId("home-1"));
    private static final int DAYS = 6;
    private static final long DAY_MS = 86_400_000L;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aClickedDayIsShownMinuteByMinuteAndStandbyIsPriced() throws Exception {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        long day0 = SeoulTestHousehold.midnightDaysAgoMs(DAYS);
        long now = System.currentTimeMillis() / 60_000 * 60_000;
        ingestHousehold(METER, day0, now);
        running.store.sealAllDue(); // every past day compacted, its minutes folded
        browser.manage().window().setSize(new Dimension(1280, 2000));
        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> !d.findElement(By.id("todayKwh")).getText().equals("–"));
        long pageLoadedMs = System.currentTimeMillis();

        JsonNode standby = get("/api/v1/meters/home-1/standby");
        JsonNode month = standby.get("months").get(standby.get("months").size() - 1);
        wait.until(d -> d.findElement(By.id("standbyCard")).isDisplayed());
        assertThat(text("standbyW")).isEqualTo(String.valueOf(Math.round(standby.get("baseloadW").asDouble())));
        assertThat(text("standbyCost")).startsWith(String.format("₩%,d this month so far", month.get("standbyCostWon").asLong()));
        assertThat(month.get("standbyCostWon").asLong()).as("80 W always on costs something").isPositive();

        clickDailyBar(SeoulTestHousehold.midnightDaysAgoMs(20), pageLoadedMs); // no bar there (the data starts 6 days ago)
        Thread.sleep(1_000);
        assertThat(text("dayTitle")).as("a click away from every bar picks none").isEqualTo("Last 24 hours (1-minute average)");
        long picked = SeoulTestHousehold.midnightDaysAgoMs(3);
        clickDailyBar(picked, pageLoadedMs);
        wait.until(d -> text("dayTitle").endsWith("(1-minute average)") && !text("dayTitle").startsWith("Last 24"));
        String dayOfMonth = String.valueOf(java.time.Instant.ofEpochMilli(picked).atZone(SeoulTestHousehold.SEOUL).getDayOfMonth());
        assertThat(text("dayTitle")).contains(" " + dayOfMonth + " ");
        assertThat(browser.findElement(By.id("dayBack")).isDisplayed()).isTrue();
        String wanted = "step=1m&from=" + picked + "&to=" + (picked + DAY_MS);
        assertThat(fetchedUrls()).as("the page asked for the picked day's minutes").anyMatch(u -> u.contains(wanted));
        String appliancesOfTheDay = "/appliances?from=" + picked + "&to=" + (picked + DAY_MS);
        wait.until(d -> fetchedUrls().stream().anyMatch(u -> u.endsWith(appliancesOfTheDay))); // no model here: the card stays hidden
        assertThat(browser.findElement(By.id("appliancesCard")).isDisplayed()).isFalse();

        // What the page drew: the folded day's 1,440 minutes, adding up to the day's usage (hourly rows).
        JsonNode minutes = get("/api/v1/meters/home-1/power?" + wanted).get("points");
        JsonNode usage = get("/api/v1/meters/home-1/usage?step=1d&from=" + picked + "&to=" + (picked + DAY_MS)).get("points");
        assertThat(minutes.size()).isEqualTo(1440);
        double minuteSum = 0;
        for (JsonNode p : minutes) {
            minuteSum += p.get("energyWh").asDouble();
        }
        assertThat(minuteSum).isCloseTo(usage.get(0).get("energyWh").asDouble(), within(1.0));
        assertThat(usage.get(0).get("energyWh").asDouble()).as("80 W all day + 2 kW for an hour").isCloseTo(3_920, within(5.0));
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).renameTo(screenshotFile());

        // The picked day's minutes as a file: what the API's CSV says for that range.
        browser.findElement(By.id("dayCsv")).click();
        String date = java.time.Instant.ofEpochMilli(picked).atZone(SeoulTestHousehold.SEOUL).toLocalDate().toString();
        Path csv = downloaded("home-1-" + date + "-1m.csv");
        wait.until(d -> Files.exists(csv));
        var expected = running.send("GET", "/api/v1/meters/home-1/power?format=csv&" + wanted, null, KEY);
        assertThat(Files.readString(csv)).isEqualTo(expected.body()).startsWith("ts,avgW,minW,maxW,energyWh,samples\n");
        assertThat(Files.readAllLines(csv)).hasSize(1 + 1440);

        browser.findElement(By.id("lang")).click(); // the title follows the language, the day stays
        wait.until(d -> text("dayTitle").endsWith("(1분 평균)"));
        browser.findElement(By.id("lang")).click();
        browser.findElement(By.id("dayBack")).click();
        wait.until(d -> text("dayTitle").equals("Last 24 hours (1-minute average)"));
        assertThat(browser.findElement(By.id("dayBack")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    /** Clicks the daily chart's bar of the day starting at {@code dayStartMs} (bars sit at midday, the chart spans 40 days + 1). */
    private void clickDailyBar(long dayStartMs, long pageNowMs) {
        WebElement over = browser.findElement(By.cssSelector("#daysChart .u-over"));
        double from = pageNowMs - 40 * DAY_MS;
        double to = pageNowMs + DAY_MS;
        double x = (dayStartMs + DAY_MS / 2 - from) / (to - from) * over.getRect().getWidth();
        int fromCentre = (int) Math.round(x - over.getRect().getWidth() / 2.0);
        new Actions(browser).moveToElement(over, fromCentre, over.getRect().getHeight() / 4).click().perform();
    }

    @SuppressWarnings("unchecked")
    private List<String> fetchedUrls() {
        return (List<String>) browser.executeScript("return performance.getEntriesByType('resource').map(e => e.name)");
    }

    private JsonNode get(String path) throws Exception {
        var response = running.send("GET", path, null, KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static java.io.File screenshotFile() throws Exception {
        Path out = Path.of("target/dashboard-day-pick.png");
        Files.deleteIfExists(out);
        return out.toFile();
    }
}
