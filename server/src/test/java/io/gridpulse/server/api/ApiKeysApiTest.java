package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.server.MovableClock;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant's admin makes keys over the API: a read key reads and cannot write, a key bound to one
 * meter (a household's) sees that meter alone, keys are listed without their secret, a revoked key
 * stops working at once and after a restart, and a key cannot revoke itself. The default tenant's
 * admin starts another tenant; that tenant's admin cannot reach back.
 */
class ApiKeysApiTest {
    private static final String ADMIN = "keys-admin-key-0123456789";
    private static final String WRITER = "keys-write-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READING = "{\"readings\":[{\"ts\":1800000000000,\"powerW\":250}]}";

    @TempDir
    Path dir;

    @Test
    void adminMakesListsAndRevokesKeys() throws Exception {
        MovableClock clock = new MovableClock(1_800_000_060_000L);
        String readKey;
        String homeKey;
        try (TestServer node = TestServer.start(dir, ServerConfig.defaults(0), clock, ADMIN, Scope.ADMIN, WRITER, Scope.WRITE)) {
            for (String meter : List.of("home-1", "home-2")) {
                assertThat(node.send("POST", "/api/v1/meters/" + meter + "/readings", READING, ADMIN).statusCode()).isEqualTo(200);
            }
            assertThat(node.send("POST", "/api/v1/keys", "{\"scope\":\"read\"}", WRITER).statusCode()).isEqualTo(403);
            assertThat(problem(node.send("POST", "/api/v1/keys", "{\"scope\":\"owner\"}", ADMIN))).contains("scope");
            assertThat(problem(node.send("POST", "/api/v1/keys", "{\"scope\":\"admin\",\"meterId\":\"home-1\"}", ADMIN)))
                    .contains("read or write");
            assertThat(problem(node.send("POST", "/api/v1/keys", "{\"scope\":\"read\",\"name\":\"a\\nb\"}", ADMIN))).contains("name");
            assertThat(node.send("POST", "/api/v1/keys", "{\"scope\":\"read\",\"meterId\":\"nowhere\"}", ADMIN).statusCode()).isEqualTo(404);

            HttpResponse<String> made = node.send("POST", "/api/v1/keys", "{\"scope\":\"read\",\"name\":\"wall display\"}", ADMIN);
            assertThat(made.statusCode()).isEqualTo(201);
            JsonNode read = JSON.readTree(made.body());
            readKey = read.get("key").asText();
            assertThat(read.get("scope").asText()).isEqualTo("read");
            assertThat(read.get("createdAt").asLong()).isEqualTo(clock.millis());
            assertThat(node.send("GET", "/api/v1/meters/home-2/power?step=raw&from=1799999990000&to=1800000010000", null, readKey).statusCode()).isEqualTo(200);
            assertThat(node.send("POST", "/api/v1/meters/home-2/readings", READING, readKey).statusCode()).isEqualTo(403);
            assertThat(node.send("GET", "/api/v1/keys", null, readKey).statusCode()).isEqualTo(403);

            clock.advanceMs(60_000L);
            JsonNode home = JSON.readTree(node.send("POST", "/api/v1/keys",
                    "{\"scope\":\"read\",\"name\":\"Kim family\",\"meterId\":\"home-1\"}", ADMIN).body());
            homeKey = home.get("key").asText();
            assertThat(meterIds(node.send("GET", "/api/v1/meters", null, homeKey))).containsExactly("home-1");
            assertThat(node.send("GET", "/api/v1/meters/home-1/bill", null, homeKey).statusCode()).isEqualTo(200);
            assertThat(node.send("GET", "/api/v1/tariffs", null, homeKey).statusCode()).isEqualTo(200);
            JsonNode caller = JSON.readTree(node.send("GET", "/api/v1/key", null, homeKey).body());
            assertThat(caller.get("scope").asText() + "/" + caller.get("meterId").asText() + "/" + caller.get("id").asText())
                    .isEqualTo("read/home-1/" + home.get("id").asText());
            assertThat(node.send("GET", "/api/v1/meters/home-2", null, homeKey).statusCode()).isEqualTo(403);
            assertThat(node.send("GET", "/api/v1/usage?from=1799999990000&to=1800000010000", null, homeKey).statusCode()).isEqualTo(403);
            assertThat(node.send("POST", "/api/v1/meters/home-1/readings", READING, homeKey).statusCode()).isEqualTo(403);

            JsonNode listed = JSON.readTree(node.send("GET", "/api/v1/keys", null, ADMIN).body()).get("keys");
            List<String> names = new ArrayList<>();
            listed.forEach(k -> names.add(k.get("name").asText() + "/" + k.get("scope").asText() + "/" + k.get("meterId").asText()));
            assertThat(names).containsExactlyInAnyOrder("test/admin/null", "test/write/null", "wall display/read/null", "Kim family/read/home-1");
            assertThat(names.subList(2, 4)).as("made keys after registered ones, oldest first").containsExactly("wall display/read/null", "Kim family/read/home-1");
            assertThat(listed.toString()).doesNotContain(readKey).doesNotContain(homeKey).doesNotContain("\"key\"");

            // the server owner (the default tenant's admin) starts another tenant; that tenant cannot do the same
            JsonNode acme = JSON.readTree(node.send("POST", "/api/v1/keys", "{\"scope\":\"admin\",\"tenant\":\"acme\",\"name\":\"acme ops\"}", ADMIN).body());
            String acmeKey = acme.get("key").asText();
            assertThat(node.send("POST", "/api/v1/meters/site-1/readings", READING, acmeKey).statusCode()).isEqualTo(200);
            assertThat(meterIds(node.send("GET", "/api/v1/meters", null, acmeKey))).containsExactly("site-1");
            assertThat(meterIds(node.send("GET", "/api/v1/meters", null, ADMIN))).doesNotContain("site-1");
            assertThat(node.send("POST", "/api/v1/keys", "{\"scope\":\"admin\",\"tenant\":\"default\"}", acmeKey).statusCode()).isEqualTo(403);
            assertThat(node.send("GET", "/api/v1/keys?tenant=default", null, acmeKey).statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(node.send("GET", "/api/v1/keys?tenant=acme", null, ADMIN).body()).get("keys").findValuesAsText("name"))
                    .containsExactly("acme ops");
            assertThat(problem(node.send("POST", "/api/v1/keys", "{\"scope\":\"read\",\"tenant\":\"Acme!\"}", ADMIN))).startsWith("tenant");
            assertThat(node.send("DELETE", "/api/v1/keys/" + acme.get("id").asText() + "?tenant=acme", null, ADMIN).statusCode()).isEqualTo(204);
            assertThat(node.send("GET", "/api/v1/meters", null, acmeKey).statusCode()).isEqualTo(401);

            String adminId = listed.findParents("scope").stream().filter(k -> k.get("scope").asText().equals("admin"))
                    .findFirst().orElseThrow().get("id").asText();
            assertThat(problem(node.send("DELETE", "/api/v1/keys/" + adminId, null, ADMIN))).contains("another admin key");
            assertThat(node.send("DELETE", "/api/v1/keys/" + read.get("id").asText(), null, ADMIN).statusCode()).isEqualTo(204);
            assertThat(node.send("DELETE", "/api/v1/keys/" + read.get("id").asText(), null, ADMIN).statusCode()).isEqualTo(404);
            assertThat(node.send("GET", "/api/v1/meters", null, readKey).statusCode()).isEqualTo(401);
        }
        try (TestServer restarted = TestServer.start(dir, ServerConfig.defaults(0), clock)) {
            assertThat(restarted.send("GET", "/api/v1/meters", null, readKey).statusCode()).isEqualTo(401);
            assertThat(meterIds(restarted.send("GET", "/api/v1/meters", null, homeKey))).containsExactly("home-1");
        }
    }

    private static List<String> meterIds(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(r.body()).get("meters").forEach(m -> ids.add(m.get("meterId").asText()));
        return ids;
    }

    /** The detail and field of a 400 answer. */
    private static String problem(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode p = JSON.readTree(r.body());
        return p.path("field").asText() + ": " + p.path("detail").asText();
    }
}
