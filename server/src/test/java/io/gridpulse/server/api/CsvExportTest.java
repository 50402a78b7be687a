package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.SharedData;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /power} and {@code /usage} as CSV on a real household's days (GJW as logged, with an
 * energy register absent on some readings): every row says what the JSON says, and the raw CSV
 * posts back as readings unchanged.
 */
class CsvExportTest {
    private static final String KEY = "csv-export-admin-key-0123456789";
    private static final long DAY_MS = 86_400_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private List<Reading> readings;

    @BeforeEach
    void readData() throws Exception {
        Path file = SharedData.resolve("gjw-uk-home/active-power-2015-06-10.csv").orElse(null);
        assumeTrue(file != null, "../shared/data/gjw-uk-home absent: skipping the CSV export on real data");
        readings = RawPointsTest.gjwWithRegister(file);
    }

    @Test
    void rawCsvHoldsEveryReadingAndPostsBackUnchanged() throws Exception {
        try (TestServer node = TestServer.start(dir, KEY, Scope.ADMIN)) {
            long day = load(node);
            String range = "from=" + day + "&to=" + (day + DAY_MS);
            HttpResponse<String> csv = get(node, "/api/v1/meters/gjw/power?step=raw&format=csv&" + range, null);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("filename=\"gjw-raw.csv\"");
            String[] lines = csv.body().split("\n");
            assertThat(lines[0]).isEqualTo("ts,powerW,energyWh");
            // times in the meter's zone (Seoul by default), with its offset
            assertThat(lines[1]).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?\\+09:00,.*");
            JsonNode points = json(get(node, "/api/v1/meters/gjw/power?step=raw&" + range, null)).get("points");
            assertThat(lines).hasSize(points.size() + 1);
            assertThat(points.size()).isGreaterThan(1_000);
            assertThat(csv.body()).contains(",\n"); // readings without energy: an empty last cell

            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base(node) + "/api/v1/meters/copy/readings"))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv.body())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(json(accepted).get("accepted").asInt()).isEqualTo(points.size());
            assertThat(json(get(node, "/api/v1/meters/copy/power?step=raw&" + range, null)).get("points")).isEqualTo(points);
        }
    }

    @Test
    void rollupAndUsageCsvSayWhatTheJsonSays() throws Exception {
        try (TestServer node = TestServer.start(dir, KEY, Scope.ADMIN)) {
            long day = load(node);
            String range = "from=" + day + "&to=" + (day + 3 * DAY_MS);
            List<String[]> rows = rows(get(node, "/api/v1/meters/gjw/power?step=15m&format=csv&" + range, null),
                    "ts,avgW,minW,maxW,energyWh,samples");
            JsonNode points = json(get(node, "/api/v1/meters/gjw/power?step=15m&" + range, null)).get("points");
            assertThat(rows).hasSize(points.size()).hasSizeGreaterThan(200);
            for (int i = 0; i < rows.size(); i++) {
                String[] row = rows.get(i);
                JsonNode p = points.get(i);
                assertThat(OffsetDateTime.parse(row[0]).toInstant().toEpochMilli()).isEqualTo(p.get("ts").asLong());
                String[] fields = {"avgW", "minW", "maxW", "energyWh"};
                for (int f = 0; f < fields.length; f++) {
                    JsonNode value = p.get(fields[f]);
                    if (value.isNull()) {
                        assertThat(row[f + 1]).isEmpty();
                    } else {
                        assertThat(new BigDecimal(row[f + 1])).isEqualByComparingTo(value.decimalValue());
                    }
                }
                assertThat(Long.parseLong(row[5])).isEqualTo(p.get("samples").asLong());
            }

            // Accept: text/csv without ?format, hourly usage in the meter's zone
            List<String[]> usage = rows(get(node, "/api/v1/meters/gjw/usage?step=1h&" + range, "text/csv"), "ts,energyWh");
            JsonNode hours = json(get(node, "/api/v1/meters/gjw/usage?step=1h&" + range, null)).get("points");
            assertThat(usage).hasSize(hours.size()).hasSizeGreaterThan(48);
            for (int i = 0; i < usage.size(); i++) {
                assertThat(OffsetDateTime.parse(usage.get(i)[0]).toInstant().toEpochMilli()).isEqualTo(hours.get(i).get("ts").asLong());
                assertThat(new BigDecimal(usage.get(i)[1])).isEqualByComparingTo(hours.get(i).get("energyWh").decimalValue());
            }
        }
    }

    @Test
    void anUnknownFormatIsRefusedWithTheField() throws Exception {
        try (TestServer node = TestServer.start(dir, KEY, Scope.ADMIN)) {
            load(node);
            HttpResponse<String> r = get(node, "/api/v1/meters/gjw/power?step=1h&format=xlsx", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).get("field").asText()).isEqualTo("format");
            assertThat(json(r).get("detail").asText()).contains("csv or json");
        }
    }

    /** Stores the data set for meter "gjw" and returns the start of its second whole UTC day. */
    private long load(TestServer node) {
        MeterRef meter = MeterRef.of("default", "gjw");
        node.store.meters().ensure(meter);
        for (int i = 0; i < readings.size(); i += 5_000) {
            node.store.append(meter, readings.subList(i, Math.min(readings.size(), i + 5_000)));
        }
        return Math.floorDiv(readings.get(0).timestampMs(), DAY_MS) * DAY_MS + DAY_MS;
    }

    private static List<String[]> rows(HttpResponse<String> csv, String header) {
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(header);
        return lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    private HttpResponse<String> get(TestServer node, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(node) + path)).header("Authorization", "Bearer " + KEY);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base(TestServer node) {
        return "http://localhost:" + node.server.port();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }
}
