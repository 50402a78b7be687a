package io.gridpulse.app.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP load over the InfluxDB line-protocol endpoint {@code /api/v2/write}: it takes many meters
 * in one request, so a worker sends its slice in requests of {@code metersPerRequest} lines — the
 * per-meter JSON endpoint would need one request per meter per second. Each worker has one
 * request outstanding; 429 answers are retried after their Retry-After. Ack latency = request
 * sent → 204, recorded once per reading in it.
 */
final class HttpFleetSender implements FleetSender {
    private static final int MAX_ATTEMPTS = 30;
    private static final long IO_RETRY_PAUSE_MS = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI writeUri;
    private final String apiKey;
    private final int workers;
    private final int metersPerRequest;
    private final int meters;
    private final MeterNames names;
    private final LoadStats stats;

    HttpFleetSender(String baseUrl, String apiKey, int workers, int metersPerRequest, int meters, MeterNames names,
            LoadStats stats) {
        this.writeUri = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v2/write?precision=s");
        this.apiKey = apiKey;
        this.workers = workers;
        this.metersPerRequest = metersPerRequest;
        this.meters = meters;
        this.names = names;
        this.stats = stats;
    }

    @Override
    public int workers() {
        return workers;
    }

    @Override
    public int partsPerSecond() {
        return 1;
    }

    @Override
    public void sendPart(int worker, long epochSecond, int part) throws InterruptedException {
        int step = workers * metersPerRequest;
        for (int first = worker; first < meters; first += step) {
            sendRequest(first, Math.min(meters, first + step), epochSecond);
        }
    }

    /** Meters first, first + workers, … below end. */
    private void sendRequest(int first, int end, long epochSecond) throws InterruptedException {
        StringBuilder body = new StringBuilder(metersPerRequest * 48);
        int count = 0;
        for (int i = first; i < end; i += workers) {
            body.append("power,meter=").append(names.id(i)).append(" value=")
                    .append(BigDecimal.valueOf(FleetProfile.powerMilliwatts(i, epochSecond), 3).toPlainString())
                    .append(' ').append(epochSecond).append('\n');
            count++;
        }
        stats.recordSent(count);
        HttpRequest request = HttpRequest.newBuilder(writeUri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Token " + apiKey).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long sentNanos = System.nanoTime();
            HttpResponse<Void> response = send(request);
            int status = response == null ? -1 : response.statusCode();
            if (status == 204) {
                long latency = System.nanoTime() - sentNanos;
                for (int i = first; i < end; i += workers) {
                    stats.recordAcknowledged(i, latency);
                }
                return;
            }
            if (status != 429 && status != -1) {
                break;
            }
            stats.recordRetry();
            Thread.sleep(status == 429 ? retryAfterMs(response) : IO_RETRY_PAUSE_MS);
        }
        stats.recordFailed(count);
    }

    /** The answer, or null when the connection failed. */
    private HttpResponse<Void> send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            return null;
        }
    }

    private static long retryAfterMs(HttpResponse<Void> response) {
        try {
            return 1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1").trim());
        } catch (NumberFormatException e) {
            return 1000L;
        }
    }

    @Override
    public void drain(long timeoutMs) {
        // requests are synchronous: nothing outstanding once the workers have returned
    }

    @Override
    public void close() {
        http.close();
    }
}
