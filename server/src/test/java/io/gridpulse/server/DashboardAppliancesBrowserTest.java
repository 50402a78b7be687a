package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.analytics.nilm.ApplianceModel;
import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.analytics.nilm.NilmTrainer;
import io.gridpulse.analytics.nilm.tree.TreeParams;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.sim.HouseholdSimulator;
import io.gridpulse.ingest.sim.SignatureLibrary;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.nilm.SimulatedTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's appliance card in headless Chromium: simulated home 3 on a summer day up to
 * 20:00 (server clock fixed there), disaggregated by a small model trained on the two days before;
 * then a meter without a model, whose card stays hidden. Screenshots: target/dashboard-appliances-*.png.
 */
class DashboardAppliancesBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "browser-appliances-key-0123456789";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final long DAY_MS = LocalDate.of(2026, 7, 22).atStartOfDay(SEOUL).toInstant().toEpochMilli();
    private static final long NOW_MS = DAY_MS + 20 * 3600_000L;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC);
        open(TestServer.start(dir, ServerConfig.defaults(0), clock, KEY, Scope.ADMIN));
    }

    @Test
    void applianceCardShowsEnergyAndWonPerApplianceInKoreanAndEnglish() throws Exception {
        SignatureLibrary signatures = SignatureLibrary.parametric();
        MeterRef home = new MeterRef(TenantId.DEFAULT, new MeterId("home-3"));
        HouseholdSimulator simulated = new HouseholdSimulator(3, SEOUL, signatures);
        ingest(home, simulated, DAY_MS, NOW_MS - 3600_000L);
        var options = new NilmTrainer.Options(1800, 300, new TreeParams(15, 4, 0.3, 20, 0.5, 32, false, 42), 0.03, 15_000);
        NilmModel model = SimulatedTraining.train(new HouseholdSimulator(3, SEOUL, signatures),
                DAY_MS - 2 * 86_400_000L, DAY_MS, options, line -> {});
        server.nilmModels().save(home, model);
        // The last hour after the model: the online NILM starts with it and says what is on at 20:00.
        ingest(home, simulated, NOW_MS - 3600_000L, NOW_MS);
        assertThat(server.liveInsights().awaitIdle(30_000)).isTrue();
        JsonNode answer = json.readTree(running.send("GET", "/api/v1/meters/home-3/appliances", null, KEY).body());

        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        browser.executeScript("localStorage.setItem('gp.lang', 'ko')");
        browser.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> d.findElement(By.id("appliancesCard")).isDisplayed());
        String korean = browser.findElement(By.id("appliancesCard")).getText();
        screenshot("ko");
        browser.findElement(By.id("lang")).click();
        wait.until(d -> d.findElement(By.id("appliancesCard")).getText().contains("Appliances today"));
        String english = browser.findElement(By.id("appliancesCard")).getText();
        screenshot("en");

        assertThat(korean).contains("오늘 가전별 사용량", "냉장고", "미확인", "kWh", "원");
        assertThat(english).contains("Fridge", "Unidentified", "₩");
        assertThat(browser.findElements(By.cssSelector("#applianceBars .fill")).size()).isGreaterThan(3);
        // Two training days hold too few runs of one of this home's appliances: only its typical
        // level is known, and its bar says so.
        assertThat(model.appliances().stream().filter(ApplianceModel::typicalLevelOnly)).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#applianceBars .fill.typical"))).isNotEmpty();
        assertThat(english).contains("typical level", "not recognised in this home's signal");
        assertThat(korean).contains("평소 수준");
        assertLanesShowOnPeriods(answer);
        assertOnNowBadges(answer);
        assertThat(korean).contains("작동 중");
        assertThat(english).contains("on now");
    }

    /**
     * Each appliance with on-periods today has a lane over the local day with one mark per period
     * where the API puts it, and the hours after the server's now (20:00) are shaded.
     */
    private void assertLanesShowOnPeriods(JsonNode answer) {
        double dayMs = 86_400_000.0;
        int lanes = 0;
        for (JsonNode a : answer.get("appliances")) {
            JsonNode periods = a.get("onPeriods");
            if (a.get("energyWh").asDouble() < 1 && !a.get("appliance").asText().equals("unidentified")) {
                continue; // not listed: under 1 Wh
            }
            List<WebElement> marks = browser.findElements(By.cssSelector(
                    "#applianceBars .use[data-appliance='" + a.get("appliance").asText() + "'] .lane span"));
            assertThat(marks).as(a.get("appliance").asText()).hasSize(periods.size());
            for (int i = 0; i < periods.size(); i++) {
                long start = Math.max(DAY_MS, periods.get(i).get("startMs").asLong());
                double left = Double.parseDouble(marks.get(i).getCssValue("left").replace("px", ""));
                double laneWidth = marks.get(i).findElement(By.xpath("..")).getRect().getWidth();
                assertThat(left / laneWidth).isCloseTo((start - DAY_MS) / dayMs, within(0.005));
            }
            lanes += periods.isEmpty() ? 0 : 1;
        }
        assertThat(lanes).isGreaterThanOrEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("#applianceBars .lane"))).hasSize(lanes);
        WebElement later = browser.findElement(By.cssSelector("#applianceBars .lane .later"));
        double left = Double.parseDouble(later.getCssValue("left").replace("px", ""));
        assertThat(left / later.findElement(By.xpath("..")).getRect().getWidth()).isCloseTo(20 / 24.0, within(0.005));
        assertThat(browser.findElement(By.cssSelector("#applianceBars .axis")).getText()).contains("00", "06", "12", "18", "24");
    }

    /** "On now" tags are on exactly the listed appliances the online NILM sees on at the server's now. */
    private void assertOnNowBadges(JsonNode answer) {
        List<String> onNow = new ArrayList<>();
        answer.get("onNow").forEach(n -> onNow.add(n.asText()));
        assertThat(onNow).isNotEmpty();
        int listedOn = 0;
        for (WebElement use : browser.findElements(By.cssSelector("#applianceBars .use"))) {
            WebElement name = use.findElement(By.xpath("preceding-sibling::span[1]"));
            boolean on = onNow.contains(use.getDomAttribute("data-appliance"));
            assertThat(name.findElements(By.cssSelector(".on"))).as(use.getDomAttribute("data-appliance")).hasSize(on ? 1 : 0);
            listedOn += on ? 1 : 0;
        }
        assertThat(listedOn).isPositive();
    }

    @Test
    void applianceCardIsHiddenForAMeterWithoutModel() {
        MeterRef bare = new MeterRef(TenantId.DEFAULT, new MeterId("no-model"));
        server.pipeline().ingest(bare, List.of(Reading.ofPower(NOW_MS - 60_000, 400_000), Reading.ofPower(NOW_MS - 59_000, 400_000)));

        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> !d.findElement(By.id("todayKwh")).getText().equals("–"));
        wait.until(d -> ((ChromeDriver) d).executeScript("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes('/appliances'))").equals(Boolean.TRUE));
        assertThat(browser.findElement(By.id("appliancesCard")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    private void ingest(MeterRef meter, HouseholdSimulator home, long fromMs, long toMs) {
        long[] power = new long[3600];
        for (long t = fromMs; t < toMs; t += 3600_000L) {
            home.fill(t, 1000, power.length, power);
            List<Reading> batch = new ArrayList<>(power.length);
            for (int i = 0; i < power.length; i++) {
                batch.add(Reading.ofPower(t + i * 1000L, power[i]));
            }
            server.pipeline().ingest(meter, batch);
        }
    }

    private void screenshot(String lang) throws Exception {
        Files.write(Path.of("target", "dashboard-appliances-" + lang + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
