package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/meters/{id}/readings?format=...} against the real server. */
class DeviceReadingsEndpointTest {
    private static final String KEY = "device-write-key-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private final long nowS = System.currentTimeMillis() / 1000;

    @TempDir
    Path dir;

    private ReadingStore store;
    private GridPulseServer server;
    private TestServer running;

    @BeforeEach
    void start() {
        running = TestServer.start(dir, KEY, Scope.WRITE);
        store = running.store;
        server = running.server;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private HttpResponse<String> post(String pathAndQuery, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Reading> stored(String meter) {
        return store.readRaw(MeterRef.of("default", meter), 0, Long.MAX_VALUE);
    }

    @Test
    void shellyPlusStatusIsStoredInMilliunits() throws Exception {
        String json = "{\"id\":0,\"apower\":12.3,\"aenergy\":{\"total\":1234.5,\"minute_ts\":" + nowS + "}}";

        HttpResponse<String> r = post("/api/v1/meters/plug/readings?format=shelly", json);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"accepted\":1");
        assertThat(stored("plug")).containsExactly(new Reading(nowS * 1000, 12_300, 1_234_500));
    }

    @Test
    void tasmotaLocalTimeIsReadInGivenZone() throws Exception {
        String local = java.time.LocalDateTime.ofEpochSecond(nowS, 0, java.time.ZoneOffset.ofHours(9)).toString();
        String json = "{\"Time\":\"" + local + "\",\"ENERGY\":{\"Total\":1.5,\"Power\":60}}";

        HttpResponse<String> r = post("/api/v1/meters/lamp/readings?format=tasmota&tz=Asia/Seoul", json);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(stored("lamp")).containsExactly(new Reading(nowS * 1000, 60_000, 1_500_000));
    }

    @Test
    void enerTalkBatchIsStored() throws Exception {
        String json = "[{\"timestamp\":" + nowS * 1000 + ",\"activePower\":500000},{\"timestamp\":" + (nowS - 1) * 1000
                + ",\"activePower\":400000}]";

        assertThat(post("/api/v1/meters/main/readings?format=enertalk", json).statusCode()).isEqualTo(200);
        assertThat(stored("main")).hasSize(2);
    }

    @Test
    void unknownFormatIsBadRequestProblem() throws Exception {
        HttpResponse<String> r = post("/api/v1/meters/main/readings?format=fronius", "{}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"field\":\"format\"");
    }

    @Test
    void withoutFormatTheGridPulseJsonStillWorks() throws Exception {
        HttpResponse<String> r = post("/api/v1/meters/main/readings", "{\"ts\":" + nowS * 1000 + ",\"powerW\":5}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(stored("main")).containsExactly(Reading.ofPower(nowS * 1000, 5_000));
    }
}
