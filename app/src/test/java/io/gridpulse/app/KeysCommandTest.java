package io.gridpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridpulse keys}: an operator starts a tenant with the server stopped; the server then
 * takes the key, the tenant's meters are its own, and a revoked key no longer opens anything.
 */
class KeysCommandTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNewTenantsAdminKeyWorksOnTheServerUntilRevoked() throws Exception {
        Path data = dir.resolve("data");
        CapturedRun made = CapturedRun.of("keys", "create", "--tenant", "acme", "--name", "acme ops", "--data", data.toString());
        assertThat(made.code()).as(made.err()).isZero();
        String key = made.out().strip();
        assertThat(key).startsWith("gp_").hasSizeGreaterThan(40);
        assertThat(made.err()).contains("admin", "acme ops", "keys revoke");

        CapturedRun listed = CapturedRun.of("keys", "list", "--tenant", "acme", "--data", data.toString());
        assertThat(listed.out()).contains("acme  admin", "\"acme ops\"").doesNotContain(key);
        String id = listed.out().strip().split(" ")[0];
        assertThat(CapturedRun.of("keys", "list", "--data", data.toString()).err()).contains("no keys in tenant 'default'");
        assertThat(CapturedRun.of("keys", "create", "--scope", "owner", "--data", data.toString()).err()).contains("read, write or admin");
        assertThat(CapturedRun.of("keys", "create", "--tenant", "Acme!", "--data", data.toString()).err()).contains("tenant id must match");

        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(data), Clock.systemUTC());
             GridPulseServer server = new GridPulseServer(ServerConfig.defaults(0), store, Clock.systemUTC()).start()) {
            assertThat(CapturedRun.of("keys", "list", "--tenant", "acme", "--data", data.toString()).err())
                    .as("the folder is the server's").contains("is 'gridpulse serve' using it?", "POST /api/v1/keys");
            String reading = "{\"readings\":[{\"ts\":" + System.currentTimeMillis() + ",\"powerW\":100}]}";
            assertThat(send(server, "POST", "/api/v1/meters/site-7/readings", reading, key).statusCode()).isEqualTo(200);
            assertThat(send(server, "GET", "/api/v1/meters", null, key).body()).contains("\"meterId\":\"site-7\"");
        }
        CapturedRun revoked = CapturedRun.of("keys", "revoke", id, "--tenant", "acme", "--data", data.toString());
        assertThat(revoked.code()).as(revoked.err()).isZero();
        assertThat(CapturedRun.of("keys", "revoke", id, "--tenant", "acme", "--data", data.toString()).err()).contains("no key '" + id + "'");
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(data), Clock.systemUTC());
             GridPulseServer server = new GridPulseServer(ServerConfig.defaults(0), store, Clock.systemUTC()).start()) {
            assertThat(send(server, "GET", "/api/v1/meters", null, key).statusCode()).isEqualTo(401);
        }
    }

    private HttpResponse<String> send(GridPulseServer server, String method, String path, String body, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
