package io.gridpulse.app.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Waits until the server's {@code readingsAccepted} (from {@code GET /api/v1/health}) stops
 * moving. The embedded MQTT endpoint acknowledges only after the store write, but an external
 * broker ({@code --mqtt-url}) acknowledges on receipt, so its last messages may still be on their
 * way to the node when the client is done.
 */
final class ServerQuiet {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STABLE_FOR_MS = 1_000;
    private static final long POLL_MS = 250;

    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpRequest health;

    ServerQuiet(String baseUrl, String apiKey) {
        this.health = HttpRequest.newBuilder(URI.create(baseUrl.replaceAll("/+$", "") + "/api/v1/health"))
                .header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(10)).GET().build();
    }

    /** Returns once the count held still for 1 s, or after {@code timeoutMs}. */
    void await(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long last = -1;
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            long now = accepted();
            if (now != last) {
                last = now;
                stableSince = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - stableSince >= STABLE_FOR_MS) {
                return;
            }
            Thread.sleep(POLL_MS);
        }
    }

    private long accepted() throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path("readingsAccepted").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }
}
