package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /meters} a page at a time: every meter of the tenant once, in id order, none of another tenant's. */
class MeterListPagingTest {
    private static final String KEY = "paging-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void pagesCoverTheFleetOnceInIdOrder() throws Exception {
        try (TestServer node = TestServer.start(dir, KEY, Scope.ADMIN)) {
            List<String> ids = IntStream.range(0, 2_345).mapToObj(i -> String.format("meter-%05d", i)).toList();
            node.store.meters().ensureAll(ids.stream().map(id -> MeterRef.of("default", id)).toList());
            node.store.meters().ensureAll(List.of(MeterRef.of("other", "meter-00001"), MeterRef.of("other", "zz")));

            List<String> seen = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                JsonNode page = get(node, "/api/v1/meters?limit=1000" + (next == null ? "" : "&after=" + next));
                page.get("meters").forEach(m -> seen.add(m.get("meterId").asText()));
                next = page.get("next").isNull() ? null : page.get("next").asText();
                pages++;
            } while (next != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen).isEqualTo(ids);

            JsonNode byPrefix = get(node, "/api/v1/meters?prefix=meter-012&limit=50");
            assertThat(byPrefix.get("meters")).hasSize(50);
            assertThat(byPrefix.get("next").asText()).isEqualTo("meter-01249");
            assertThat(get(node, "/api/v1/meters?prefix=meter-0123").get("meters")).hasSize(10);
            assertThat(get(node, "/api/v1/meters").get("meters")).hasSize(1_000); // the default page
            assertThat(get(node, "/api/v1/meters?prefix=zz").get("meters")).isEmpty(); // another tenant's

            for (String bad : List.of("0", "10001", "many")) {
                HttpResponse<String> refused = node.send("GET", "/api/v1/meters?limit=" + bad, null, KEY);
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(JSON.readTree(refused.body()).get("field").asText()).isEqualTo("limit");
            }
        }
    }

    private static JsonNode get(TestServer node, String path) throws Exception {
        HttpResponse<String> r = node.send("GET", path, null, KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
