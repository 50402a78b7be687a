package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A really full disk (a 16 MB tmpfs): writes are refused with 507, reads go on, writes resume as soon as space is freed. */
class DiskFullEndToEndTest {
    private static final String KEY = "diskfull-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 200;
    private final HttpClient http = HttpClient.newHttpClient();
    private final long startMs = System.currentTimeMillis() / 60_000 * 60_000 - 6 * 3_600_000L;

    @TempDir
    Path dir;

    private ReadingStore store;
    private GridPulseServer server;

    @Test
    void fullDiskAnswers507KeepsAcknowledgedReadingsAndAcceptsWritesOnceSpaceIsFreedWithoutRestart() throws Exception {
        SmallTmpfs disk = SmallTmpfs.tryMount(dir.resolve("disk"), 16);
        assumeTrue(disk != null, "mounting a tmpfs needs root; skipped");
        try (disk) {
            Path data = disk.path().resolve("data");
            start(data);
            assertThat(post(0).statusCode()).isEqualTo(200);
            Path filler = disk.fill();

            HttpResponse<String> refused = postUntilRefused();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).contains("application/problem+json"));
            assertThat(JSON.readTree(refused.body()).get("detail").asText()).contains("no space left");
            assertThat(rawPoints(0)).hasSize(60);
            assertThat(post(MAX_ATTEMPTS).statusCode()).as("still full").isEqualTo(507);
            JsonNode degraded = health();
            assertThat(degraded.get("status").asText()).isEqualTo("degraded");
            assertThat(degraded.get("store").get("writes").asText()).isEqualTo("refused");
            assertThat(degraded.get("store").get("freeBytes").asLong()).isLessThan(4L << 20);

            Files.delete(filler);
            HttpResponse<String> healed = post(MAX_ATTEMPTS + 1);
            assertThat(healed.statusCode()).as(healed.body()).isEqualTo(200);
            assertThat(health().get("status").asText()).isEqualTo("ok");
            assertThat(rawPoints(MAX_ATTEMPTS + 1)).hasSize(60);
            assertThat(rawPoints(0)).hasSize(60);
            stop();
            start(data); // and everything acknowledged survives a restart
            assertThat(rawPoints(0)).hasSize(60);
            assertThat(rawPoints(MAX_ATTEMPTS + 1)).hasSize(60);
            stop();
        }
    }

    private void start(Path data) {
        store = ReadingStore.open(StorageConfig.defaults(data), Clock.systemUTC());
        server = new GridPulseServer(ServerConfig.defaults(0), store, Clock.systemUTC());
        server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.ADMIN, "admin");
        server.start();
    }

    private void stop() {
        server.close();
        store.close();
    }

    private HttpResponse<String> postUntilRefused() throws Exception {
        HttpResponse<String> last = null;
        for (int minute = 1; minute <= MAX_ATTEMPTS; minute++) {
            last = post(minute);
            if (last.statusCode() != 200) {
                return last;
            }
        }
        return last;
    }

    /** Posts one minute of 1 Hz readings, {@code minute} minutes after the start. */
    private HttpResponse<String> post(int minute) throws Exception {
        StringBuilder body = new StringBuilder("{\"readings\":[");
        for (int s = 0; s < 60; s++) {
            body.append(s == 0 ? "" : ",").append("{\"ts\":").append(startMs + minute * 60_000L + s * 1000L)
                    .append(",\"powerW\":").append(100 + s).append(".5}");
        }
        body.append("]}");
        return send(HttpRequest.newBuilder(uri("/api/v1/meters/home-1/readings"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private JsonNode health() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/health")).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private JsonNode rawPoints(int minute) throws Exception {
        long from = startMs + minute * 60_000L;
        HttpResponse<String> r = send(HttpRequest.newBuilder(
                uri("/api/v1/meters/home-1/power?step=raw&from=" + from + "&to=" + (from + 60_000))).GET());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("points");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }
}
