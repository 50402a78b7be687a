package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.server.MovableClock;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's alert webhook against a real HTTP receiver: a meter going silent is POSTed with its
 * meter and details, a receiver that fails once gets it on the retry, another tenant's alerts go
 * to its own (slow) URL without holding this tenant's up, an event about the last hour is sent, and the URL
 * survives a restart.
 */
class AlertWebhookTest {
    private static final String KEY = "webhook-admin-key-0123456789";
    private static final String OTHER_KEY = "webhook-other-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer receiver;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresToGive = new AtomicInteger();
    private final BlockingQueue<String> signatures = new LinkedBlockingQueue<>();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean fail = failuresToGive.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            if (!fail) {
                signatures.add(exchange.getRequestHeaders().getFirst("X-GridPulse-Signature") + " " + new String(body, StandardCharsets.UTF_8));
                received.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(fail ? 503 : 204, -1);
            exchange.close();
        });
        receiver.createContext("/slow", exchange -> { // an endpoint that takes its time
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(4_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void alertsArePostedToTheTenantsWebhook() throws Exception {
        MovableClock clock = new MovableClock(1_800_000_000_000L);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (TestServer node = TestServer.start(dir, ServerConfig.defaults(0), clock, KEY, Scope.ADMIN)) {
            node.server.apiKeys().register(OTHER_KEY, new TenantId("other"), Scope.ADMIN, "other");
            assertThat(node.send("PUT", "/api/v1/alert-webhook", "{\"url\":\"ftp://example.com/x\"}", KEY).statusCode()).isEqualTo(400);
            HttpResponse<String> set = node.send("PUT", "/api/v1/alert-webhook", "{\"url\":\"" + url + "\"}", KEY);
            assertThat(set.statusCode()).isEqualTo(200);
            String secret = JSON.readTree(set.body()).get("secret").asText();
            assertThat(secret).hasSize(64);
            String slow = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/slow";
            assertThat(node.send("PUT", "/api/v1/alert-webhook", "{\"url\":\"" + slow + "\"}", OTHER_KEY).statusCode()).isEqualTo(200);

            MeterRef home = MeterRef.of("default", "home-1");
            node.server.pipeline().ingest(home, List.of(Reading.ofPower(clock.millis(), 500_000)));
            node.server.pipeline().ingest(MeterRef.of("other", "x"), List.of(Reading.ofPower(clock.millis(), 500_000)));
            clock.advanceMs(6 * 60_000L);
            // the other tenant's event first, to its endpoint that takes 4 s
            node.server.alerts().record(new MeterEvent(MeterRef.of("other", "x"), clock.millis(), "usage-high", "warning", "x", Map.of()));
            failuresToGive.set(1); // the first attempt is refused: delivered on the retry
            assertThat(node.server.silenceWatcher().check()).hasSize(2); // one per tenant

            // the other tenant's endpoint takes 4 s: this tenant's event does not wait behind it
            JsonNode posted = received.poll(3, TimeUnit.SECONDS);
            assertThat(posted).isNotNull();
            assertThat(posted.get("tenant").asText()).isEqualTo("default");
            assertThat(posted.get("meterId").asText()).isEqualTo("home-1");
            assertThat(posted.get("type").asText()).isEqualTo("meter-silent");
            assertThat(posted.get("ts").asLong()).isEqualTo(clock.millis());
            assertThat(posted.at("/details/silentForMs").asLong()).isEqualTo(6 * 60_000L);
            // signed: the receiver recomputes the HMAC-SHA256 of the body under the secret PUT gave
            String[] signed = signatures.poll().split(" ", 2);
            assertThat(signed[0]).isEqualTo("sha256=" + hmacHex(secret, signed[1]));
            assertThat(received.poll(1, TimeUnit.SECONDS)).as("the other tenant's event went to its own URL").isNull();

            // a usage-high event is stamped with its hour's start and raised once the hour is over:
            // sent all the same (history pushed through the pipeline is held back upstream, in LiveInsights)
            node.server.alerts().record(new MeterEvent(home, clock.millis() - 65 * 60_000L, "usage-high", "warning", "last hour", Map.of()));
            assertThat(received.poll(15, TimeUnit.SECONDS).get("message").asText()).isEqualTo("last hour");

            // the receiver has the body before the sender has its answer and counts it: wait for the count
            JsonNode status = JSON.readTree(node.send("GET", "/api/v1/alert-webhook", null, KEY).body());
            assertThat(status.has("secret")).as("the secret is shown once, by PUT").isFalse();
            for (long deadline = System.nanoTime() + 10_000_000_000L; status.get("delivered").asLong() < 2
                    && System.nanoTime() < deadline; ) {
                Thread.sleep(20);
                status = JSON.readTree(node.send("GET", "/api/v1/alert-webhook", null, KEY).body());
            }
            assertThat(status.get("url").asText()).isEqualTo(url);
            assertThat(status.get("delivered").asLong()).isEqualTo(2);
            assertThat(status.get("failed").asLong()).isZero();
            assertThat(JSON.readTree(node.send("GET", "/api/v1/alert-webhook", null, OTHER_KEY).body()).get("url").asText()).isEqualTo(slow);
            String metrics = node.send("GET", "/metrics", null, KEY).body();
            assertThat(metrics).contains("gridpulse_alert_webhook_events_total{outcome=\"failed\"} 0.0",
                    "gridpulse_meters_silent 2.0").containsPattern("gridpulse_alert_webhook_events_total\\{outcome=\"delivered\"} [2-4]\\.0");
        }
        try (TestServer restarted = TestServer.start(dir, ServerConfig.defaults(0), clock, KEY, Scope.ADMIN)) {
            assertThat(JSON.readTree(restarted.send("GET", "/api/v1/alert-webhook", null, KEY).body()).get("url").asText()).isEqualTo(url);
            assertThat(restarted.send("DELETE", "/api/v1/alert-webhook", null, KEY).statusCode()).isEqualTo(204);
            assertThat(JSON.readTree(restarted.send("GET", "/api/v1/alert-webhook", null, KEY).body()).get("url").isNull()).isTrue();
        }
    }

    private static String hmacHex(String secret, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
