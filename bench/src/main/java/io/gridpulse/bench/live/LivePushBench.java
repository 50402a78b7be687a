package io.gridpulse.bench.live;

import io.gridpulse.core.TenantId;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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
 * warm up and are not counted.
 */
public final class LivePushBench {
    private static final String KEY = "live-bench-admin-key-0123456789";
    private static final int WARM_UP_SECONDS = 5;

    /** @param meters meters, each with one subscriber; @param seconds timed seconds after the warm-up */
    public record Settings(Path dir, int meters, int seconds) {}

    /** Latencies in ms; events counted over the timed seconds only. */
    public record Result(int meters, int seconds, long expectedEvents, long receivedEvents, double pushP50Ms, double pushP99Ms,
                         double pushMaxMs, double ackP50Ms, double ackP99Ms) {
        /** DESIGN.md's bar for the live chart. */
        public static final double TARGET_P99_MS = 50;

        public String toJson() {
            return String.format(java.util.Locale.ROOT, "{\"meters\":%d,\"seconds\":%d,\"events\":{\"expected\":%d,\"received\":%d},"
                    + "\"pushMs\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},\"ackMs\":{\"p50\":%.2f,\"p99\":%.2f},"
                    + "\"target\":{\"pushP99Ms\":%.0f,\"met\":%b}}", meters, seconds, expectedEvents, receivedEvents, pushP50Ms,
                    pushP99Ms, pushMaxMs, ackP50Ms, ackP99Ms, TARGET_P99_MS, met());
        }

        public String toText() {
            return String.format(java.util.Locale.ROOT, "live push, %d meters x %d s: %d of %d events; reading -> browser p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms (target p99 < %.0f ms: %s); acknowledgement p50 %.1f ms, p99 %.1f ms", meters,
                    seconds, receivedEvents, expectedEvents, pushP50Ms, pushP99Ms, pushMaxMs, TARGET_P99_MS,
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
            List<Thread> subscribers = subscribe(base);
            timedFromMs = firstMs + WARM_UP_SECONDS * 1000L;
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
            subscribers.forEach(Thread::interrupt);
            return new Result(settings.meters(), settings.seconds(), expected, received.get(), ms(push, 50), ms(push, 99),
                    push.getMaxValue() / 1e6, ms(ack, 50), ms(ack, 99));
        }
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

    /** One SSE connection per meter, each read by its own virtual thread; returns once all are connected. */
    private List<Thread> subscribe(String base) throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(settings.meters());
        List<Thread> threads = new ArrayList<>();
        for (int m = 0; m < settings.meters(); m++) {
            URI uri = URI.create(base + "/api/v1/meters/live-" + m + "/live");
            threads.add(Thread.ofVirtual().start(() -> listen(uri, connected)));
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("subscribers did not connect within 60 s");
        }
        return threads;
    }

    private void listen(URI uri, CountDownLatch connected) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + KEY)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                boolean reading = false;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith(":")) {
                        connected.countDown(); // the stream's first comment: subscribed
                    } else if (line.startsWith("event:")) {
                        reading = line.contains("reading");
                    } else if (reading && line.startsWith("data:")) {
                        arrived(line, System.nanoTime());
                    }
                }
            }
        } catch (IOException e) {
            connected.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void arrived(String data, long nowNanos) {
        int at = data.indexOf("\"ts\":");
        if (at < 0) {
            return;
        }
        int end = at + 5;
        while (end < data.length() && Character.isDigit(data.charAt(end))) {
            end++;
        }
        long ts = Long.parseLong(data, at + 5, end, 10);
        Long sent = sentNanos.get(ts);
        if (sent != null && ts >= timedFromMs && ts < timedUntilMs) {
            push.recordValue(Math.max(0, nowNanos - sent));
            received.incrementAndGet();
        }
    }
}
