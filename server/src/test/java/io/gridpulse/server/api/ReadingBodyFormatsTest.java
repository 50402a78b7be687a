package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.SharedData;
import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.pipeline.IngestAdmission;
import io.gridpulse.ingest.lineprotocol.LineProtocolMapping;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/meters/{id}/readings} in each body format, against the real server. */
class ReadingBodyFormatsTest {
    private static final String KEY = "formats-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void realReadingsStoreIdenticallyAsJsonRowsColumnsAndCsv() throws Exception {
        Path file = SharedData.resolve("redd-house5/channel_9.dat").orElse(null);
        assumeTrue(file != null, "../shared/data/redd-house5 absent: skipping the real-data round trip");
        List<String[]> rows = Files.readAllLines(file).stream().limit(3_000).map(l -> l.trim().split("\\s+")).toList();
        StringBuilder json = new StringBuilder("{\"readings\":[");
        StringBuilder ts = new StringBuilder("{\"ts\":[");
        StringBuilder watts = new StringBuilder("],\"powerW\":[");
        StringBuilder csv = new StringBuilder("ts,powerW\n");
        for (int i = 0; i < rows.size(); i++) {
            String ms = rows.get(i)[0] + "000";
            String w = rows.get(i)[1];
            json.append(i == 0 ? "" : ",").append("{\"ts\":").append(ms).append(",\"powerW\":").append(w).append('}');
            ts.append(i == 0 ? "" : ",").append(ms);
            watts.append(i == 0 ? "" : ",").append(w);
            csv.append(ms).append(',').append(w).append('\n');
        }
        try (TestServer node = TestServer.start(dir, KEY, Scope.ADMIN)) {
            JsonNode rowsAnswer = answer(post(node, "as-rows", "application/json", json.append("]}").toString()), 200);
            JsonNode columnsAnswer = answer(post(node, "as-columns", "application/json", ts.append(watts).append("]}").toString()), 200);
            JsonNode csvAnswer = answer(post(node, "as-csv", "text/csv", csv.toString()), 200);

            assertThat(rowsAnswer.get("accepted").asInt() + rowsAnswer.get("duplicates").asInt()).isEqualTo(rows.size());
            assertThat(columnsAnswer).isEqualTo(rowsAnswer);
            assertThat(csvAnswer).isEqualTo(rowsAnswer);
            String range = "/power?step=raw&from=" + rows.get(0)[0] + "000&to=" + (Long.parseLong(rows.get(rows.size() - 1)[0]) + 1) + "000";
            JsonNode stored = get(node, "/api/v1/meters/as-rows" + range).get("points");
            assertThat(stored).hasSize(rowsAnswer.get("accepted").asInt());
            assertThat(get(node, "/api/v1/meters/as-columns" + range).get("points")).isEqualTo(stored);
            assertThat(get(node, "/api/v1/meters/as-csv" + range).get("points")).isEqualTo(stored);
        }
    }

    @Test
    void columnarBodyWithABadCellIsRefusedNamingRowAndFieldAndStoresNothing() throws Exception {
        long now = System.currentTimeMillis();
        try (TestServer node = TestServer.start(dir, KEY, Scope.ADMIN)) {
            JsonNode problem = answer(post(node, "cols", "application/json",
                    "{\"ts\":[" + (now - 2000) + "," + (now - 1000) + "],\"powerW\":[5,\"x\"]}"), 400);
            assertThat(problem.get("field").asText()).isEqualTo("powerW");
            assertThat(problem.get("row").asInt()).isEqualTo(1);
            assertThat(post(node, "cols", "application/json", "{\"ts\":[" + now + "],\"powerW\":[5,6]}").statusCode())
                    .isEqualTo(400);
            assertThat(send(node, "GET", "/api/v1/meters/cols", null, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void bodyDeclaredLargerThanTheLimitIsRefusedWith413() throws Exception {
        ServerConfig small = new ServerConfig(0, "127.0.0.1", 1_000, IngestLimits.DEFAULTS,
                IngestAdmission.DEFAULT_MAX_IN_FLIGHT_READINGS, ServerConfig.DEFAULT_SILENT_AFTER_MS, LineProtocolMapping.DEFAULT,
                ServerConfig.DEFAULT_INSIGHT_METERS, io.gridpulse.server.backup.BackupPlan.DEFAULT);
        long now = System.currentTimeMillis();
        StringBuilder body = new StringBuilder("ts,powerW\n");
        for (int i = 0; i < 100; i++) {
            body.append(now - 100_000 + i * 1000L).append(",1\n");
        }
        try (TestServer node = TestServer.start(dir, small, Clock.systemUTC(), KEY, Scope.ADMIN)) {
            HttpResponse<String> refused = post(node, "big", "text/csv", body.toString());
            assertThat(refused.statusCode()).isEqualTo(413);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(JSON.readTree(refused.body()).get("detail").asText()).isEqualTo("body exceeds 1000 bytes");
            assertThat(answer(post(node, "big", "text/csv", "ts,powerW\n" + now + ",1\n"), 200).get("accepted").asInt()).isEqualTo(1);
        }
    }

    private HttpResponse<String> post(TestServer node, String meter, String type, String body) throws Exception {
        return send(node, "POST", "/api/v1/meters/" + meter + "/readings", type, body);
    }

    private JsonNode get(TestServer node, String path) throws Exception {
        return answer(send(node, "GET", path, null, null), 200);
    }

    private static JsonNode answer(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(TestServer node, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + node.server.port() + path))
                .header("Authorization", "Bearer " + KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
