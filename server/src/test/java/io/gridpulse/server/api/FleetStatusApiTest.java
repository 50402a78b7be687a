package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.MovableClock;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /fleet/status} counts and lists only the caller's tenant's meters. */
class FleetStatusApiTest {
    private static final String KEY = "fleet-status-key-0123456789";
    private static final String OTHER_KEY = "fleet-status-other-key-0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void statusIsPerTenant() throws Exception {
        MovableClock clock = new MovableClock(1_800_000_000_000L);
        try (TestServer node = TestServer.start(dir, ServerConfig.defaults(0), clock, KEY, Scope.ADMIN)) {
            node.server.apiKeys().register(OTHER_KEY, new TenantId("other"), Scope.READ, "other");
            for (String id : List.of("a", "b", "c")) {
                node.server.pipeline().ingest(MeterRef.of("default", id), List.of(Reading.ofPower(clock.millis(), 100_000)));
            }
            node.server.pipeline().ingest(MeterRef.of("other", "x"), List.of(Reading.ofPower(clock.millis(), 100_000)));
            node.store.meters().ensure(MeterRef.of("default", "never"));
            clock.advanceMs(6 * 60_000L);
            node.server.pipeline().ingest(MeterRef.of("default", "b"), List.of(Reading.ofPower(clock.millis(), 100_000)));
            node.server.silenceWatcher().check();

            JsonNode mine = JSON.readTree(node.send("GET", "/api/v1/fleet/status", null, KEY).body());
            assertThat(mine.get("meters").asInt()).isEqualTo(4);
            assertThat(mine.get("reporting").asInt()).isEqualTo(1);
            assertThat(mine.get("silentCount").asInt()).isEqualTo(2);
            assertThat(mine.get("silent").findValuesAsText("meterId")).containsExactly("a", "c");
            assertThat(mine.get("silent").get(0).get("silentForMs").asLong()).isEqualTo(6 * 60_000L);

            JsonNode other = JSON.readTree(node.send("GET", "/api/v1/fleet/status", null, OTHER_KEY).body());
            assertThat(other.get("meters").asInt()).isEqualTo(1);
            assertThat(other.get("silent").findValuesAsText("meterId")).containsExactly("x");
            assertThat(node.send("GET", "/api/v1/fleet/status", null, "wrong-key-0123456789").statusCode()).isEqualTo(401);
        }
    }
}
