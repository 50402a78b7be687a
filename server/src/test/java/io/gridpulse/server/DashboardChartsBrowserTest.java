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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The charts' time axes and legends speak the page's language, in the meter's zone, and no two
 * axis labels overlap. uPlot draws axes on a canvas, so the page's {@code fillText} calls are
 * recorded (since each canvas was last cleared) and read back. Data: 14 days of the
 * {@link SeoulTestHousehold}, one value a minute, then the last 10 minutes at 1 Hz, plus a tier
 * and a budget alert. Screenshots of the whole page: target/dashboard-charts-{ko,en}.png.
 */
class DashboardChartsBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "browser-charts-key-0123456789";
    private static final MeterRef METER = new MeterRef(TenantId.DEFAULT, new MeterId("home-1"));
    private static final int DAYS = 14;
    /** Yesterday 08:00: the heater left on raises anomalies for the alert list. */
    private static final int HEATER_START_MINUTE = (DAYS - 1) * 1440 + 8 * 60;
    /** Records what each canvas shows: the text, its box and whether it is rotated (an axis title). */
    private static final String RECORD_CANVAS_TEXT = """
            window.drawnText = new Map();
            const proto = CanvasRenderingContext2D.prototype, fill = proto.fillText, clear = proto.clearRect;
            proto.clearRect = function (...a) { window.drawnText.set(this.canvas, []); return clear.apply(this, a); };
            proto.fillText = function (text, x, y, ...rest) {
              if (!window.drawnText.has(this.canvas)) window.drawnText.set(this.canvas, []);
              window.drawnText.get(this.canvas).push({ text: String(text), x, y, width: this.measureText(text).width,
                align: this.textAlign, rotated: this.getTransform().b !== 0 });
              return fill.call(this, text, x, y, ...rest);
            };""";
    /** Per chart: its x-axis labels (centred, on the most common line) and those that overlap the one before or are cut by the canvas edge. */
    private static final String X_AXES = """
            const out = {};
            for (const [canvas, items] of window.drawnText) {
              if (!canvas.isConnected) continue; // a chart redrawn in another language
              const chart = canvas.closest('[id$=Chart]');
              const centred = items.filter(i => i.align === 'center' && !i.rotated);
              const lines = {};
              centred.forEach(i => (lines[i.y] = lines[i.y] || []).push(i));
              const labels = Object.values(lines).sort((a, b) => b.length - a.length)[0] || [];
              labels.sort((a, b) => a.x - b.x);
              const overlaps = labels.slice(1).filter((l, k) => labels[k].x + labels[k].width / 2 + 4 > l.x - l.width / 2)
                  .map(l => l.text);
              const cut = labels.filter(l => l.x - l.width / 2 < 0 || l.x + l.width / 2 > canvas.width).map(l => l.text);
              out[chart.id] = { labels: labels.map(l => l.text), unreadable: overlaps.concat(cut) };
            }
            return out;""";

    @BeforeEach
    void start() throws Exception {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        ingest();
        long now = System.currentTimeMillis();
        server.alerts().record(new MeterEvent(METER, now - 7_200_000, "tier-entered", "info",
                "Your usage this period has entered tier 2; each further kWh costs more. / 이번 달 사용량이 누진 2단계에 들어섰습니다.",
                Map.of("tier", 2, "previousTier", 1)));
        server.alerts().record(new MeterEvent(METER, now - 3_600_000, "budget-exceeded", "critical",
                "This period's bill (52300 won) is over your budget of 50000 won. / 이번 달 요금이 예산 50000원을 넘었습니다.",
                Map.of("budgetWon", 50_000, "billSoFarWon", 52_300, "projectedTotalWon", 61_000)));
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CANVAS_TEXT));
        browser.manage().window().setSize(new Dimension(1280, 2000));
    }

    @Test
    void axesAndLegendsFollowTheLanguageWithoutOverlappingLabels() throws Exception {
        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        browser.executeScript("localStorage.setItem('gp.lang', 'ko')");
        browser.navigate().refresh();
        Map<String, Map<String, List<String>>> korean = axesOnceDrawn();
        List<String> koreanLegend = legendLabels();
        screenshot("ko");
        browser.findElement(By.id("lang")).click();
        Map<String, Map<String, List<String>>> english = axesOnceDrawn();
        List<String> englishLegend = legendLabels();
        screenshot("en");

        assertThat(korean.get("liveChart").get("labels")).as("%s", korean).isNotEmpty().allMatch(l -> l.matches("(오전|오후) \\d{1,2}:\\d{2}(:\\d{2})?"));
        assertThat(korean.get("dayChart").get("labels")).as("%s", korean).isNotEmpty()
                .allMatch(l -> l.matches("(오전|오후) \\d{1,2}:\\d{2}|\\d{1,2}월 \\d{1,2}일"));
        assertThat(korean.get("daysChart").get("labels")).as("%s", korean).isNotEmpty().allMatch(l -> l.matches("\\d{1,2}월 \\d{1,2}일"));
        assertThat(koreanLegend).contains("시각", "전력 (W)", "사용량 (kWh)");
        assertThat(english.get("liveChart").get("labels")).as("%s", english).isNotEmpty().allMatch(l -> l.matches("\\d{1,2}:\\d{2}(:\\d{2})? [ap]m"));
        assertThat(english.get("dayChart").get("labels")).as("%s", english).isNotEmpty()
                .allMatch(l -> l.matches("\\d{1,2}:\\d{2} [ap]m|[A-Z][a-z]{2} \\d{1,2}"));
        assertThat(english.get("daysChart").get("labels")).as("%s", english).isNotEmpty().allMatch(l -> l.matches("[A-Z][a-z]{2} \\d{1,2}"));
        assertThat(englishLegend).contains("Time", "Power (W)", "Usage (kWh)").noneMatch(l -> l.matches(".*\\p{IsHangul}.*"));
        for (Map<String, Map<String, List<String>>> axes : List.of(korean, english)) {
            axes.forEach((chart, axis) -> assertThat(axis.get("unreadable")).as(chart + " " + axis.get("labels")).isEmpty());
        }
    }

    /** The x axes of the three charts, once each has labels. */
    @SuppressWarnings("unchecked")
    private Map<String, Map<String, List<String>>> axesOnceDrawn() {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> {
            // Data first, then the axes: the charts are drawn (with ticks) before their data arrives.
            if (alertText().isEmpty() || browser.findElement(By.id("todayKwh")).getText().equals("–")) {
                return null;
            }
            Map<String, Map<String, List<String>>> axes = (Map<String, Map<String, List<String>>>) browser.executeScript(X_AXES);
            return axes.size() == 3 && axes.values().stream().allMatch(a -> !a.get("labels").isEmpty()) ? axes : null;
        });
    }

    private List<String> legendLabels() {
        return browser.findElements(By.cssSelector(".u-legend .u-label")).stream().map(WebElement::getText).toList();
    }

    private String alertText() {
        return browser.findElement(By.id("alertList")).getText();
    }

    /**
     * One value a minute from 14 days ago, then the last 10 minutes at 1 Hz, the newest reading on
     * a whole minute: its axis tick then sits on the live chart's right edge, where a centred
     * label is cut unless the page leaves it out (the hardest case, every run, not only in the
     * first second of a minute).
     */
    private void ingest() throws InterruptedException {
        long day0Ms = SeoulTestHousehold.midnightDaysAgoMs(DAYS);
        long now = System.currentTimeMillis() / 60_000 * 60_000 + 1000;
        for (List<Reading> batch : SeoulTestHousehold.minuteBatches(day0Ms, day0Ms, now - 600_000, HEATER_START_MINUTE)) {
            server.pipeline().ingest(METER, batch);
        }
        List<Reading> batch = new ArrayList<>();
        for (long t = now - 600_000; t < now; t += 1000) {
            batch.add(Reading.ofPower(t, 450_000 + (t / 1000 % 60) * 10_000));
        }
        server.pipeline().ingest(METER, batch);
        assertThat(server.liveInsights().awaitIdle(30_000)).isTrue();
    }

    private void screenshot(String lang) throws Exception {
        Files.write(Path.of("target", "dashboard-charts-" + lang + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
