package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.pipeline.IngestAdmission;
import io.gridpulse.store.ReadingStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP writes beyond the admission limit get 429 + Retry-After and store nothing; once the
 * readings in flight are written, the same request succeeds. The limit is filled by holding an
 * admission ticket, as a slow concurrent write would.
 */
class IngestBackPressureTest {
    private static final String KEY = "backpressure-key-0123456789";
    private static final int MAX_IN_FLIGHT_READINGS = 10;
    private final HttpClient http = HttpClient.newHttpClient();
    private final long nowS = System.currentTimeMillis() / 1000;

    @TempDir
    Path dir;

    private ReadingStore store;
    private GridPulseServer server;
    private TestServer running;

    @BeforeEach
    void start() {
        running = TestServer.start(dir, ServerConfig.defaults(0).withMaxInFlightReadings(MAX_IN_FLIGHT_READINGS),
                Clock.systemUTC(), KEY, Scope.WRITE);
        store = running.store;
        server = running.server;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private HttpResponse<String> post(String pathAndQuery, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType)
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJsonReading(String meter) throws Exception {
        return post("/api/v1/meters/" + meter + "/readings", "application/json",
                "{\"ts\":" + nowS * 1000 + ",\"powerW\":100}");
    }

    @Test
    void jsonWriteOverTheLimitGets429WithRetryAfterThenSucceeds() throws Exception {
        HttpResponse<String> refused;
        try (IngestAdmission.Ticket busy = server.pipeline().admission().tryEnter(MAX_IN_FLIGHT_READINGS)) {
            refused = postJsonReading("house");
        }
        HttpResponse<String> retried = postJsonReading("house");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.body()).contains("overloaded");
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(store.readRaw(MeterRef.of("default", "house"), 0, Long.MAX_VALUE)).hasSize(1);
    }

    @Test
    void lineProtocolOverTheLimitStoresNoMeterOfTheRequest() throws Exception {
        String lines = "power,meter=a value=1 " + nowS + "\npower,meter=b value=2 " + nowS;
        HttpResponse<String> refused;
        try (IngestAdmission.Ticket busy = server.pipeline().admission().tryEnter(MAX_IN_FLIGHT_READINGS - 1)) {
            refused = post("/api/v2/write?precision=s", "text/plain", lines);
        }
        HttpResponse<String> retried = post("/api/v2/write?precision=s", "text/plain", lines);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(retried.statusCode()).isEqualTo(204);
        assertThat(server.pipeline().acceptedTotal()).isEqualTo(2);
    }

    @Test
    void batchLargerThanTheLimitIsAdmittedAloneRatherThanNever() throws Exception {
        StringBuilder csv = new StringBuilder("ts,powerW\n");
        for (int i = 0; i < MAX_IN_FLIGHT_READINGS * 3; i++) {
            csv.append(nowS - i).append("000,50\n");
        }

        HttpResponse<String> response = post("/api/v1/meters/big/readings", "text/csv", csv.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.pipeline().admission().inFlightReadings()).isZero();
    }
}
