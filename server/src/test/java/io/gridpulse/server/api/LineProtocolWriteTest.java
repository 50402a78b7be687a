package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InfluxDB v1/v2 write endpoints against the real server on a random port. */
class LineProtocolWriteTest {
    private static final String WRITE_KEY = "influx-write-key-0123456789";
    private static final String READ_KEY = "influx-read-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final long nowS = System.currentTimeMillis() / 1000;

    @TempDir
    Path dir;

    private ReadingStore store;
    private GridPulseServer server;
    private TestServer running;

    @BeforeEach
    void start() {
        running = TestServer.start(dir, WRITE_KEY, Scope.WRITE, READ_KEY, Scope.READ);
        store = running.store;
        server = running.server;
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private HttpResponse<String> post(String pathAndQuery, byte[] body, String authorization, String encoding) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "text/plain; charset=utf-8");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String pathAndQuery, String body, String authorization) throws Exception {
        return post(pathAndQuery, body.getBytes(StandardCharsets.UTF_8), authorization, null);
    }

    private java.util.List<Reading> stored(String meter) {
        return store.readRaw(MeterRef.of("default", meter), 0, Long.MAX_VALUE);
    }

    @Test
    void v2WriteWithTokenStoresReadingsPerMeterAndAnswers204() throws Exception {
        String body = "power,meter=house value=1500.5 " + nowS + "\n"
                + "power,meter=solar powerW=-800,energyWh=1234 " + nowS + "\n"
                + "cpu,host=pi usage=3 " + nowS + "\n";
        HttpResponse<String> r = post("/api/v2/write?org=home&bucket=energy&precision=s", body, "Token " + WRITE_KEY);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(r.headers().firstValue("X-GridPulse-Ignored-Lines")).hasValue("1");
        assertThat(stored("house")).containsExactly(Reading.ofPower(nowS * 1000, 1_500_500));
        assertThat(stored("solar")).containsExactly(new Reading(nowS * 1000, -800_000, 1_234_000));
    }

    @Test
    void v1WriteWithQueryPasswordAndNanosecondDefaultStoresReading() throws Exception {
        HttpResponse<String> r = post("/write?db=energy&u=telegraf&p=" + WRITE_KEY,
                "power,meter=house value=42 " + nowS + "000000000", null);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(stored("house")).containsExactly(Reading.ofPower(nowS * 1000, 42_000));
    }

    @Test
    void gzipBodyAsTelegrafSendsItIsAccepted() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(("power,meter=house value=7 " + nowS).getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = post("/api/v2/write?precision=s", zipped.toByteArray(), "Bearer " + WRITE_KEY, "gzip");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        assertThat(stored("house")).hasSize(1);
    }

    @Test
    void badLineIsProblemNamingTheLineAndNothingIsStored() throws Exception {
        String body = "power,meter=house value=1 " + nowS + "\npower,meter=house value=oops " + (nowS + 1);
        HttpResponse<String> r = post("/api/v2/write?precision=s", body, "Token " + WRITE_KEY);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.get("detail").asText()).startsWith("line 2:");
        assertThat(problem.get("row").asInt()).isEqualTo(1);
        assertThat(store.meters().list(TenantId.DEFAULT)).isEmpty();
    }

    @Test
    void repeatedWriteIsIdempotent() throws Exception {
        String body = "power,meter=house value=1 " + nowS;
        post("/api/v2/write?precision=s", body, "Token " + WRITE_KEY);
        HttpResponse<String> again = post("/api/v2/write?precision=s", body, "Token " + WRITE_KEY);

        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(stored("house")).hasSize(1);
    }

    @Test
    void missingKeyIs401AndReadOnlyKeyIs403() throws Exception {
        assertThat(post("/api/v2/write", "power,meter=a value=1", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/v2/write", "power,meter=a value=1", "Token " + READ_KEY).statusCode()).isEqualTo(403);
    }

    @Test
    void unknownPrecisionIs400() throws Exception {
        assertThat(post("/api/v2/write?precision=weeks", "power,meter=a value=1", "Token " + WRITE_KEY).statusCode())
                .isEqualTo(400);
    }

    @Test
    void pingAnswers204WithoutKey() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(204);
    }
}
