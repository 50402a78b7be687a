package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Insights follow the data as it arrives: 13 days of a Seoul household (80 W always on, 2 kW
 * cooking 18–19 h, one reading a minute) are stored, then the 14th day is POSTed over HTTP with a
 * 1.2 kW heater left on from 08:00 for 8 h. The anomaly shows up on {@code /live} and in
 * {@code /anomalies}, and the forecast's energy so far grows by that day's energy — all from the
 * online processors ({@code "source": "live"}), equal to what the rollup path computes. The same
 * day posted as history (20 hours after it ended) finds the same anomaly but pushes nothing.
 */
class LiveInsightsEndToEndTest {
    private static final String KEY = "live-insights-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DAY0_MS = SeoulTestHousehold.DAY0_MS;
    private static final int POSTED_DAY = 13;
    private static final int HEATER_START_MINUTE = POSTED_DAY * 1440 + 8 * 60;
    /** 80 W × 24 h + 2 kW × 1 h + 1.2 kW × 8 h. */
    private static final double POSTED_DAY_WH = 80 * 24 + 2000 + 1200 * 8;

    private final HttpClient http = HttpClient.newHttpClient();
    /** Half an hour after the posted day ends: its events are news. */
    private final MovableClock clock = new MovableClock(DAY0_MS + (14 * 1440 + 30) * 60_000L);
    private static final long LATER_THAT_DAY_MS = (20 * 60 - 30) * 60_000L;
    /** Every event pushed (to {@code /live} and webhooks), from the first stored day on. */
    private final List<String> pushed = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    private TestServer t;

    @BeforeEach
    void start() throws Exception {
        t = TestServer.start(dir, ServerConfig.defaults(0), clock, KEY, Scope.ADMIN);
        t.server.live().onEveryEvent(e -> pushed.add(e.type()));
        MeterRef ref = new MeterRef(TenantId.DEFAULT, new MeterId("home"));
        for (int day = 0; day < POSTED_DAY; day++) {
            List<Reading> batch = new ArrayList<>();
            for (int m = day * 1440; m < (day + 1) * 1440; m++) {
                batch.add(Reading.ofPower(DAY0_MS + m * 60_000L, Math.round(watts(m) * 1000)));
            }
            t.server.pipeline().ingest(ref, batch);
        }
        assertThat(t.server.liveInsights().awaitIdle(30_000)).isTrue();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    private static double watts(int minute) {
        return SeoulTestHousehold.watts(minute, HEATER_START_MINUTE);
    }

    @Test
    void postedDayUpdatesAnomaliesLiveStreamAndForecast() throws Exception {
        JsonNode before = get("/api/v1/meters/home/forecast");
        assertThat(before.get("source").asText()).isEqualTo("live");
        assertThat(types(get("/api/v1/meters/home/anomalies"))).doesNotContain("appliance-left-on");
        BlockingQueue<String> sse = subscribe();

        StringBuilder csv = new StringBuilder("ts,powerW\n");
        for (int m = POSTED_DAY * 1440; m < (POSTED_DAY + 1) * 1440; m++) {
            csv.append(DAY0_MS + m * 60_000L).append(',').append(watts(m)).append('\n');
        }
        assertThat(post("/api/v1/meters/home/readings", csv.toString()).statusCode()).isEqualTo(200);
        assertThat(t.server.liveInsights().awaitIdle(30_000)).isTrue();

        assertThat(nextAlert(sse, "appliance-left-on")).contains("1200 W");
        clock.advanceMs(LATER_THAT_DAY_MS); // long enough for the meter to count as silent
        JsonNode anomalies = get("/api/v1/meters/home/anomalies");
        assertThat(anomalies.get("source").asText()).isEqualTo("live");
        assertThat(types(anomalies)).contains("appliance-left-on", "meter-silent");

        JsonNode after = get("/api/v1/meters/home/forecast");
        assertThat(after.get("source").asText()).isEqualTo("live");
        assertThat(after.get("energySoFarWh").asDouble() - before.get("energySoFarWh").asDouble())
                .isCloseTo(POSTED_DAY_WH, within(POSTED_DAY_WH * 0.01));
        JsonNode fromRollups = get("/api/v1/meters/home/forecast?date=2026-03-16");
        assertThat(fromRollups.get("source").asText()).isEqualTo("rollups");
        // Live is "as of the last reading": its still-open last minute (≤ 80 W × 1 min here) is
        // not in the ledger yet, while the rollups hold the last value up to the gap limit.
        assertThat(after.get("energySoFarWh").asDouble()).isCloseTo(fromRollups.get("energySoFarWh").asDouble(), within(80 * 5 / 60.0));
        assertThat(after.get("expectedEnergyWh").asDouble()).isCloseTo(fromRollups.get("expectedEnergyWh").asDouble(),
                within(fromRollups.get("expectedEnergyWh").asDouble() * 0.001));

        JsonNode standby = get("/api/v1/meters/home/standby");
        assertThat(standby.get("source").asText()).isEqualTo("live");
        assertThat(standby.get("baseloadW").asDouble()).isCloseTo(80, within(0.5));
    }

    @Test
    void aDayPostedAsHistoryIsAnalysedButPushesNothing() throws Exception {
        clock.advanceMs(LATER_THAT_DAY_MS);
        StringBuilder csv = new StringBuilder("ts,powerW\n");
        for (int m = POSTED_DAY * 1440; m < (POSTED_DAY + 1) * 1440; m++) {
            csv.append(DAY0_MS + m * 60_000L).append(',').append(watts(m)).append('\n');
        }
        assertThat(post("/api/v1/meters/home/readings", csv.toString()).statusCode()).isEqualTo(200);
        assertThat(t.server.liveInsights().awaitIdle(30_000)).isTrue();

        JsonNode anomalies = get("/api/v1/meters/home/anomalies");
        assertThat(anomalies.get("source").asText()).isEqualTo("live");
        assertThat(types(anomalies)).contains("appliance-left-on");
        assertThat(pushed).as("events found in history").isEmpty();
        assertThat(t.server.liveInsights().historyEvents()).isPositive();
        assertThat(t.send("GET", "/metrics", null, KEY).body()).contains("gridpulse_insight_meters 1.0",
                "gridpulse_insight_meters_unplaced_batches_total 0.0",
                "gridpulse_insight_history_events_total " + t.server.liveInsights().historyEvents() + ".0");
    }

    @Test
    void metersBeyondTheFollowedOnesAreCountedNotFollowed() throws Exception {
        t.close();
        t = TestServer.start(dir.resolve("one"), ServerConfig.defaults(0).withInsightMeters(1), clock, KEY, Scope.ADMIN);
        // the second displaces the first (once a clock minute, as many as are followed); the third waits
        for (String meter : List.of("a", "b", "c")) {
            t.server.pipeline().ingest(MeterRef.of("default", meter), List.of(Reading.ofPower(clock.millis() - 60_000, 100_000)));
        }
        assertThat(t.server.liveInsights().awaitIdle(30_000)).isTrue();
        assertThat(t.send("GET", "/metrics", null, KEY).body()).contains("gridpulse_insight_meters 1.0",
                "gridpulse_insight_meters_unplaced_batches_total 1.0");
    }

    private static List<String> types(JsonNode body) {
        List<String> types = new ArrayList<>();
        body.get("events").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    private BlockingQueue<String> subscribe() throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest sse = HttpRequest.newBuilder(URI.create("http://localhost:" + t.server.port()
                + "/api/v1/meters/home/live?access_token=" + KEY)).header("Accept", "text/event-stream").build();
        // Async: with thenAccept the reader runs on this thread if the headers are already in, and blocks it.
        http.sendAsync(sse, HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(r -> {
            try (Stream<String> s = r.body()) {
                s.forEach(lines::add);
            }
        });
        assertThat(lines.poll(5, TimeUnit.SECONDS)).startsWith(":"); // connected comment
        return lines;
    }

    /** The data line of the first SSE {@code alert} whose payload mentions {@code type}, within 5 s. */
    private static String nextAlert(BlockingQueue<String> lines, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String event = null;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:") && "alert".equals(event) && line.contains(type)) {
                return line;
            }
        }
        return "";
    }

    private JsonNode get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + t.server.port() + path))
                .header("Authorization", "Bearer " + KEY).GET().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String path, String csv) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + t.server.port() + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
