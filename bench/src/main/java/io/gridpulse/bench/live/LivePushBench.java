package io.gridpulse.bench.live;

import io.gridpulse.core.TenantId;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * How long a reading takes from a meter to the browsers watching it: a gateway posts one reading
 * per meter each second ({@code POST /write}, line protocol), every meter has its own SSE
 * subscriber ({@code GET …/live}, as the dashboard), and each {@code reading} event's arrival is
 * timed from the moment its request was sent. The push includes the durable write (events go out
 * after the fsync), so the acknowledgement's latency is reported beside it. The first seconds
 * warm up and are not counted. The subscribers are read by one thread ({@link EventStreamReader}).
 */
public final class LivePushBench {
    private static final String KEY = "live-bench-admin-key-0123456789";
    /**
     * @param meters meters, each with one subscriber
     * @param warmUpSeconds seconds run but not timed: a young JVM is still compiling the hot paths
     *     (in the first 15 s at 1,000 meters its compiler took a core and the push p99 was 2x the steady state's)
     * @param seconds timed seconds after the warm-up
     */
    public record Settings(Path dir, int meters, int warmUpSeconds, int seconds) {}

    /** Latencies in ms; events counted over the timed seconds only. */
    public record Result(int meters, int warmUpSeconds, int seconds, long expectedEvents, long receivedEvents, double pushP50Ms, double pushP99Ms,
                         double pushMaxMs, double ackP50Ms, double ackP99Ms) {
        /** DESIGN.md's bar for the live chart. */
        public static final double TARGET_P99_MS = 50;

        public String toJson() {
            return String.format(java.util.Locale.ROOT, "{\"meters\":%d,\"warmUpSeconds\":%d,\"seconds\":%d,\"events\":{\"expected\":%d,\"received\":%d},"
                    + "\"pushMs\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},\"ackMs\":{\"p50\":%.2f,\"p99\":%.2f},"
                    + "\"target\":{\"pushP99Ms\":%.0f,\"met\":%b}}", meters, warmUpSeconds, seconds, expectedEvents, receivedEvents, pushP50Ms,
                    pushP99Ms, pushMaxMs, ackP50Ms, ackP99Ms, TARGET_P99_MS, met());
        }

        public String toText() {
            return String.format(java.util.Locale.ROOT, "live push, %d meters x %d s after %d s of warm-up: %d of %d events; "
                    + "reading -> browser p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 < %.0f ms: %s); acknowledgement "
                    + "p50 %.1f ms, p99 %.1f ms", meters, seconds, warmUpSeconds, receivedEvents, expectedEvents, pushP50Ms, pushP99Ms, pushMaxMs, TARGET_P99_MS,
                    met() ? "met" : "MISSED", ackP50Ms, ackP99Ms);
        }

        public boolean met() {
            return receivedEvents == expectedEvents && pushP99Ms < TARGET_P99_MS;
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Reading timestamp → nanoTime its request was sent. */
    private final Map<Long, Long> sentNanos = new ConcurrentHashMap<>();
    private final ConcurrentHistogram push = new ConcurrentHistogram(3);
    private final ConcurrentHistogram ack = new ConcurrentHistogram(3);
    private final AtomicLong received = new AtomicLong();
    private volatile long timedFromMs = Long.MAX_VALUE;
    private volatile long timedUntilMs = Long.MAX_VALUE;

    public LivePushBench(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public Result run() throws Exception {
        try (ReadingStore store = ReadingStore.open(StorageConfig.defaults(settings.dir()), Clock.systemUTC());
             GridPulseServer server = new GridPulseServer(ServerConfig.defaults(0), store, Clock.systemUTC())) {
            server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.ADMIN, "bench");
            server.start();
            String base = "http://localhost:" + server.port();
            long firstMs = (System.currentTimeMillis() / 1000 + 1) * 1000;
            post(base, firstMs - 1000); // registers the meters, so every subscriber has one to watch
            try (EventStreamReader subscribers = subscribe(base)) {
                return timeRun(base, firstMs);
            }
        }
    }

    private Result timeRun(String base, long firstMs) throws IOException, InterruptedException {
        timedFromMs = firstMs + settings.warmUpSeconds() * 1000L;
        timedUntilMs = timedFromMs + settings.seconds() * 1000L;
        for (long t = firstMs; t < timedUntilMs; t += 1000) {
            long wait = t - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            long sent = System.nanoTime();
            sentNanos.put(t, sent);
            post(base, t);
            if (t >= timedFromMs) {
                ack.recordValue(System.nanoTime() - sent);
            }
            if ((t - firstMs) % 10_000 == 0) {
                progress.accept(String.format("%d s, %d events", (t - firstMs) / 1000, received.get()));
            }
        }
        long expected = (long) settings.meters() * settings.seconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return new Result(settings.meters(), settings.warmUpSeconds(), settings.seconds(), expected, received.get(), ms(push, 50), ms(push, 99),
                push.getMaxValue() / 1e6, ms(ack, 50), ms(ack, 99));
    }

    private static double ms(ConcurrentHistogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private void post(String base, long timestampMs) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder(settings.meters() * 40);
        for (int m = 0; m < settings.meters(); m++) {
            body.append("power,meter=live-").append(m).append(" powerW=").append(100 + (timestampMs / 1000 + m) % 900)
                    .append(' ').append(timestampMs).append('\n');
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/write?precision=ms"))
                .header("Authorization", "Token " + KEY).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("gateway post answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** One SSE connection per meter, all read by one thread; returns once all are subscribed. */
    private EventStreamReader subscribe(String base) throws IOException, InterruptedException {
        List<URI> streams = new ArrayList<>();
        for (int m = 0; m < settings.meters(); m++) {
            streams.add(URI.create(base + "/api/v1/meters/live-" + m + "/live"));
        }
        EventStreamReader reader = new EventStreamReader(streams, "Bearer " + KEY, this::arrived);
        if (!reader.awaitConnected(60)) {
            reader.close();
            throw new IllegalStateException("subscribers did not connect within 60 s");
        }
        return reader;
    }

    private void arrived(long ts, long nowNanos) {
        Long sent = sentNanos.get(ts);
        if (sent != null && ts >= timedFromMs && ts < timedUntilMs) {
            push.recordValue(Math.max(0, nowNanos - sent));
            received.incrementAndGet();
        }
    }
}
