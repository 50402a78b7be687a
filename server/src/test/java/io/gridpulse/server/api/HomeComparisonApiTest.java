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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home beside the other homes of its tenant over 30 days: six homes drawing 100…600 W give
 * exact quartiles and the share using more; a meter with three days of data, and another tenant's
 * meter, are left out; a tenant of four homes gets no figures (too few to hide one home in).
 */
class HomeComparisonApiTest {
    private static final String KEY = "comparison-admin-key-0123456789";
    private static final String SMALL_KEY = "comparison-small-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long END_MS = 1_800_000_000_000L / 3_600_000L * 3_600_000L;
    private static final long DAY_MS = 86_400_000L;

    @TempDir
    Path dir;

    @Test
    void aHomeIsComparedWithItsTenantsHomesOnly() throws Exception {
        MovableClock clock = new MovableClock(END_MS + 30 * 60_000L);
        try (TestServer t = TestServer.start(dir, ServerConfig.defaults(0), clock, KEY, Scope.ADMIN)) {
            t.server.apiKeys().register(SMALL_KEY, new TenantId("small"), Scope.READ, "test");
            for (int w = 100; w <= 600; w += 100) {
                feed(t, MeterRef.of("default", "home-" + w), w, 30);
            }
            feed(t, MeterRef.of("default", "new-home"), 5_000, 3);
            feed(t, MeterRef.of("other", "mansion"), 20_000, 30);
            for (int w = 100; w <= 400; w += 100) {
                feed(t, MeterRef.of("small", "flat-" + w), w, 30);
            }

            JsonNode c = get(t, "/api/v1/meters/home-300/comparison", KEY);
            assertThat(c.get("homes").asInt()).isEqualTo(6);
            assertThat(c.get("dailyWh").asLong()).isEqualTo(300 * 24);
            assertThat(c.get("medianDailyWh").asLong()).isEqualTo(350 * 24);
            assertThat(c.get("p25DailyWh").asLong()).isEqualTo(225 * 24);
            assertThat(c.get("p75DailyWh").asLong()).isEqualTo(475 * 24);
            assertThat(c.get("percentUsingMore").asInt()).as("3 of the 5 others").isEqualTo(60);
            assertThat(c.get("to").asLong() - c.get("from").asLong()).isEqualTo(30 * DAY_MS);
            assertThat(get(t, "/api/v1/meters/home-600/comparison", KEY).get("percentUsingMore").asInt()).isZero();
            assertThat(get(t, "/api/v1/meters/home-100/comparison", KEY).get("percentUsingMore").asInt()).isEqualTo(100);

            JsonNode newHome = get(t, "/api/v1/meters/new-home/comparison", KEY);
            assertThat(newHome.get("dailyWh").isNull()).isTrue();
            assertThat(newHome.get("reason").asText()).contains("less than half of the last 30 days");

            JsonNode small = get(t, "/api/v1/meters/flat-200/comparison", SMALL_KEY);
            assertThat(small.get("homes").asInt()).isEqualTo(4);
            assertThat(small.get("dailyWh").asLong()).isEqualTo(200 * 24);
            assertThat(small.get("medianDailyWh").isNull()).isTrue();
            assertThat(small.get("reason").asText()).contains("fewer than 5 homes");
            assertThat(t.send("GET", "/api/v1/meters/home-300/comparison", null, SMALL_KEY).statusCode()).isEqualTo(404);

            // an hour on, the figures are refreshed in the background: the next home counts once it has
            feed(t, MeterRef.of("small", "flat-500"), 500, 30);
            clock.advanceMs(3_600_000L);
            assertThat(get(t, "/api/v1/meters/flat-200/comparison", SMALL_KEY).get("homes").asInt()).as("the previous figures").isEqualTo(4);
            JsonNode refreshed = small;
            for (long deadline = System.nanoTime() + 10_000_000_000L; refreshed.get("homes").asInt() == 4 && System.nanoTime() < deadline; ) {
                Thread.sleep(20);
                refreshed = get(t, "/api/v1/meters/flat-200/comparison", SMALL_KEY);
            }
            assertThat(refreshed.get("homes").asInt()).isEqualTo(5);
            assertThat(refreshed.get("medianDailyWh").asLong()).isEqualTo(300 * 24);
            assertThat(refreshed.get("percentUsingMore").asInt()).isEqualTo(75);
        }
    }

    /** {@code watts} every minute for the last {@code days} days before END_MS, and the half hour after. */
    private static void feed(TestServer t, MeterRef meter, int watts, int days) {
        for (long day = END_MS - days * DAY_MS; day < END_MS + DAY_MS; day += DAY_MS) {
            List<Reading> batch = new ArrayList<>();
            for (long ts = day; ts < Math.min(day + DAY_MS, END_MS + 30 * 60_000L); ts += 60_000L) {
                batch.add(Reading.ofPower(ts, watts * 1000L));
            }
            t.server.pipeline().ingest(meter, batch);
        }
    }

    private static JsonNode get(TestServer t, String path, String key) throws Exception {
        var r = t.send("GET", path, null, key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
