package io.gridpulse.bench.store;

import io.gridpulse.core.TenantId;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Durable ingest through the real server: concurrent clients POST JSON batches (one meter,
 * {@code batchSeconds} readings) to {@code /api/v1/meters/{id}/readings}; each answer comes
 * after the fsync. Clients and server share the machine's cores; request bodies are built
 * before the clock starts, so the figure is the server's, not the JSON writer's.
 */
public final class HttpIngestBench {
    private static final String KEY = "bench-http-key-0123456789";

    /** Settings: meters, batches per meter, readings per batch, concurrent clients. */
    public record Settings(Path dir, int meters, int batchesPerMeter, int batchSeconds, int clients) {}

    private final Settings settings;
    private final Consumer<String> progress;

    public HttpIngestBench(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public void run(StoreBenchReport report) {
        try (GridPulseEngine engine = new GridPulseEngine(settings.dir().resolve("http-" + System.nanoTime()))) {
            GridPulseServer server = new GridPulseServer(ServerConfig.defaults(0), engine.store(),
                    java.time.Clock.systemUTC());
            server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.ADMIN, "bench");
            server.start();
            try {
                double rate = post(server.port());
                report.put("gridpulse.http.readingsPerSecond", Math.round(rate));
                report.put("gridpulse.http.clients", settings.clients());
                report.put("gridpulse.http.readingsPerRequest", settings.batchSeconds());
            } finally {
                server.close();
            }
        }
    }

    private double post(int port) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long requests = (long) settings.meters() * settings.batchesPerMeter();
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        String[] bodies = new String[(int) requests]; // built before the clock starts: we time the server
        for (int r = 0; r < requests; r++) {
            bodies[r] = body(r % settings.meters(), (long) r / settings.meters() * settings.batchSeconds());
        }
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
        long start = System.nanoTime();
        try {
            Future<?>[] clients = new Future<?>[settings.clients()];
            for (int c = 0; c < clients.length; c++) {
                clients[c] = pool.submit(() -> {
                    for (long r = next.getAndIncrement(); r < requests; r = next.getAndIncrement()) {
                        if (send(http, port, (int) (r % settings.meters()), bodies[(int) r]) != 200) {
                            failures.incrementAndGet();
                        }
                        if (r % 500 == 0) {
                            progress.accept(String.format("http batches %d/%d", r, requests));
                        }
                    }
                    return null;
                });
            }
            for (Future<?> c : clients) {
                c.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("HTTP ingest failed", e);
        } finally {
            pool.shutdownNow();
        }
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " HTTP batches were not accepted");
        }
        return requests * settings.batchSeconds() / ((System.nanoTime() - start) / 1e9);
    }

    private String body(int meter, long firstSecond) {
        StringBuilder body = new StringBuilder(settings.batchSeconds() * 64).append("{\"readings\":[");
        for (int i = 0; i < settings.batchSeconds(); i++) {
            long second = firstSecond + i;
            long powerMilliwatts = FleetData.powerMilliwatts(meter, second);
            body.append(i == 0 ? "" : ",").append("{\"ts\":").append(FleetData.START_MS + second * 1000)
                    .append(",\"powerW\":").append(powerMilliwatts / 1000).append('.')
                    .append(String.format("%03d", Math.abs(powerMilliwatts % 1000))).append('}');
        }
        return body.append("]}").toString();
    }

    private int send(HttpClient http, int port, int meter, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/meters/"
                        + FleetData.meterName(meter) + "/readings"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
