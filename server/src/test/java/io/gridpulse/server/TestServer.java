package io.gridpulse.server;

import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;

/** The real server on a random port over a fresh store in {@code dir}, for tests; closes both. */
public final class TestServer implements AutoCloseable {
    public final ReadingStore store;
    public final GridPulseServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer(Path dir, ServerConfig config, Clock clock) {
        store = ReadingStore.open(StorageConfig.defaults(dir), clock);
        server = new GridPulseServer(config, store, clock);
    }

    /** A server with the given API keys of the default tenant ({@code key, scope, key, scope, ...}), started. */
    public static TestServer start(Path dir, ServerConfig config, Clock clock, Object... keysAndScopes) {
        TestServer t = new TestServer(dir, config, clock);
        for (int i = 0; i < keysAndScopes.length; i += 2) {
            t.server.apiKeys().register((String) keysAndScopes[i], TenantId.DEFAULT, (Scope) keysAndScopes[i + 1], "test");
        }
        t.server.start();
        return t;
    }

    /** A server over the folder's store, not yet serving HTTP (call {@code server.start()}). */
    public static TestServer unstarted(Path dir, ServerConfig config, Clock clock) {
        return new TestServer(dir, config, clock);
    }

    public static TestServer start(Path dir, Object... keysAndScopes) {
        return start(dir, ServerConfig.defaults(0), Clock.systemUTC(), keysAndScopes);
    }

    /** A JSON request to this server with {@code key} as bearer token; {@code body} null sends none. */
    public HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
