package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's bills card: this period's line items as the tariff engine states them, and the
 * billing periods since the meter's first reading, the one it joined part-way tagged with its
 * measured days and this one drawn to its projection. Screenshot: target/dashboard-bills.png.
 */
class DashboardBillsBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "bills-browser-key-0123456789";
    private static final MeterRef METER = new MeterRef(TenantId.DEFAULT, new MeterId("home-1"));
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void billsCardShowsTheLineItemsAndEveryPeriodSinceTheFirstReading() throws Exception {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        // from the middle of last month: the meter joined that period part-way (periods start on the 1st)
        long day0 = LocalDate.now(SeoulTestHousehold.SEOUL).minusMonths(1).withDayOfMonth(16)
                .atStartOfDay(SeoulTestHousehold.SEOUL).toInstant().toEpochMilli();
        long now = System.currentTimeMillis() / 60_000 * 60_000;
        ingestHousehold(METER, day0, now);
        browser.manage().window().setSize(new Dimension(1280, 2400));
        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("billsCard")).isDisplayed());

        JsonNode bill = get("/api/v1/meters/home-1/bill");
        LocalDate today = LocalDate.now(SeoulTestHousehold.SEOUL);
        JsonNode bills = get("/api/v1/meters/home-1/bills?from=" + today.minusDays(365) + "&to=" + today).get("bills");

        // This period's line items, in order, with their amounts.
        List<WebElement> lines = browser.findElements(By.cssSelector("#billLines tr"));
        JsonNode items = bill.at("/billSoFar/lines");
        assertThat(lines).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            assertThat(lines.get(i).getText()).isEqualTo(items.get(i).get("labelEn").asText() + " "
                    + String.format("₩%,d", items.get(i).get("amountWon").asLong()));
        }
        assertThat(lines.getLast().getText()).endsWith(String.format("₩%,d", bill.at("/billSoFar/totalWon").asLong()));

        // One row per period from the first with data; the first is partial, this one projected.
        List<JsonNode> withData = new ArrayList<>();
        bills.forEach(b -> {
            if (!withData.isEmpty() || b.get("energyWh").asLong() > 0) {
                withData.add(b);
            }
        });
        assertThat(withData).hasSizeGreaterThanOrEqualTo(2);
        JsonNode first = withData.getFirst();
        assertThat(first.get("daysWithData").asInt()).isLessThan(first.at("/period/days").asInt()).isPositive();
        List<WebElement> names = browser.findElements(By.cssSelector("#billPeriods .name"));
        List<WebElement> values = browser.findElements(By.cssSelector("#billPeriods .value"));
        assertThat(names).hasSize(withData.size());
        assertThat(names.getFirst().getText()).endsWith("measured " + first.get("daysWithData").asInt() + " of "
                + first.at("/period/days").asInt() + " days");
        assertThat(values.getFirst().getText()).endsWith(String.format("₩%,d", first.get("totalWon").asLong()));
        assertThat(values.getLast().getText()).endsWith(String.format("₩%,d → ₩%,d",
                bill.at("/billSoFar/totalWon").asLong(), bill.at("/projected/totalWon").asLong()));
        assertThat(browser.findElements(By.cssSelector("#billPeriods .fill.projected"))).hasSize(1);
        Files.write(Path.of("target", "dashboard-bills.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        // The Today card and the daily chart's last bar say what today is expected to come to.
        JsonNode forecast = get("/api/v1/meters/home-1/forecast").get("nextDay");
        assertThat(forecast.get("date").asText()).isEqualTo(today.toString());
        wait.until(d -> !text("todayExpected").isEmpty());
        assertThat(text("todayExpected")).isEqualTo(String.format("· about %.1f kWh expected today", // getText trims
                forecast.get("expectedEnergyWh").asDouble() / 1000));

        browser.findElement(By.id("lang")).click();
        wait.until(d -> d.findElement(By.id("billsCard")).getText().contains("요금 내역"));
        assertThat(browser.findElement(By.id("billLines")).getText()).contains("기본요금", "청구금액");
        assertThat(browser.findElement(By.cssSelector("#billPeriods .name")).getText()).contains(first.get("daysWithData").asInt() + "/" + first.at("/period/days").asInt() + "일");
    }

    @Test
    void onAPhoneNothingIsWiderThanTheScreenAndBarsTakeTheWholeWidth() throws Exception {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        long day0 = LocalDate.now(SeoulTestHousehold.SEOUL).minusMonths(1).withDayOfMonth(16)
                .atStartOfDay(SeoulTestHousehold.SEOUL).toInstant().toEpochMilli();
        ingestHousehold(METER, day0, System.currentTimeMillis());
        browser.manage().window().setSize(new Dimension(390, 2400));
        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> d.findElement(By.id("billsCard")).isDisplayed());
        Files.write(Path.of("target", "dashboard-phone.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));

        long overflow = (Long) browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow).as("page wider than the screen").isLessThanOrEqualTo(0);
        int cardWidth = browser.findElement(By.id("billPeriods")).getRect().getWidth();
        for (WebElement track : browser.findElements(By.cssSelector("#billPeriods .track"))) {
            assertThat(track.getRect().getWidth()).isGreaterThan(cardWidth * 9 / 10);
        }
        assertThat(browser.findElement(By.cssSelector("#dayChart canvas")).getRect().getWidth()).isLessThan(390);

        browser.manage().window().setSize(new Dimension(1200, 2400)); // the phone turned, or a window widened
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(d -> d.findElement(By.cssSelector("#dayChart canvas")).getRect().getWidth() > 900);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private JsonNode get(String path) throws Exception {
        var response = running.send("GET", path, null, KEY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
