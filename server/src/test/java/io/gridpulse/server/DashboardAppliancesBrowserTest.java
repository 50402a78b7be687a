package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.WebDriver;
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

    @BeforeEach
    void start() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC);
        open(TestServer.start(dir, ServerConfig.defaults(0), clock, KEY, Scope.ADMIN));
    }

    @Test
    void applianceCardShowsEnergyAndWonPerApplianceInKoreanAndEnglish() throws Exception {
        SignatureLibrary signatures = SignatureLibrary.parametric();
        MeterRef home = new MeterRef(TenantId.DEFAULT, new MeterId("home-3"));
        ingestDay(home, new HouseholdSimulator(3, SEOUL, signatures));
        var options = new NilmTrainer.Options(1800, 300, new TreeParams(15, 4, 0.3, 20, 0.5, 32, false, 42), 0.03, 15_000);
        NilmModel model = SimulatedTraining.train(new HouseholdSimulator(3, SEOUL, signatures),
                DAY_MS - 2 * 86_400_000L, DAY_MS, options, line -> {});
        server.nilmModels().save(home, model);

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

    private void ingestDay(MeterRef meter, HouseholdSimulator home) {
        long[] power = new long[3600];
        for (long t = DAY_MS; t < NOW_MS; t += 3600_000L) {
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
