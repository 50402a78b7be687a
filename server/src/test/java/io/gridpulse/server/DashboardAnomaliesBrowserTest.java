package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.server.auth.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Anomalies are not kept in the alert log, yet a dashboard opened (or reloaded) after one was
 * raised lists it, from {@code /anomalies}: 14 days of the {@link SeoulTestHousehold} up to
 * yesterday, with the heater left on yesterday from 08:00. The same event arriving again on the
 * live stream is listed once.
 */
class DashboardAnomaliesBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "browser-anomalies-key-0123456789";
    private static final MeterRef METER = new MeterRef(TenantId.DEFAULT, new MeterId("home-1"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DAYS = 14;
    private static final int HEATER_START_MINUTE = (DAYS - 1) * 1440 + 8 * 60;
    /** Part of the Korean appliance-left-on text. */
    private static final String LEFT_ON_KO = "끊기지 않고 쓰이고 있습니다";

    @BeforeEach
    void start() throws Exception {
        open(TestServer.start(dir, KEY, Scope.ADMIN));
        long day0Ms = SeoulTestHousehold.midnightDaysAgoMs(DAYS);
        long lastDayMs = day0Ms + (DAYS - 1) * 86_400_000L;
        // The last day is fed apart, as LiveInsightsEndToEndTest does: the anomaly comes from the online processor.
        ingest(SeoulTestHousehold.minuteBatches(day0Ms, day0Ms, lastDayMs, HEATER_START_MINUTE));
        ingest(SeoulTestHousehold.minuteBatches(day0Ms, lastDayMs, lastDayMs + 86_400_000L, HEATER_START_MINUTE));
    }

    @Test
    void anomalyRaisedBeforeThePageOpenedIsListedOnceAfterReload() throws Exception {
        JsonNode leftOn = anomaly("appliance-left-on");

        browser.get("http://localhost:" + server.port() + "/#key=" + KEY);
        browser.executeScript("localStorage.setItem('gp.lang', 'ko')");
        browser.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(d -> alertText().contains(LEFT_ON_KO));
        wait.until(d -> server.live().subscriberCount() > 0);
        server.live().publish(new MeterEvent(METER, leftOn.get("ts").asLong(), "appliance-left-on",
                leftOn.get("severity").asText(), leftOn.get("message").asText(), JSON.convertValue(leftOn.get("details"), Map.class)));
        server.live().publish(new MeterEvent(METER, System.currentTimeMillis(), "usage-high", "warning",
                "Between 14:00 and 15:00 ...", Map.of("energyWh", 3160, "expectedEnergyWh", 130, "hour", 14,
                        "timesUsual", 24.3, "dayType", "weekday")));
        wait.until(d -> alertText().contains("14시~15시")); // the stream is in order: the repeat came before

        assertThat(alertText().split(LEFT_ON_KO, -1)).hasSize(2);
    }

    private JsonNode anomaly(String type) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + "/api/v1/meters/home-1/anomalies")).header("Authorization", "Bearer " + KEY).build();
        JsonNode body = JSON.readTree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode e : body.get("events")) {
            if (e.get("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " in " + body);
    }

    private void ingest(List<List<Reading>> batches) throws InterruptedException {
        for (List<Reading> batch : batches) {
            server.pipeline().ingest(METER, batch);
        }
        assertThat(server.liveInsights().awaitIdle(30_000)).isTrue();
    }

    private String alertText() {
        return browser.findElement(By.id("alertList")).getText();
    }
}
