package io.gridpulse.app.crash;

import io.gridpulse.core.Reading;
import io.gridpulse.ingest.BatchJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** POSTs batches to {@code /api/v1/meters/{id}/readings}; a 200 is the acknowledgement. */
final class HttpBatchSender implements BatchSender {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String key;

    HttpBatchSender(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    @Override
    public boolean send(String meterId, List<Reading> batch) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/meters/" + meterId + "/readings"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(BatchJson.of(batch))).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    @Override
    public void close() {
        http.close();
    }
}
