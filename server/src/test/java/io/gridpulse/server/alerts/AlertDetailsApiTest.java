package io.gridpulse.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.MovableClock;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every alert type the dashboard shows, raised by the real server and read back over the API
 * ({@code /alerts}, {@code /anomalies}: the same event maps the {@code /live} stream sends),
 * carries in {@code details} the numbers its Korean text in {@code app.js} is made from.
 */
class AlertDetailsApiTest {
    private static final String KEY = "alert-details-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final long HOUR_MS = 3_600_000L;
    private static final long PERIOD_START_MS = LocalDate.of(2026, 8, 1).atStartOfDay(SEOUL).toInstant().toEpochMilli();
    /** A Monday: 14 days of minutes from here feed the anomaly detectors. */
    private static final long DAY0_MS = LocalDate.of(2026, 8, 3).atStartOfDay(SEOUL).toInstant().toEpochMilli();
    private static final long DATA_END_MS = DAY0_MS + 14 * 24 * HOUR_MS;

    /** The details each type's Korean template in app.js uses (meter-silent: from either source). */
    static final Map<String, List<String>> NEEDED = Map.ofEntries(
            Map.entry("usage-high", List.of("hour", "energyWh", "expectedEnergyWh", "timesUsual", "dayType")),
            Map.entry("appliance-left-on", List.of("extraPowerW", "runningMs")),
            Map.entry("baseload-jump", List.of("firstDay", "fromW", "toW", "deltaW", "monthlyEnergyWh")),
            Map.entry("meter-silent/anomaly", List.of("silentMs", "longestNormalPauseMs")),
            Map.entry("meter-silent/server", List.of("silentForMs")),
            Map.entry("meter-back", List.of()),
            Map.entry("tier-entered", List.of("tier")),
            Map.entry("tier-projected", List.of("projectedTier", "projectedCrossingDate")),
            Map.entry("super-user-risk", List.of()),
            Map.entry("budget-exceeded", List.of("billSoFarWon", "budgetWon")),
            Map.entry("budget-projected", List.of("projectedTotalWon", "budgetWon")));

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(DATA_END_MS + 3 * HOUR_MS);
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer t;

    @BeforeEach
    void start() {
        t = TestServer.start(dir, ServerConfig.defaults(0), clock, KEY, Scope.ADMIN);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void everyAlertTypeCarriesTheNumbersItsTextNeeds() throws Exception {
        Map<String, List<JsonNode>> byType = new TreeMap<>();
        anomalies().forEach(e -> byType.computeIfAbsent(kind(e, "anomaly"), k -> new ArrayList<>()).add(e));
        billAlerts().forEach(e -> byType.computeIfAbsent(kind(e, "server"), k -> new ArrayList<>()).add(e));
        silenceAlerts().forEach(e -> byType.computeIfAbsent(kind(e, "server"), k -> new ArrayList<>()).add(e));

        assertThat(byType).as("every type the dashboard says in Korean was raised").containsOnlyKeys(NEEDED.keySet());
        byType.forEach((type, events) -> events.forEach(e -> assertThat(NEEDED.get(type))
                .as("%s details %s", type, e.get("details"))
                .allMatch(field -> e.at("/details/" + field).isValueNode() && !e.at("/details/" + field).isNull())));
    }

    /** meter-silent comes from the anomaly detector or the server's SilenceWatcher, with different details. */
    private static String kind(JsonNode event, String source) {
        String type = event.get("type").asText();
        return type.equals("meter-silent") ? type + "/" + source : type;
    }

    /** A home with an always-on step, a heater left on and one very high hour, silent for the last 3 h. */
    private List<JsonNode> anomalies() throws Exception {
        MeterRef home = meter("home");
        for (int day = 0; day < 14; day++) {
            List<Reading> batch = new ArrayList<>();
            for (int m = day * 1440; m < (day + 1) * 1440; m++) {
                batch.add(Reading.ofPower(DAY0_MS + m * 60_000L, Math.round(anomalyWatts(m) * 1000)));
            }
            t.server.pipeline().ingest(home, batch);
        }
        assertThat(t.server.liveInsights().awaitIdle(30_000)).isTrue();
        List<JsonNode> out = new ArrayList<>();
        get("/api/v1/meters/home/anomalies").get("events").forEach(out::add);
        return out;
    }

    private static double anomalyWatts(int minute) {
        int m = minute % 1440;
        int day = minute / 1440;
        double base = day >= 5 ? 250 : 100;
        double cooking = m >= 18 * 60 && m < 19 * 60 ? 2000 : 0;
        double heater = day == 9 && m >= 8 * 60 && m < 16 * 60 ? 1200 : 0;
        double spike = day == 11 && m >= 14 * 60 && m < 15 * 60 ? 3000 : 0;
        return base + cooking + heater + spike;
    }

    /** Two households this August: one heading into tier 3 over its budget, one far past it all. */
    private List<JsonNode> billAlerts() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        out.addAll(billAlerts("mid", 100_000, 1_200));
        out.addAll(billAlerts("big", 50_000, 4_000));
        return out;
    }

    private List<JsonNode> billAlerts(String id, long budgetWon, long whPerHour) throws Exception {
        MeterRef meter = meter(id);
        long split = PERIOD_START_MS + 4 * 24 * HOUR_MS;
        register(meter, PERIOD_START_MS, split, 100, 0);
        put("/api/v1/meters/" + id, "{\"budgetWon\":" + budgetWon + "}");
        t.server.billWatcher().touched(meter);
        t.server.billWatcher().check(); // the baseline
        register(meter, split + 600_000, DATA_END_MS, whPerHour, 96 * 100 * 1000);
        t.server.billWatcher().touched(meter);
        t.server.billWatcher().check();
        List<JsonNode> out = new ArrayList<>();
        get("/api/v1/meters/" + id + "/alerts").get("alerts").forEach(out::add);
        return out;
    }

    private List<JsonNode> silenceAlerts() throws Exception {
        MeterRef quiet = meter("quiet");
        t.server.pipeline().ingest(quiet, List.of(Reading.ofPower(clock.millis() - 1000, 100_000)));
        clock.advanceMs(ServerConfig.defaults(0).silentAfterMs());
        t.server.silenceWatcher().check();
        clock.advanceMs(60_000);
        t.server.pipeline().ingest(quiet, List.of(Reading.ofPower(clock.millis() - 1000, 100_000)));
        List<JsonNode> out = new ArrayList<>();
        get("/api/v1/meters/quiet/alerts").get("alerts").forEach(out::add);
        return out;
    }

    /** A register reading every 10 minutes adding {@code whPerHour} each hour. */
    private void register(MeterRef meter, long fromMs, long toMs, long whPerHour, long startMilliwattHours) {
        List<Reading> readings = new ArrayList<>();
        long register = startMilliwattHours;
        for (long ts = fromMs; ts <= toMs; ts += 600_000) {
            readings.add(new Reading(ts, whPerHour * 1000, register));
            register += whPerHour * 1000 / 6;
        }
        t.server.pipeline().ingest(meter, readings);
    }

    private static MeterRef meter(String id) {
        return new MeterRef(TenantId.DEFAULT, new MeterId(id));
    }

    private JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private JsonNode put(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + t.server.port() + path);
    }
}
