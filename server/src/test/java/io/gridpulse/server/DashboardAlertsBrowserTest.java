package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.server.auth.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's alerts in Korean are said from each alert's type and details, not the server's
 * English message: kept alerts (tier, budget) and live ones on the SSE stream (anomalies); an
 * unknown type shows its message. In English the anomalies' messages stay as they are, and the
 * bill alerts (message "English / Korean") are said from their details too, in English only.
 * Screenshots: target/dashboard-alerts-{ko,en}.png.
 */
class DashboardAlertsBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "browser-alerts-key-0123456789";
    private static final MeterRef METER = new MeterRef(TenantId.DEFAULT, new MeterId("home-1"));
    private static final String USAGE_HIGH_EN = "Between 14:00 and 15:00 you used 3.16 kWh, 24.3 times the usual 0.13 kWh for a weekday at this hour.";
    private static final String LEFT_ON_EN = "Something drawing about 1200 W has been on without a break for 3 h 0 min, more than this home "
            + "usually has on at this time of day. Check for an iron, heater or oven left on.";
    private static final String BUDGET_EN = "This period's bill (427450 won) is over your budget of 50000 won. / 이번 달 요금이 예산 50000원을 넘었습니다.";

    @BeforeEach
    void start() {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
    }

    @Test
    void alertsReadInKoreanFromTheirDetailsAndStayEnglishInEnglish() throws Exception {
        long now = System.currentTimeMillis() / 1000 * 1000;
        List<Reading> readings = new ArrayList<>();
        for (long t = now - 600_000; t < now; t += 1000) {
            readings.add(Reading.ofPower(t, 450_000));
        }
        server.pipeline().ingest(METER, readings);
        server.alerts().record(event(now - 300_000, "tier-entered", "Your usage this period has entered tier 2; "
                + "each further kWh costs more. / 이번 달 사용량이 누진 2단계에 들어섰습니다.", Map.of("tier", 2, "previousTier", 1)));
        server.alerts().record(event(now - 240_000, "budget-exceeded", BUDGET_EN,
                Map.of("budgetWon", 50_000, "billSoFarWon", 427_450, "projectedTotalWon", 612_300)));
        server.alerts().record(event(now - 180_000, "some-future-type", "A kind of alert this dashboard does not know yet.", Map.of()));

        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        browser.executeScript("localStorage.setItem('gp.lang', 'ko')");
        browser.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> alertText().contains("예산"));
        wait.until(d -> server.live().subscriberCount() > 0);
        server.live().publish(event(now - 120_000, "appliance-left-on", LEFT_ON_EN,
                Map.of("extraPowerW", 1200, "runningMs", 3 * 3_600_000L, "sinceTs", now - 3 * 3_600_000L)));
        server.live().publish(event(now - 60_000, "usage-high", USAGE_HIGH_EN, Map.of("energyWh", 3160,
                "expectedEnergyWh", 130, "hour", 14, "timesUsual", 24.3, "dayType", "weekday")));
        wait.until(d -> alertText().contains("14시"));
        String korean = alertText();
        screenshot("ko");
        browser.findElement(By.id("lang")).click();
        wait.until(d -> alertText().contains("Between"));
        String english = alertText();
        String englishBill = browser.findElement(By.id("billCard")).getText();
        screenshot("en");

        assertThat(korean).contains(
                "14시~15시 사용량 3.16 kWh — 평일 이 시간대 평소(0.13 kWh)의 24.3배입니다.",
                "평소 이 시간대보다 약 1,200 W 많은 전력이 3시간째 끊기지 않고 쓰이고 있습니다.",
                "이번 달 요금(427,450원)이 예산 50,000원을 넘었습니다.",
                "이번 달 사용량이 누진 2단계에 들어섰습니다.",
                "A kind of alert this dashboard does not know yet.");
        assertThat(korean).doesNotContain("Between", "Something drawing", "over your budget", "entered tier");
        assertThat(english).contains(USAGE_HIGH_EN, LEFT_ON_EN, "A kind of alert this dashboard does not know yet.",
                "This period's bill (₩427,450) is over your budget of ₩50,000.",
                "Your usage this period has entered tier 2; each further kWh costs more.");
        assertThat(english).doesNotContainPattern("\\p{IsHangul}"); // the bill alerts' message is English / Korean
        assertThat(englishBill).contains("won").doesNotContainPattern("\\p{IsHangul}");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    private static MeterEvent event(long ts, String type, String message, Map<String, Object> details) {
        return new MeterEvent(METER, ts, type, "warning", message, details);
    }

    private String alertText() {
        return browser.findElement(By.id("alertList")).getText();
    }

    private void screenshot(String lang) throws Exception {
        Files.write(Path.of("target", "dashboard-alerts-" + lang + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
