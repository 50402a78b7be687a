package io.gridpulse.bench.store;

import io.gridpulse.core.TenantId;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.Scope;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Durable ingest through the real server over TCP: concurrent clients, each on one keep-alive
 * connection, POST prepared request bodies of every {@link HttpBodyShape}; each answer comes only
 * after the fsync. Clients and server share the machine's cores. Bodies are built before the clock
 * starts, and each shape first runs untimed warm-up rounds (other meters) until the JIT compiler
 * has settled ({@link #warmUp}), so the figure is the server's steady rate rather than the
 * compiler's.
 *
 * <p>Each client owns its meters and posts their data in time order, as a meter or a gateway
 * does: client c sends requests c, c + clients, c + 2 × clients, …, one at a time. Every client's
 * first request (it registers the client's meters, a one-time cost) is not timed: the clock
 * starts when all clients have their first answer.
 */
public final class HttpIngestBench {
    private static final String KEY = "bench-http-key-0123456789";
    /** Meters each client (a meter or a gateway) posts for in the one-meter shapes. */
    private static final int METERS_PER_CLIENT = 13;
    static final int MIN_WARM_UP_REQUESTS = 6_000;
    static final int WARM_UP_PART_REQUESTS = 1_500;
    /** Bounds a part's prepared bodies (≈ 60 MB) for the hour-sized shapes. */
    static final long WARM_UP_PART_READINGS = 1_500_000;
    static final int MAX_WARM_UP_PARTS = 12;

    /**
     * @param readingsPerShape readings posted per shape (a multiple of every shape's request size, e.g. 2,160,000)
     * @param clients concurrent connections
     */
    public record Settings(Path dir, long readingsPerShape, int clients, List<HttpBodyShape> shapes) {}

    /**
     * One shape's result: readings/s, requests/s, CPU time of the whole process (server, clients,
     * RocksDB threads) per reading, how long the clients' first requests took (they register
     * their meters: a gateway's 1,000 at once), or why it did not run.
     */
    private record Result(double readingsPerSecond, double requestsPerSecond, double cpuMicrosPerReading,
            double firstRequestsMs, String refused) {}

    private final Settings settings;
    private final Consumer<String> progress;

    public HttpIngestBench(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public void run(StoreBenchReport report) {
        try (GridPulseEngine engine = new GridPulseEngine(settings.dir().resolve("http-" + System.nanoTime()))) {
            GridPulseServer server = new GridPulseServer(ServerConfig.defaults(0), engine.store(), Clock.systemUTC());
            server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.ADMIN, "bench");
            server.start();
            try {
                report.put("gridpulse.http.clients", settings.clients());
                int round = 0;
                for (HttpBodyShape shape : settings.shapes()) {
                    long warmUpRequests = warmUp(server, shape, round); // JIT-compiles this shape's path
                    Result result = post(server, shape, "s" + round++ + "-", settings.readingsPerShape());
                    String name = "gridpulse.http." + shape.label();
                    if (result.refused() != null) {
                        report.put(name, result.refused());
                        continue;
                    }
                    report.put(name + ".warmUpRequests", warmUpRequests);
                    report.put(name + ".readingsPerSecond", Math.round(result.readingsPerSecond()));
                    report.put(name + ".requestsPerSecond", Math.round(result.requestsPerSecond()));
                    report.put(name + ".cpuMicrosPerReading", StoreBenchReport.round(result.cpuMicrosPerReading()));
                    report.put(name + ".firstRequestsMs", Math.round(result.firstRequestsMs()));
                    if (shape == HttpBodyShape.JSON_ROWS_300) { // the figure earlier runs reported
                        report.put("gridpulse.http.readingsPerSecond", Math.round(result.readingsPerSecond()));
                        report.put("gridpulse.http.readingsPerRequest", shape.readingsPerRequest());
                    }
                }
            } finally {
                server.close();
            }
        }
    }

    /**
     * Untimed parts of {@value #WARM_UP_PART_REQUESTS} requests (at most {@value #WARM_UP_PART_READINGS}
     * readings) until at least a quarter of the shape's readings and {@value #MIN_WARM_UP_REQUESTS}
     * requests (three times the shape's requests if fewer) are posted and the JIT compiler has
     * settled ({@link JitWarmUp}), at most
     * {@value #MAX_WARM_UP_PARTS} parts. The per-request path (Jetty, routing, auth) runs once
     * per request; with a quarter of the readings alone the small shapes' timed part measured the
     * compiler (2026-11-25: 1 × 300 at 1.8 µs CPU per reading timed, 0.74 µs in a third round of
     * the same run). Returns the requests posted.
     */
    private long warmUp(GridPulseServer server, HttpBodyShape shape, int round) {
        long perRequest = shape.readingsPerRequest();
        long shapeRequests = settings.readingsPerShape() / perRequest;
        // hour-sized shapes amortise the per-request path over 3,600 readings: fewer requests do
        long minRequests = Math.max(shapeRequests / 4, Math.min(MIN_WARM_UP_REQUESTS, 3 * shapeRequests));
        long partRequests = Math.max(Math.min(WARM_UP_PART_REQUESTS, WARM_UP_PART_READINGS / perRequest), 2L * settings.clients());
        int minParts = (int) ((minRequests + partRequests - 1) / partRequests);
        // in parts: the bodies of one part are built at once
        int parts = JitWarmUp.run(minParts, MAX_WARM_UP_PARTS, part -> {
            post(server, shape, "w" + round + "-" + part + "-", partRequests * perRequest);
            return true;
        });
        return parts * partRequests;
    }

    private Result post(GridPulseServer server, HttpBodyShape shape, String meterPrefix, long readings) {
        byte[][] requests = requests(shape, meterPrefix, readings); // built before the clock starts: we time the server
        long acceptedBefore = server.pipeline().acceptedTotal();
        AtomicInteger refusedStatus = new AtomicInteger();
        AtomicLong retries = new AtomicLong();
        if (requests.length <= settings.clients()) {
            throw new IllegalArgumentException(shape.label() + ": needs more than one request per client");
        }
        CountDownLatch registered = new CountDownLatch(settings.clients());
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients());
        long launched = System.nanoTime();
        long start;
        long cpuStart;
        try {
            Future<?>[] clients = new Future<?>[settings.clients()];
            for (int c = 0; c < clients.length; c++) {
                int first = c;
                clients[c] = pool.submit(() -> {
                    try (KeepAliveHttpClient http = new KeepAliveHttpClient(server.port())) {
                        for (int r = first; r < requests.length && refusedStatus.get() == 0; r += clients.length) {
                            int status;
                            while ((status = http.send(requests[r])) == 429) { // admission full: retry, as clients do
                                retries.incrementAndGet();
                                Thread.sleep(5);
                            }
                            if (status != 200 && status != 204) {
                                refusedStatus.compareAndSet(0, status);
                            }
                            if (r == first) {
                                registered.countDown();
                                registered.await();
                            }
                            if (r % 100 == 0) {
                                progress.accept(String.format("http %s %d/%d requests", shape.label(), r, requests.length));
                            }
                        }
                    } finally {
                        registered.countDown(); // a failed client must not hold the others
                    }
                    return null;
                });
            }
            registered.await();
            start = System.nanoTime();
            cpuStart = processCpuNanos();
            for (Future<?> c : clients) {
                c.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("HTTP ingest failed", e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpuNanos = processCpuNanos() - cpuStart;
        if (refusedStatus.get() != 0) {
            return new Result(0, 0, 0, 0, "refused: HTTP " + refusedStatus.get());
        }
        long stored = server.pipeline().acceptedTotal() - acceptedBefore;
        if (stored != readings) {
            throw new IllegalStateException(shape.label() + ": posted " + readings + " readings, server stored " + stored);
        }
        int timedRequests = requests.length - settings.clients();
        double timedReadings = (double) timedRequests * shape.readingsPerRequest();
        return new Result(timedReadings / seconds, timedRequests / seconds, cpuNanos / 1e3 / timedReadings,
                (start - launched) / 1e6, null);
    }

    /** CPU time of this process (all threads, native ones too): less sensitive to other load than wall time. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private byte[][] requests(HttpBodyShape shape, String meterPrefix, long readings) {
        if (readings % shape.readingsPerRequest() != 0) {
            throw new IllegalArgumentException("readings per shape must be a multiple of " + shape.readingsPerRequest());
        }
        byte[][] requests = new byte[(int) (readings / shape.readingsPerRequest())][];
        int clients = settings.clients();
        for (int r = 0; r < requests.length; r++) {
            int client = r % clients;
            int turn = r / clients; // this client's turn-th request
            boolean gateway = shape.metersPerRequest() > 1;
            int meter = gateway ? client * shape.metersPerRequest() : client + clients * (turn % METERS_PER_CLIENT);
            long firstSecond = gateway ? turn : (long) (turn / METERS_PER_CLIENT) * shape.secondsPerRequest();
            requests[r] = KeepAliveHttpClient.request(shape.path(meterPrefix + FleetData.meterName(meter)), shape.contentType(),
                    "Bearer " + KEY, shape.body(meterPrefix, meter, firstSecond));
        }
        return requests;
    }
}
