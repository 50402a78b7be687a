package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server on a random port, driven over HTTP as a client would. */
class ServerEndToEndTest {
    private static final String KEY = "e2e-admin-key-0123456789";
    private static final String OTHER_TENANT_KEY = "e2e-other-tenant-key-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final long now = System.currentTimeMillis() / 1000 * 1000;

    @TempDir
    Path dir;

    private TestServer running;
    private ReadingStore store;
    private GridPulseServer server;

    @BeforeEach
    void start() {
        startServer();
    }

    private void startServer() {
        running = TestServer.start(dir, KEY, Scope.ADMIN);
        store = running.store;
        server = running.server;
        server.apiKeys().register(OTHER_TENANT_KEY, new TenantId("other"), Scope.ADMIN, "other");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null, null, KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private JsonNode postJson(String meter, String body) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/meters/" + meter + "/readings", "application/json", body, KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void jsonAndCsvReadingsComeBackRawAndAsRollups() throws Exception {
        long t = now - 120_000;
        JsonNode ack = postJson("home-1", "{\"readings\":[{\"ts\":" + t + ",\"powerW\":1500.25,\"energyWh\":1000},"
                + "{\"ts\":" + (t + 1000) + ",\"powerW\":1499.5,\"energyWh\":1000.4}]}");
        assertThat(ack.get("accepted").asInt()).isEqualTo(2);
        HttpResponse<String> csv = send("POST", "/api/v1/meters/home-1/readings", "text/csv",
                "ts,powerW\n" + (t + 2000) + ",300\n" + java.time.Instant.ofEpochMilli(t + 3000) + ",-120.125\n", KEY);
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);

        JsonNode raw = get("/api/v1/meters/home-1/power?step=raw&from=" + t + "&to=" + (t + 4000));
        assertThat(raw.get("points")).hasSize(4);
        assertThat(raw.get("points").get(0).get("powerW").asDouble()).isEqualTo(1500.25);
        assertThat(raw.get("points").get(3).get("powerW").asDouble()).isEqualTo(-120.125);
        assertThat(raw.get("points").get(3).get("ts").asLong()).isEqualTo(t + 3000);

        JsonNode minutes = get("/api/v1/meters/home-1/power?step=1m&from=" + (t - 60_000) + "&to=" + (t + 120_000));
        long samples = 0;
        for (JsonNode p : minutes.get("points")) {
            samples += p.get("samples").asLong();
        }
        assertThat(samples).isEqualTo(4);
        JsonNode again = postJson("home-1", "{\"readings\":[{\"ts\":" + t + ",\"powerW\":1}]}");
        assertThat(again.get("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void liveStreamDeliversPostedReadingWithinTwoSeconds() throws Exception {
        postJson("home-live", "{\"ts\":" + (now - 5000) + ",\"powerW\":10}");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest sse = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + "/api/v1/meters/home-live/live?access_token=" + KEY)).header("Accept", "text/event-stream").build();
        http.sendAsync(sse, HttpResponse.BodyHandlers.ofLines()).thenAcceptAsync(r -> {
            try (Stream<String> s = r.body()) {
                s.forEach(lines::add);
            }
        });
        assertThat(lines.poll(5, TimeUnit.SECONDS)).startsWith(":"); // connected comment
        long posted = System.nanoTime();
        postJson("home-live", "{\"ts\":" + now + ",\"powerW\":777.5}");
        String data = null;
        while (data == null && System.nanoTime() - posted < Duration.ofSeconds(2).toNanos()) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data:")) {
                data = line;
            }
        }
        assertThat(data).contains("777.5").contains(Long.toString(now));
    }

    @Test
    void readingsSurviveServerRestart() throws Exception {
        postJson("home-2", "{\"readings\":[{\"ts\":" + (now - 2000) + ",\"powerW\":42},{\"ts\":" + (now - 1000) + ",\"powerW\":43}]}");
        stop();
        startServer();
        JsonNode raw = get("/api/v1/meters/home-2/power?step=raw&from=" + (now - 10_000) + "&to=" + (now + 1));
        assertThat(raw.get("points")).extracting(p -> p.get("powerW").asDouble()).containsExactly(42.0, 43.0);
    }

    @Test
    void malformedBatchIsRejectedWithRowAndFieldAndStoresNothing() throws Exception {
        postJson("home-3", "{\"ts\":" + (now - 10_000) + ",\"powerW\":5}");
        String[] bad = {
            "{\"readings\":[{\"ts\":" + now + ",\"powerW\":1},{\"ts\":" + (now + 1000) + ",\"powerW\":\"abc\"}]}",
            "{\"readings\":[{\"ts\":" + now + "}]}",
            "{\"readings\":[{\"ts\":" + now + ",\"powerW\":NaN}]}",
            "{\"readings\":[{\"ts\":" + now + ",\"powerW\":1,\"energyWh\":-5}]}",
            "{\"readings\":[{\"ts\":" + (now + 86_400_000L) + ",\"powerW\":1}]}",
            "{\"readings\":[ {\"ts\":",
        };
        for (String body : bad) {
            HttpResponse<String> r = send("POST", "/api/v1/meters/home-3/readings", "application/json", body, KEY);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(JSON.readTree(r.body()).get("field").asText()).isNotBlank();
        }
        JsonNode second = JSON.readTree(send("POST", "/api/v1/meters/home-3/readings", "application/json", bad[0], KEY).body());
        assertThat(second.get("row").asInt()).isEqualTo(1);
        assertThat(second.get("field").asText()).isEqualTo("powerW");
        JsonNode raw = get("/api/v1/meters/home-3/power?step=raw&from=" + (now - 60_000) + "&to=" + (now + 100_000));
        assertThat(raw.get("points")).hasSize(1);
        assertThat(send("GET", "/api/v1/meters/never-written", null, null, KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void meterReportsDataQualityAndPrometheusCountsIngest() throws Exception {
        postJson("home-q", "{\"readings\":[{\"ts\":" + (now - 10_000) + ",\"powerW\":1},{\"ts\":" + (now - 20 * 60_000)
                + ",\"powerW\":2},{\"ts\":" + (now - 5_000) + ",\"powerW\":3}]}"); // out of order, and a 20-min gap
        postJson("home-q", "{\"readings\":[{\"ts\":" + (now - 5_000) + ",\"powerW\":3},{\"ts\":" + (now - 30 * 60_000)
                + ",\"powerW\":4}]}"); // one duplicate, one late
        send("POST", "/api/v1/meters/home-q/readings", "application/json", "{\"readings\":[{\"ts\":\"x\"}]}", KEY);
        JsonNode quality = get("/api/v1/meters/home-q").get("quality");
        assertThat(quality.get("accepted").asInt()).isEqualTo(4);
        assertThat(quality.get("duplicates").asInt()).isEqualTo(1);
        assertThat(quality.get("late").asInt()).isEqualTo(1);
        assertThat(quality.get("outOfOrder").asInt()).isEqualTo(2);
        assertThat(quality.get("gaps").asInt()).isEqualTo(1);
        assertThat(quality.get("rejectedBatches").asInt()).isEqualTo(1);
        HttpResponse<String> metrics = send("GET", "/metrics", null, null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("gridpulse_readings_accepted_total 4.0", "gridpulse_batches_rejected_total 1.0",
                "jvm_memory_used_bytes");
    }

    @Test
    void keysAreCheckedAndTenantsAreIsolated() throws Exception {
        postJson("home-4", "{\"ts\":" + now + ",\"powerW\":5}");
        assertThat(send("GET", "/api/v1/meters", null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/meters", null, null, "wrong-key-0123456789").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/meters/home-4", null, null, OTHER_TENANT_KEY).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/health", null, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void oversizedBatchIsRefusedWith413() throws IOException, Exception {
        StringBuilder sb = new StringBuilder("ts,powerW\n");
        for (int i = 0; i < 100_001; i++) {
            sb.append(now - 200_000_000L + i * 1000L).append(",1\n");
        }
        HttpResponse<String> r = send("POST", "/api/v1/meters/home-5/readings", "text/csv", sb.toString(), KEY);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(send("GET", "/api/v1/meters/home-5", null, null, KEY).statusCode()).isEqualTo(404);
    }
}
