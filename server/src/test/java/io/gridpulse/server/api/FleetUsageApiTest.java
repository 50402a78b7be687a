package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant's hourly energy over the fleet: each meter's column equals its own /usage, totals add up, tenants stay apart. */
class FleetUsageApiTest {
    private static final String KEY = "fleet-usage-key-0123456789";
    private static final String OTHER = "fleet-usage-other-tenant-key";
    private static final long HOUR = 3_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Readings every 10 s from {@code fromMs} (inclusive) to {@code toMs} (inclusive). */
    private void post(TestServer t, String key, String meter, long fromMs, long toMs, Random random, int baseW) throws Exception {
        StringBuilder body = new StringBuilder("{\"readings\":[");
        for (long ts = fromMs; ts <= toMs; ts += 10_000) {
            body.append(ts == fromMs ? "" : ",").append("{\"ts\":").append(ts).append(",\"powerW\":")
                    .append(baseW < 0 ? -baseW : baseW + random.nextInt(2_000)).append('}');
        }
        HttpResponse<String> r = t.send("POST", "/api/v1/meters/" + meter + "/readings", body.append("]}").toString(), key);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void everyMetersHourlyEnergySideBySideWithTheFleetsTotal() throws Exception {
        try (TestServer t = TestServer.start(dir, KEY, Scope.WRITE)) {
            t.server.apiKeys().register(OTHER, new TenantId("other"), Scope.WRITE, "test");
            long day = System.currentTimeMillis() / (24 * HOUR) * (24 * HOUR) - 2 * 24 * HOUR; // two days ago, UTC midnight
            Random random = new Random(17);
            post(t, KEY, "steady", day, day + 2 * HOUR, random, -1_000); // exactly 1,000 W for two hours
            post(t, KEY, "a", day, day + 5 * HOUR + 1_234, random, 200);
            post(t, KEY, "b", day + 3 * HOUR, day + 6 * HOUR, random, 50);
            post(t, OTHER, "elsewhere", day, day + 6 * HOUR, random, 5_000);
            long to = day + 6 * HOUR;

            JsonNode fleet = JSON.readTree(t.send("GET", "/api/v1/usage?from=" + day + "&to=" + to, null, KEY).body());
            assertThat(fleet.get("meterCount").asInt()).isEqualTo(3);
            assertThat(fleet.get("ts")).hasSize(6);
            assertThat(fleet.get("ts").get(5).asLong()).isEqualTo(day + 5 * HOUR);
            JsonNode columns = fleet.get("meters");
            assertThat(columns.findValuesAsText("meterId")).containsExactly("a", "b", "steady");
            JsonNode steady = columns.get(2).get("energyWh");
            assertThat(steady.get(0).decimalValue()).isEqualByComparingTo("1000");
            assertThat(steady.get(1).decimalValue()).isEqualByComparingTo("1000");
            assertThat(steady.get(3).isNull()).as("no readings that hour: no value, not zero").isTrue();
            assertThat(columns.get(1).get("energyWh").get(0).isNull()).isTrue();

            for (int m = 0; m < 3; m++) { // each column is what the meter's own hourly usage says
                String id = columns.get(m).get("meterId").asText();
                JsonNode own = JSON.readTree(t.send("GET", "/api/v1/meters/" + id + "/usage?step=1h&from=" + day + "&to=" + to,
                        null, KEY).body()).get("points");
                int present = 0;
                for (int h = 0; h < 6; h++) {
                    JsonNode cell = columns.get(m).get("energyWh").get(h);
                    if (!cell.isNull()) {
                        JsonNode point = own.get(present++);
                        assertThat(point.get("ts").asLong()).isEqualTo(day + h * HOUR);
                        assertThat(cell.decimalValue()).as(id + " hour " + h).isEqualByComparingTo(point.get("energyWh").decimalValue());
                    }
                }
                assertThat(present).isEqualTo(own.size());
            }
            for (int h = 0; h < 6; h++) {
                BigDecimal sum = BigDecimal.ZERO;
                int reporting = 0;
                for (JsonNode column : columns) {
                    JsonNode cell = column.get("energyWh").get(h);
                    if (!cell.isNull()) {
                        sum = sum.add(cell.decimalValue());
                        reporting++;
                    }
                }
                // the total is summed in nWh, then rounded to mWh like each column: they differ by rounding only
                assertThat(fleet.get("totalWh").get(h).decimalValue().subtract(sum).abs()).as("hour " + h)
                        .isLessThanOrEqualTo(new BigDecimal("0.0005").multiply(BigDecimal.valueOf(reporting)));
                assertThat(fleet.get("metersReporting").get(h).asInt()).isEqualTo(reporting);
            }

            JsonNode totalsOnly = JSON.readTree(t.send("GET", "/api/v1/usage?perMeter=false&from=" + day + "&to=" + to, null, KEY).body());
            assertThat(totalsOnly.has("meters")).isFalse();
            assertThat(totalsOnly.get("totalWh")).isEqualTo(fleet.get("totalWh"));
            JsonNode other = JSON.readTree(t.send("GET", "/api/v1/usage?from=" + day + "&to=" + to, null, OTHER).body());
            assertThat(other.get("meters").findValuesAsText("meterId")).containsExactly("elsewhere");

            HttpResponse<String> tooLong = t.send("GET", "/api/v1/usage?from=" + (to - 2_000_000 * HOUR) + "&to=" + to, null, KEY);
            assertThat(tooLong.statusCode()).isEqualTo(400);
            assertThat(tooLong.body()).contains("hours at a time");
            assertThat(t.send("GET", "/api/v1/usage?from=" + to + "&to=" + day, null, KEY).statusCode()).isEqualTo(400);
        }
    }
}
