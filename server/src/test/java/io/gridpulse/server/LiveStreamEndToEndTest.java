package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET …/live} over a plain socket, as a browser's EventSource reads it: a burst arrives whole
 * and in order, a client that stops reading is dropped instead of holding up ingest, and a client
 * that leaves is unsubscribed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiveStreamEndToEndTest {
    private static final String KEY = "live-stream-admin-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MeterRef METER = new MeterRef(TenantId.DEFAULT, new MeterId("home-live"));
    private final long now = System.currentTimeMillis() / 1000 * 1000;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private TestServer t;

    @BeforeEach
    void start() throws Exception {
        t = TestServer.start(dir, KEY, Scope.ADMIN);
        assertThat(t.send("POST", "/api/v1/meters/home-live/readings", "{\"ts\":" + now + ",\"powerW\":1}", KEY).statusCode())
                .isEqualTo(200);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void aBurstArrivesWholeAndInOrder() throws Exception {
        try (LineStream lines = listen()) {
            int seconds = 9; // 9,000 frames at once: within what a client may lag behind (10,000)
            int perSecond = 1_000;
            for (int s = 0; s < seconds; s++) {
                List<Reading> batch = new ArrayList<>();
                for (int i = 0; i < perSecond; i++) {
                    int n = s * perSecond + i;
                    batch.add(new Reading(now + n, n * 125L - 3_000, Reading.NO_ENERGY));
                }
                t.server.live().publish(METER, batch);
            }
            for (int n = 0; n < seconds * perSecond; n++) {
                JsonNode data = nextReading(lines);
                assertThat(data.get("ts").asLong()).isEqualTo(now + n);
                assertThat(data.get("powerW").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(n * 125L - 3_000, 3));
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileOthersGetEverything() throws Exception {
        try (Socket stalled = subscribe(4_096); LineStream lines = listen()) {
            connected(stalled);
            assertThat(t.server.live().subscriberCount()).isEqualTo(2);
            // 20 MB of frames: more than the stalled client's socket buffers and its queue hold
            int total = 400_000;
            AtomicInteger received = new AtomicInteger();
            Thread reader = Thread.ofVirtual().start(() -> {
                for (int n = 0; n < total; n++) {
                    assertThat(nextReading(lines).get("ts").asLong()).isEqualTo(now + n);
                    received.incrementAndGet();
                }
            });
            for (int n = 0; n < total; n += 1_000) {
                List<Reading> batch = new ArrayList<>();
                for (int i = n; i < n + 1_000; i++) {
                    batch.add(new Reading(now + i, 1_000_000, Reading.NO_ENERGY));
                }
                t.server.live().publish(METER, batch); // returns at once even though one client is stuck
                while (received.get() < n - 5_000 && reader.isAlive()) {
                    Thread.sleep(1); // the reading client keeps up, within its queue
                }
            }
            reader.join(60_000);
            assertThat(received.get()).as("events the reading client got").isEqualTo(total);
            awaitSubscribers(1);
            assertThat(t.send("GET", "/metrics", null, KEY).body()).contains("gridpulse_live_dropped_total 1.0");
        }
    }

    @Test
    void aClientThatLeavesIsUnsubscribed() throws Exception {
        Socket socket = subscribe(0);
        connected(socket);
        assertThat(t.server.live().subscriberCount()).isEqualTo(1);
        socket.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.server.live().subscriberCount() > 0 && System.nanoTime() < deadline) {
            t.server.live().publish(METER, List.of(new Reading(now, 1, Reading.NO_ENERGY))); // the write finds it gone
            Thread.sleep(50);
        }
        assertThat(t.server.live().subscriberCount()).isZero();
    }

    private Socket subscribe(int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress("localhost", t.server.port()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/meters/home-live/live HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads the response head and the stream's first comment of a raw subscriber. */
    private static void connected(Socket socket) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).startsWith("HTTP/1.1 200");
        String line;
        while (!(line = lines.readLine()).startsWith(":")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type")) {
                assertThat(line).contains("text/event-stream");
            }
        }
        assertThat(line).isEqualTo(": connected to home-live");
    }

    /** A subscriber whose lines are read (and the chunked encoding undone) by the JDK's HTTP client. */
    private LineStream listen() throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + t.server.port() + "/api/v1/meters/home-live/live")).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        LineStream lines = new LineStream(response.body());
        assertThat(lines.next()).isEqualTo(": connected to home-live");
        return lines;
    }

    /** The next {@code reading} event's data. */
    private static JsonNode nextReading(LineStream lines) {
        boolean reading = false;
        for (String line; (line = lines.next()) != null; ) {
            if (line.equals("event: reading")) {
                reading = true;
            } else if (reading && line.startsWith("data: ")) {
                try {
                    return JSON.readTree(line.substring(6));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        throw new AssertionError("the stream ended");
    }

    private record LineStream(Stream<String> lines, Iterator<String> iterator) implements AutoCloseable {
        LineStream(Stream<String> lines) {
            this(lines, lines.iterator());
        }

        String next() {
            return iterator.hasNext() ? iterator.next() : null;
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    private void awaitSubscribers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.server.live().subscriberCount() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(t.server.live().subscriberCount()).isEqualTo(count);
    }
}
