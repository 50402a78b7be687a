package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention set over the API, then applied: old raw readings go, recent ones and hourly energy stay. */
class RetentionApiTest {
    private static final String ADMIN = "retention-admin-key-0123";
    private static final String READER = "retention-read-key-01234";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void adminSetsRetentionAndThePassDeletesOnlyOldRawReadings() throws Exception {
        try (TestServer t = TestServer.start(dir, ADMIN, Scope.ADMIN, READER, Scope.READ)) {
            long now = System.currentTimeMillis() / 1000 * 1000;
            long old = now - 3 * 86_400_000L;
            String readings = "{\"readings\":[{\"ts\":" + old + ",\"powerW\":100},{\"ts\":" + (old + 60_000) + ",\"powerW\":100},"
                    + "{\"ts\":" + (now - 60_000) + ",\"powerW\":200},{\"ts\":" + now + ",\"powerW\":200}]}";
            assertThat(t.send("POST", "/api/v1/meters/m1/readings", readings, ADMIN).statusCode()).isEqualTo(200);

            JsonNode before = JSON.readTree(t.send("GET", "/api/v1/retention", null, READER).body());
            assertThat(before.get("rawDays").asInt()).isZero();
            assertThat(t.send("PUT", "/api/v1/retention", "{\"rawDays\":1}", READER).statusCode()).isEqualTo(403);
            HttpResponse<String> wrong = t.send("PUT", "/api/v1/retention", "{\"rawDays\":\"1 year\"}", ADMIN);
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.body()).contains("rawDays");
            HttpResponse<String> set = t.send("PUT", "/api/v1/retention", "{\"rawDays\":1,\"fineRollupDays\":2}", ADMIN);
            assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
            assertThat(JSON.readTree(set.body()).get("rawDays").asInt()).isEqualTo(1);

            t.store.retention().enforce();

            JsonNode raw = JSON.readTree(t.send("GET", "/api/v1/meters/m1/power?step=raw&from=" + (old - 86_400_000L) + "&to=" + (now + 1), null, READER).body());
            assertThat(raw.get("points")).hasSize(2);
            assertThat(raw.get("points").get(0).get("ts").asLong()).isEqualTo(now - 60_000);
            JsonNode hourly = JSON.readTree(t.send("GET", "/api/v1/meters/m1/power?step=1h&from=0&to=" + (now + 1), null, READER).body());
            assertThat(hourly.get("points").get(0).get("ts").asLong()).as("hourly rollups are kept").isLessThanOrEqualTo(old);
        }
    }
}
