package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's settings form: it shows the meter's settings, a refused value is said in the
 * form and changes nothing, and saved settings reach the API and the bill (its period follows the
 * new reading day). A view-only link made there opens the dashboard on that meter alone, without
 * the settings or the fleet page.
 */
class DashboardSettingsBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "settings-browser-key-0123456789";
    private static final MeterRef METER = new MeterRef(TenantId.DEFAULT, new MeterId("home-1"));
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void settingsAreShownValidatedSavedAndPriceTheBill() throws Exception {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        long day0 = SeoulTestHousehold.midnightDaysAgoMs(40);
        ingestHousehold(METER, day0, System.currentTimeMillis());
        browser.manage().window().setSize(new Dimension(1280, 2400));
        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("billsCard")).isDisplayed());
        String periodBefore = text("billLinesTitle");

        browser.findElement(By.id("settingsButton")).click();
        wait.until(d -> d.findElement(By.id("settingsCard")).isDisplayed());
        assertThat(new Select(field("setTariff")).getFirstSelectedOption().getDomProperty("value")).isEqualTo("kepco-residential-low");
        assertThat(field("setReadingDay").getDomProperty("value")).isEqualTo("1");
        assertThat(field("setZone").getDomProperty("value")).isEqualTo("Asia/Seoul");

        field("setZone").clear();
        field("setZone").sendKeys("Mars/Olympus");
        field("settingsForm").submit();
        wait.until(d -> d.findElement(By.id("settingsError")).isDisplayed());
        assertThat(text("settingsError")).contains("unknown time zone 'Mars/Olympus'");
        assertThat(get("/api/v1/meters/home-1").at("/settings/timezone").asText()).isEqualTo("Asia/Seoul");

        field("setZone").clear();
        field("setZone").sendKeys("Asia/Seoul");
        field("setWebhook").sendKeys("ftp://hub.local/alerts");
        field("settingsForm").submit();
        wait.until(d -> text("settingsError").contains("url must be an absolute http:// or https:// URL"));
        field("setWebhook").clear();
        field("setWebhook").sendKeys("http://127.0.0.1:9/gridpulse-alerts");
        field("setName").sendKeys("Our flat");
        new Select(field("setReadingDay")).selectByValue("15");
        new Select(field("setTariff")).selectByValue("kepco-residential-high");
        field("setBudget").sendKeys("30000");
        field("settingsForm").submit();
        wait.until(d -> !d.findElement(By.id("settingsCard")).isDisplayed());

        JsonNode saved = get("/api/v1/meters/home-1").get("settings");
        assertThat(saved.get("name").asText()).isEqualTo("Our flat");
        assertThat(saved.get("meterReadingDay").asInt()).isEqualTo(15);
        assertThat(saved.get("tariffId").asText()).isEqualTo("kepco-residential-high");
        assertThat(saved.get("budgetWon").asLong()).isEqualTo(30_000);
        JsonNode bill = get("/api/v1/meters/home-1/bill");
        assertThat(bill.at("/period/start").asText()).endsWith("-15");
        wait.until(d -> !text("billLinesTitle").equals(periodBefore));
        assertThat(text("billLinesTitle")).contains(" 15");
        assertThat(new Select(field("meter")).getFirstSelectedOption().getText()).isEqualTo("home-1 · Our flat");
        assertThat(text("billWon")).isEqualTo(String.format("%,d", bill.at("/billSoFar/totalWon").asLong()));
        assertThat(get("/api/v1/alert-webhook").get("url").asText()).isEqualTo("http://127.0.0.1:9/gridpulse-alerts");
        browser.findElement(By.id("settingsButton")).click(); // the form shows the webhook and how delivery goes
        wait.until(d -> d.findElement(By.id("settingsCard")).isDisplayed());
        assertThat(field("setWebhook").getDomProperty("value")).isEqualTo("http://127.0.0.1:9/gridpulse-alerts");
        assertThat(text("webhookStatus")).startsWith("delivered 0 · failed ");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void aViewOnlyLinkShowsThatHomeAloneAndNoSettings() throws Exception {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        long day0 = SeoulTestHousehold.midnightDaysAgoMs(2);
        ingestHousehold(METER, day0, System.currentTimeMillis());
        ingestHousehold(new MeterRef(TenantId.DEFAULT, new MeterId("home-2")), day0, System.currentTimeMillis());
        browser.manage().window().setSize(new Dimension(1280, 2400));
        browser.get("http://localhost:" + server.port() + "/#key=" + KEY + "&meter=home-1");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("billsCard")).isDisplayed());
        assertThat(browser.findElement(By.id("fleetLink")).isDisplayed()).as("an operator's two meters").isTrue();
        browser.findElement(By.id("settingsButton")).click();
        wait.until(d -> d.findElement(By.id("settingsCard")).isDisplayed());
        browser.findElement(By.id("shareMake")).click();
        wait.until(d -> d.findElement(By.id("shareLink")).isDisplayed());
        String link = field("shareLink").getDomProperty("value");
        assertThat(link).contains("#key=gp_", "&meter=home-1");
        assertThat(get("/api/v1/keys").get("keys").findValuesAsText("meterId")).contains("home-1");

        browser.get("about:blank");
        browser.get(link);
        wait.until(d -> d.findElement(By.id("billsCard")).isDisplayed());
        assertThat(new Select(field("meter")).getOptions()).extracting(WebElement::getText).containsExactly("home-1");
        assertThat(field("settingsButton").isDisplayed()).isFalse();
        assertThat(field("fleetLink").isDisplayed()).isFalse();
        assertThat(text("billWon")).isNotEqualTo("–");
        assertThat(field("error").isDisplayed()).isFalse();
    }

    private WebElement field(String id) {
        return browser.findElement(By.id(id));
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
