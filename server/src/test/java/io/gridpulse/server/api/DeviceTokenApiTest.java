package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device token speaks for one meter only: its readings in, its data out, nothing else. */
class DeviceTokenApiTest {
    private static final String ADMIN = "device-token-admin-key-01";
    private static final String READER = "device-token-read-key-012";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final long now = System.currentTimeMillis() / 1000 * 1000;

    @TempDir
    Path dir;

    private HttpResponse<String> send(TestServer t, String method, String path, String type, String body, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + t.server.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", type)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String reading(long ts) {
        return "{\"ts\":" + ts + ",\"powerW\":250}";
    }

    private String issue(TestServer t, String meter) throws Exception {
        HttpResponse<String> r = send(t, "POST", "/api/v1/meters/" + meter + "/device-token", "application/json", null, ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("mqttTopic").asText()).isEqualTo("gridpulse/default/" + meter + "/readings");
        return body.get("deviceToken").asText();
    }

    @Test
    void deviceTokenWritesAndReadsOnlyItsOwnMeter() throws Exception {
        try (TestServer t = TestServer.start(dir, ADMIN, Scope.ADMIN, READER, Scope.READ)) {
            String token = issue(t, "plug-1");
            assertThat(send(t, "POST", "/api/v1/meters/plug-1/readings", "application/json", reading(now), token).statusCode()).isEqualTo(200);
            assertThat(send(t, "GET", "/api/v1/meters/plug-1/power?step=raw&from=" + (now - 1000) + "&to=" + (now + 1), "application/json", null, token)
                    .body()).contains("\"powerW\":250");

            assertThat(send(t, "POST", "/api/v1/meters/plug-2/readings", "application/json", reading(now), token).statusCode()).isEqualTo(403);
            HttpResponse<String> list = send(t, "GET", "/api/v1/meters", "application/json", null, token);
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(list.body()).get("meters").findValuesAsText("meterId")).as("its own meter only").containsExactly("plug-1");
            assertThat(send(t, "PUT", "/api/v1/meters/plug-1", "application/json", "{\"name\":\"x\"}", token).statusCode()).isEqualTo(403);
            assertThat(send(t, "POST", "/api/v1/meters/plug-1/device-token", "application/json", null, token).statusCode()).isEqualTo(403);
            assertThat(send(t, "POST", "/api/v1/meters/plug-1/device-token", "application/json", null, READER).statusCode()).isEqualTo(403);

            HttpResponse<String> otherMeterLine = send(t, "POST", "/api/v2/write?precision=ms", "text/plain",
                    "power,meter=plug-1 value=1 " + (now + 1000) + "\npower,meter=plug-2 value=2 " + (now + 1000), token);
            assertThat(otherMeterLine.statusCode()).isEqualTo(403);
            assertThat(t.store.readRaw(MeterRef.of("default", "plug-1"), 0, Long.MAX_VALUE)).as("nothing of a refused batch").hasSize(1);
            assertThat(send(t, "POST", "/api/v2/write?precision=ms", "text/plain", "power,meter=plug-1 value=1 " + (now + 1000), token)
                    .statusCode()).isEqualTo(204);
        }
    }

    @Test
    void reissuingRevokesTheOldTokenAndDeleteRevokesTheNew() throws Exception {
        try (TestServer t = TestServer.start(dir, ADMIN, Scope.ADMIN)) {
            String first = issue(t, "plug-1");
            String second = issue(t, "plug-1");
            assertThat(send(t, "POST", "/api/v1/meters/plug-1/readings", "application/json", reading(now), first).statusCode()).isEqualTo(401);
            assertThat(send(t, "POST", "/api/v1/meters/plug-1/readings", "application/json", reading(now), second).statusCode()).isEqualTo(200);

            assertThat(send(t, "DELETE", "/api/v1/meters/plug-1/device-token", "application/json", null, ADMIN).statusCode()).isEqualTo(204);
            assertThat(send(t, "POST", "/api/v1/meters/plug-1/readings", "application/json", reading(now + 1000), second).statusCode()).isEqualTo(401);
            assertThat(send(t, "DELETE", "/api/v1/meters/plug-1/device-token", "application/json", null, ADMIN).statusCode()).isEqualTo(404);
        }
    }
}
