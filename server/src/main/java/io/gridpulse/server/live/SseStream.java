package io.gridpulse.server.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One SSE connection: the ingest thread only enqueues (never blocks on a slow browser); a virtual
 * thread writes. A client that falls more than the queue's capacity behind is disconnected and
 * reconnects by itself (EventSource), rather than slowing ingest or growing memory.
 */
public final class SseStream implements LiveHub.Subscriber {
    private static final int CAPACITY = 10_000;
    private static final long KEEPALIVE_MS = 15_000;

    private final SseClient client;
    private final ObjectMapper json;
    private final BlockingQueue<String[]> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean open = true;

    public SseStream(SseClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /** Subscribes and blocks the calling (request) thread while the connection is open. */
    public void run(LiveHub hub, MeterRef meter) {
        client.onClose(() -> open = false);
        hub.subscribe(meter, this);
        try {
            client.sendComment("connected to " + meter.meter());
            while (open && !client.terminated()) {
                String[] item = queue.poll(KEEPALIVE_MS, TimeUnit.MILLISECONDS);
                if (item == null) {
                    client.sendComment("keepalive");
                } else {
                    client.sendEvent(item[0], item[1]);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.unsubscribe(meter, this);
        }
    }

    @Override
    public void readings(List<Reading> readings) {
        for (Reading r : readings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ts", r.timestampMs());
            m.put("powerW", java.math.BigDecimal.valueOf(r.powerMilliwatts(), 3).stripTrailingZeros());
            offer("reading", m);
        }
    }

    @Override
    public void event(MeterEvent event) {
        offer("alert", Map.of("ts", event.timestampMs(), "type", event.type(), "severity", event.severity(),
                "message", event.message(), "details", event.details()));
    }

    private void offer(String type, Object payload) {
        try {
            if (!queue.offer(new String[] {type, json.writeValueAsString(payload)})) {
                open = false; // too slow: drop the connection, the browser reconnects
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("live payloads are plain maps", e);
        }
    }
}
