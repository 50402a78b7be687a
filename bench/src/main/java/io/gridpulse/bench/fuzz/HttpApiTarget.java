package io.gridpulse.bench.fuzz;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.GridPulseServer;
import io.gridpulse.server.ServerConfig;
import io.gridpulse.server.backup.BackupPlan;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.store.ReadingStore;
import io.gridpulse.store.StorageConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The real server over a fresh store, fed mutated requests to every route: paths, queries and
 * bodies mutated as bytes (the request line percent-encoded so it stays a request). Bad requests
 * must get a 4xx; a 5xx is a finding. A sentinel meter written before the run must read back
 * unchanged after it, and the server must still be healthy.
 *
 * <p>A seed is {@code METHOD CONTENT-TYPE PATH?QUERY}, a newline, then the body.
 */
final class HttpApiTarget implements FuzzTarget {
    private static final String KEY = "fuzz-admin-key-0123456789abcdef";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");
    private static final String SENTINEL = "sentinel-meter";
    private static final int SENTINEL_READINGS = 600;

    private final ReadingStore store;
    private final GridPulseServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final long dayStartMs;
    private final List<Reading> sentinel = new ArrayList<>();

    HttpApiTarget(Path dir) {
        Clock clock = Clock.systemUTC();
        store = ReadingStore.open(StorageConfig.defaults(dir.resolve("data")), clock);
        // backups inside the run's folder, which is deleted after it (the default sits beside the data)
        server = new GridPulseServer(ServerConfig.defaults(0).withBackups(new BackupPlan(dir.resolve("backups"), 2, 0)),
                store, clock);
        server.apiKeys().register(KEY, TenantId.DEFAULT, Scope.ADMIN, "fuzz");
        server.start();
        dayStartMs = (clock.millis() / 86_400_000L - 1) * 86_400_000L;
        for (int i = 0; i < SENTINEL_READINGS; i++) {
            sentinel.add(new Reading(dayStartMs + i * 1_000L, 100_000L + (i % 7) * 1_000L, Reading.NO_ENERGY));
        }
        post("/api/v1/meters/" + SENTINEL + "/readings", "application/json", json(sentinel, 0));
        post("/api/v1/meters/fuzz-1/readings", "application/json", json(sentinel, 3_600_000L));
    }

    @Override
    public String name() {
        return "http-api";
    }

    @Override
    public List<byte[]> seeds() {
        String from = Instant.ofEpochMilli(dayStartMs).toString();
        String to = Instant.ofEpochMilli(dayStartMs + 86_400_000L).toString();
        String m = "/api/v1/meters/fuzz-1";
        String json = "application/json";
        return FuzzRun.utf8(List.of(
                "GET " + json + " " + m + "/power?from=" + from + "&to=" + to + "&step=raw\n",
                "GET " + json + " " + m + "/power?from=" + dayStartMs + "&to=" + (dayStartMs + 7_200_000L) + "&step=1m\n",
                "GET " + json + " " + m + "/usage?from=" + from + "&to=" + to + "&step=1h&tz=Asia/Seoul\n",
                "GET " + json + " /api/v1/usage?from=" + from + "&to=" + to + "&perMeter=true\n",
                "GET " + json + " " + m + "/bill?at=" + to + "&tariff=kepco-residential-low\n",
                "GET " + json + " " + m + "/bills?from=2026-01-01&to=2026-11-30\n",
                "GET " + json + " " + m + "/alerts\n",
                "GET " + json + " " + m + "/standby?from=" + from + "&to=" + to + "\n",
                "GET " + json + " " + m + "/anomalies?from=" + from + "&to=" + to + "\n",
                "GET " + json + " " + m + "/forecast?date=2026-11-26\n",
                "GET " + json + " " + m + "/appliances?from=" + from + "&to=" + to + "\n",
                "GET " + json + " " + m + "/comparison\n",
                "GET " + json + " /api/v1/meters\n",
                "GET " + json + " /api/v1/meters?prefix=fuzz-&after=fuzz-1&limit=2\n",
                "GET " + json + " " + m + "/power?from=" + dayStartMs + "&to=" + (dayStartMs + 3_600_000L) + "&step=raw&format=csv\n",
                "GET text/csv " + m + "/usage?from=" + from + "&to=" + to + "&step=1h&format=csv\n",
                "GET " + json + " /api/v1/fleet/status\n",
                "PUT " + json + " /api/v1/alert-webhook\n{\"url\":\"http://127.0.0.1:9/hook\"}",
                "DELETE " + json + " /api/v1/alert-webhook\n",
                "POST " + json + " /api/v1/keys\n{\"scope\":\"read\",\"name\":\"거실 화면\",\"meterId\":\"fuzz-1\"}",
                "GET " + json + " /api/v1/keys\n",
                "DELETE " + json + " /api/v1/keys/0123456789ab\n",
                "GET " + json + " /api/v1/tariffs\n",
                "PUT " + json + " " + m + "\n{\"tariffId\":\"kepco-residential-low\",\"meterReadingDay\":15,\"timezone\":\"Asia/Seoul\","
                        + "\"name\":\"거실\",\"budgetWon\":50000}",
                "POST " + json + " /api/v1/meters/fuzz-2/readings\n" + json(sentinel.subList(0, 3), 7_200_000L),
                "POST " + json + " /api/v1/meters/fuzz-2/readings\n{\"ts\":[" + (dayStartMs + 9_000_000L) + "],\"powerW\":[5.5]}",
                "POST text/csv /api/v1/meters/fuzz-2/readings\nts,powerW,energyWh\n" + (dayStartMs + 9_100_000L) + ",12.5,100\n",
                "POST " + json + " /api/v1/meters/fuzz-3/readings?format=enertalk\n{\"timestamp\":" + (dayStartMs + 50_000L)
                        + ",\"activePower\":1075412,\"energy\":123456789}",
                "POST " + json + " /api/v1/meters/fuzz-3/readings?format=shelly&channel=0\n{\"unixtime\":" + (dayStartMs / 1000 + 60)
                        + ",\"emeters\":[{\"power\":100,\"total\":10}]}",
                "POST text/plain /write?precision=ms\npower,meter=fuzz-4 powerW=412.5 " + (dayStartMs + 1_000L) + "\n",
                "POST text/plain /api/v2/write?precision=s\npower,meter=fuzz-4 powerW=1i,energyWh=2 " + (dayStartMs / 1000 + 2) + "\n",
                "PUT " + json + " /api/v1/retention\n{\"rawDays\":400,\"fineRollupDays\":90}",
                "GET " + json + " /api/v1/backups\n",
                "POST " + json + " /api/v1/backups\n",
                "POST " + json + " /api/v1/meters/fuzz-5/device-token\n",
                "DELETE " + json + " /api/v1/meters/fuzz-5/device-token\n"));
    }

    @Override
    public List<String> dictionary() {
        return List.of("&from=", "&to=", "&step=", "1d", "1M", "15m", "&tz=", "Europe/London", "%00", "%2F", "%zz", "..", "/",
                "?", "&", "=", "#", String.valueOf(dayStartMs), "2026-02-30", "-1", "P1D");
    }

    @Override
    public void check(byte[] input) throws IOException, InterruptedException {
        String text = new String(input, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        String head = newline < 0 ? text : text.substring(0, newline);
        String body = newline < 0 ? "" : text.substring(newline + 1);
        String[] parts = head.split(" ", 3);
        if (parts.length < 3 || !METHODS.contains(parts[0])) {
            return; // the method or content type was mutated away: the HTTP client's business, not ours
        }
        String target = requestTarget(parts[2]);
        HttpResponse<String> response = send(parts[0], target, parts[1], body);
        if (response.statusCode() >= 500) {
            throw new FuzzFinding("HTTP " + response.statusCode() + " on " + parts[0] + " " + route(target) + ": "
                    + target + " -> " + FuzzRun.preview(response.body().getBytes(StandardCharsets.UTF_8), 300));
        }
    }

    /** After the run: the server answers, and the sentinel meter reads back exactly what was acknowledged before it. */
    @Override
    public void afterRun() throws IOException, InterruptedException {
        HttpResponse<String> health = send("GET", "/api/v1/health", "application/json", "");
        if (health.statusCode() != 200) {
            throw new FuzzFinding("health after the run: HTTP " + health.statusCode());
        }
        List<Reading> stored = store.readRaw(new MeterRef(TenantId.DEFAULT, new MeterId(SENTINEL)), dayStartMs,
                dayStartMs + 86_400_000L);
        if (!stored.equals(sentinel)) {
            throw new FuzzFinding("sentinel: " + stored.size() + " readings read back, " + sentinel.size() + " acknowledged, or changed");
        }
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }

    private HttpResponse<String> send(String method, String target, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        String scheme = target.startsWith("/api/v1") ? "Bearer " : "Token ";
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + target))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", scheme + KEY)
                    .header("Content-Type", contentType.isBlank() ? "application/json" : contentType)
                    .method(method, publisher).build();
        } catch (IllegalArgumentException e) {
            return send(method, "/api/v1/health", "application/json", ""); // a header the client refuses to send
        }
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void post(String path, String contentType, String body) {
        try {
            HttpResponse<String> response = send("POST", path, contentType, body);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("fuzz set-up: " + path + " answered " + response.statusCode() + " " + response.body());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("fuzz set-up: " + path, e);
        }
    }

    private static String json(List<Reading> readings, long shiftMs) {
        StringBuilder out = new StringBuilder("{\"readings\":[");
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            out.append(i == 0 ? "" : ",").append("{\"ts\":").append(r.timestampMs() + shiftMs)
                    .append(",\"powerW\":").append(r.powerMilliwatts() / 1000.0).append('}');
        }
        return out.append("]}").toString();
    }

    /** The mutated path and query as a valid request target: a leading slash, and every byte a URI may not hold percent-encoded. */
    static String requestTarget(String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        if (bytes.length == 0 || bytes[0] != '/') {
            out.append('/');
        }
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            boolean escape = b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]);
            if (escape || (b > 0x20 && b < 0x7F && "\"<>\\^`{|}#%[]".indexOf(b) < 0)) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** The route a target hits, meter id and query left out: one finding per route, not per URL. */
    static String route(String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        return path.replaceFirst("^/api/v1/meters/[^/]+", "/api/v1/meters/{id}");
    }

    private static boolean hex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
