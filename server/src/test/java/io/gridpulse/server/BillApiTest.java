package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bill of a stored meter through the real server, at a fixed moment. */
class BillApiTest {
    private static final String KEY = "bill-test-admin-key-0123";
    private static final Instant PERIOD_START = Instant.parse("2026-02-28T15:00:00Z"); // 2026-03-01 00:00 KST
    private static final Instant NOW = Instant.parse("2026-03-20T03:00:00Z"); // 12:00 KST, day 20
    private static final MeterRef METER = new MeterRef(TenantId.DEFAULT, new MeterId("home-1"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestServer running;
    private ReadingStore store;
    private GridPulseServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        running = TestServer.start(dir, ServerConfig.defaults(0), Clock.fixed(NOW, ZoneOffset.UTC), KEY, Scope.ADMIN);
        store = running.store;
        server = running.server;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    /** A register reading every 10 minutes adding {@code whPerHour} each hour, from `from` to `to`. */
    private void consume(Instant from, Instant to, long whPerHour, long startRegisterMilliwattHours) {
        List<Reading> readings = new ArrayList<>();
        long register = startRegisterMilliwattHours;
        for (long t = from.toEpochMilli(); t <= to.toEpochMilli(); t += 600_000) {
            readings.add(new Reading(t, whPerHour * 1000, register));
            register += whPerHour * 1000 / 6;
        }
        server.pipeline().ingest(METER, readings);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void projectedEnergyIsTheForecastsPeriodEndSoBillAndForecastAgree() throws Exception {
        // 300 W for the 20 days before the period, 600 W since it began: the forecast weighs the
        // month before the period in, where the period-so-far rate (naive) would not
        List<Reading> readings = new ArrayList<>();
        for (long t = PERIOD_START.toEpochMilli() - 20 * 86_400_000L; t < NOW.toEpochMilli(); t += 60_000) {
            readings.add(Reading.ofPower(t, t < PERIOD_START.toEpochMilli() ? 300_000 : 600_000));
        }
        server.pipeline().ingest(METER, readings);

        JsonNode bill = get("/api/v1/meters/home-1/bill");
        JsonNode forecast = get("/api/v1/meters/home-1/forecast");

        double expectedWh = forecast.get("expectedEnergyWh").asDouble();
        assertThat(expectedWh).isLessThan(0.97 * forecast.get("naiveEnergyWh").asDouble());
        assertThat(bill.at("/projected/energyWh").asDouble()).isCloseTo(expectedWh,
                org.assertj.core.api.Assertions.withinPercentage(0.5));
    }

    @Test
    void billSoFarProjectionAndTierFollowStoredUsage() throws Exception {
        consume(PERIOD_START.minusSeconds(10 * 86_400), NOW, 300, 1_000_000); // 7.2 kWh a day
        JsonNode bill = get("/api/v1/meters/home-1/bill");
        assertThat(bill.at("/period/start").asText()).isEqualTo("2026-03-01");
        assertThat(bill.at("/period/end").asText()).isEqualTo("2026-03-31");
        assertThat(bill.at("/period/daysElapsed").asInt()).isEqualTo(20);
        // 19 days and 12 hours at 300 Wh/h = 140.4 kWh
        assertThat(bill.get("energySoFarWh").asLong()).isBetween(140_300L, 140_500L);
        assertThat(bill.at("/tier/current").asInt()).isEqualTo(1);
        assertThat(bill.at("/tier/kWhToNext").asDouble()).isBetween(59.5, 59.7);
        // at 7.2 kWh/day the remaining 59.6 kWh take 8.3 days from noon on the 20th: evening of the 28th
        assertThat(bill.at("/tier/projectedCrossingDate").asText()).isEqualTo("2026-03-28");
        assertThat(bill.at("/projected/energyWh").asLong()).isBetween(223_000L, 223_400L);
        long soFar = bill.at("/billSoFar/totalWon").asLong();
        assertThat(bill.at("/projected/totalWon").asLong()).isGreaterThan(soFar);
        assertThat(soFar % 10).isZero();
        JsonNode lines = bill.at("/billSoFar/lines");
        assertThat(lines.findValuesAsText("item")).contains("basic", "energy", "climate", "fuelAdjustment", "vat", "fund", "total");

        JsonNode high = get("/api/v1/meters/home-1/bill?tariff=kepco-residential-high");
        assertThat(high.at("/billSoFar/totalWon").asLong()).isLessThan(soFar);
    }

    @Test
    void crossingATierRaisesAnAlertKeptForTheHousehold() throws Exception {
        consume(PERIOD_START, PERIOD_START.plusSeconds(199 * 3600), 1000, 5_000_000); // 199 kWh
        assertThat(server.billWatcher().check()).isEmpty(); // first look: the baseline
        consume(PERIOD_START.plusSeconds(199 * 3600 + 600), PERIOD_START.plusSeconds(203 * 3600), 1000, 5_000_000 + 199_000_000);
        assertThat(server.billWatcher().check()).extracting(e -> e.type()).contains("tier-entered");
        JsonNode alerts = get("/api/v1/meters/home-1/alerts");
        assertThat(alerts.get("alerts").findValuesAsText("type")).contains("tier-entered");
    }

    @Test
    void householdSettingsChangeTheBillingPeriodAndTariff() throws Exception {
        consume(PERIOD_START.minusSeconds(20 * 86_400), NOW, 300, 0);
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + "/api/v1/meters/home-1")).header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"meterReadingDay\":15,\"tariffId\":\"kepco-residential-high\",\"budgetWon\":30000}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode bill = get("/api/v1/meters/home-1/bill");
        assertThat(bill.at("/period/start").asText()).isEqualTo("2026-03-15");
        assertThat(bill.at("/period/end").asText()).isEqualTo("2026-04-14");
        assertThat(bill.get("tariffId").asText()).isEqualTo("kepco-residential-high");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + "/api/v1/meters/home-1")).header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"meterReadingDay\":31}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void pastBillsListEveryOverlappingPeriod() throws Exception {
        consume(PERIOD_START.minusSeconds(40 * 86_400), NOW, 500, 0);
        JsonNode bills = get("/api/v1/meters/home-1/bills?from=2026-02-01&to=2026-03-19");
        assertThat(bills.get("bills").findValuesAsText("start")).containsExactly("2026-02-01", "2026-03-01");
        JsonNode february = bills.get("bills").get(0);
        assertThat(february.get("billedKwh").asLong()).isEqualTo(336); // 28 days x 12 kWh
        // How many days of each period the meter reported on: from 2026-01-20 (KST) to today, day 20 of March.
        JsonNode withJanuary = get("/api/v1/meters/home-1/bills?from=2026-01-01&to=2026-03-19").get("bills");
        assertThat(withJanuary.findValuesAsText("start")).containsExactly("2026-01-01", "2026-02-01", "2026-03-01");
        assertThat(withJanuary.findValues("daysWithData")).extracting(JsonNode::asInt).containsExactly(12, 28, 20);
        assertThat(withJanuary.get(0).get("billedKwh").asLong()).isEqualTo(144); // 12 days x 12 kWh
    }
}
