package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.server.auth.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document describes routes that exist: every documented GET answers on a real server. */
class OpenApiDocumentTest {
    private static final String KEY = "openapi-test-key-0123456789";

    @TempDir
    Path dir;

    @Test
    void everyDocumentedGetEndpointAnswers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (TestServer running = TestServer.start(dir, KEY, Scope.ADMIN)) {
            String base = "http://localhost:" + running.server.port();
            long now = System.currentTimeMillis();
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/meters/m1/readings"))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ts\":" + now + ",\"powerW\":100}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            HttpResponse<String> openapi = http.send(HttpRequest.newBuilder(URI.create(base + "/openapi")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(openapi.statusCode()).isEqualTo(200);
            JsonNode doc = new ObjectMapper().readTree(openapi.body());
            assertThat(doc.get("openapi").asText()).startsWith("3.");
            int checked = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                if (!path.getValue().has("get") || path.getKey().endsWith("/live")) {
                    continue; // the live stream never ends; it has its own end-to-end test
                }
                String url = base + path.getKey().replace("{meterId}", "m1");
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
                if (path.getKey().endsWith("/appliances")) {
                    // documented and routed; without a trained model it is a problem document, not a missing route
                    assertThat(r.body()).as(url).contains("/problems/not-found").containsIgnoringCase("model");
                } else {
                    assertThat(r.statusCode()).as(url + " " + r.body()).isIn(200, 204);
                }
                checked++;
            }
            assertThat(checked).isGreaterThanOrEqualTo(15);
        }
    }
}
