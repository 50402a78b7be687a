package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standby, anomalies and forecast over HTTP against the real server on port 0: 14 days of a
 * Seoul household at one reading a minute (80 W always on, 2 kW cooking 18–19 h, a 1.2 kW heater
 * left on from 22:00 on day 12), the meter silent since 10:00 on day 14, the clock at 20:00.
 */
class InsightRoutesEndToEndTest {
    private static final String KEY = "insights-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY0_MS = SeoulTestHousehold.DAY0_MS;
    private static final int HEATER_START_MINUTE = 12 * 1440 + 22 * 60;
    private static final int LAST_MINUTE = 14 * 1440 + 10 * 60;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Clock clock = Clock.fixed(java.time.Instant.ofEpochMilli(DAY0_MS + (14 * 1440 + 20 * 60) * 60_000L), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ReadingStore store;
    private GridPulseServer server;

    @BeforeEach
    void start() {
        store = ReadingStore.open(StorageConfig.defaults(dir), clock);
        server = new GridPulseServer(ServerConfig.defaults(0), store, clock);
        server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.ADMIN, "admin");
        server.start();
        MeterRef ref = new MeterRef(TenantId.DEFAULT, new io.gridpulse.core.MeterId("home"));
        for (int day = 0; day * 1440 < LAST_MINUTE; day++) {
            List<Reading> batch = new ArrayList<>();
            for (int m = day * 1440; m < Math.min((day + 1) * 1440, LAST_MINUTE); m++) {
                batch.add(Reading.ofPower(DAY0_MS + m * 60_000L, Math.round(watts(m) * 1000)));
            }
            server.pipeline().ingest(ref, batch);
        }
    }

    private static double watts(int minute) {
        return SeoulTestHousehold.watts(minute, HEATER_START_MINUTE);
    }

    @AfterEach
    void stop() {
        server.close();
        store.close();
    }

    private JsonNode get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + KEY).GET().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void standbyReportsBaseloadAndMonthlyStandbyEnergy() throws Exception {
        JsonNode body = get("/api/v1/meters/home/standby");
        assertThat(body.get("baseloadW").asDouble()).isCloseTo(80, within(0.5));
        JsonNode march = body.get("months").get(0);
        assertThat(march.get("month").asText()).isEqualTo("2026-03");
        assertThat(march.get("standbyEnergyWh").asDouble()).isCloseTo(80 * 24 * march.get("days").asInt(), within(20.0));
        // Marginal cost under KEPCO low voltage: at least the tier-1 rate, at most the tier-3 rate
        // plus climate and fuel charges, VAT and fund, per standby kWh.
        double standbyKwh = march.get("standbyEnergyWh").asDouble() / 1000;
        assertThat(march.get("standbyCostWon").asLong()).isBetween(Math.round(standbyKwh * 120.0),
                Math.round(standbyKwh * (307.3 + 9.0 + 5.0) * 1.1 * 1.037) + 20);
        assertThat(body.get("jumps")).isEmpty();
    }

    @Test
    void anomaliesExplainTheHeaterLeftOnAndTheSilentMeter() throws Exception {
        JsonNode events = get("/api/v1/meters/home/anomalies").get("events");
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).contains("appliance-left-on", "meter-silent");
        events.forEach(e -> assertThat(e.get("ts").asLong()).isPositive());
        assertThat(events.findValuesAsText("message")).anyMatch(m -> m.contains("1200 W"));
    }

    @Test
    void forecastProjectsTheBillingPeriodEnergy() throws Exception {
        JsonNode body = get("/api/v1/meters/home/forecast?date=2026-03-14");
        assertThat(body.get("periodStart").asText()).isEqualTo("2026-03-01");
        assertThat(body.get("periodEnd").asText()).isEqualTo("2026-04-01");
        assertThat(body.get("expectedEnergyWh").asDouble()).isGreaterThan(body.get("energySoFarWh").asDouble());
        assertThat(body.get("nextDay").get("hourlyEnergyWh")).hasSize(24);
        assertThat(body.get("nextDay").get("hourlyEnergyWh").get(18).asDouble()).isCloseTo(2080, within(1.0));
    }

    @Test
    void insightsOfAnUnknownMeterAreNotFound() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/meters/nope/forecast"))
                .header("Authorization", "Bearer " + KEY).GET().build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }
}
