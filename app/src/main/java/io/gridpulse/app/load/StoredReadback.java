package io.gridpulse.app.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Counts what the server really stored for each meter of a run, through the public API: the
 * {@code samples} of {@code GET /api/v1/meters/{id}/power?step=1h} over the run's time range
 * (a meter never created answers 404 = 0 stored). Lost = acknowledged − stored, per meter.
 */
final class StoredReadback {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;
    private final int parallelRequests;

    StoredReadback(String baseUrl, String apiKey, int parallelRequests) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
        this.parallelRequests = parallelRequests;
    }

    /** Totals over all meters of the run; {@code progress} gets each meter index as it is checked. */
    Result check(MeterNames names, LoadStats stats, int meters, long fromMs, long toMs, IntConsumer progress)
            throws InterruptedException {
        LongAdder stored = new LongAdder();
        LongAdder lost = new LongAdder();
        LongAdder unreadable = new LongAdder();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelRequests)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < meters; i++) {
                int meter = i;
                done.add(pool.submit(() -> {
                    long n = storedCount(names.id(meter), fromMs, toMs);
                    if (n < 0) {
                        unreadable.increment();
                    } else {
                        stored.add(n);
                        lost.add(Math.max(0, stats.acknowledgedFor(meter) - n));
                    }
                    progress.accept(meter);
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    unreadable.increment();
                }
            }
        }
        return new Result(stored.sum(), lost.sum(), unreadable.sum());
    }

    /** Readings stored for the meter in [fromMs, toMs); −1 if the server could not be asked. */
    long storedCount(String meterId, long fromMs, long toMs) {
        URI uri = URI.create(baseUrl + "/api/v1/meters/" + meterId + "/power?step=1h&from=" + fromMs + "&to=" + toMs);
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(30)).GET().build();
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 404) {
                    return 0;
                }
                if (response.statusCode() == 200) {
                    long samples = 0;
                    for (JsonNode point : JSON.readTree(response.body()).path("points")) {
                        samples += point.path("samples").asLong();
                    }
                    return samples;
                }
            } catch (IOException e) {
                // retried below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    /** Stored readings, acknowledged-but-not-stored readings, meters that could not be read. */
    record Result(long stored, long lost, long unreadableMeters) {}
}
