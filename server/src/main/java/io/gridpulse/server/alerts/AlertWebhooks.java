package io.gridpulse.server.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.TenantId;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.store.Metadata;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's alert webhook: every alert and anomaly of its meters (what the live stream pushes)
 * is POSTed as JSON to the URL the tenant set, so a home-automation hub or an operator's system
 * hears of it without watching each meter. Delivery is in the background, in order, with retries
 * ({@link #RETRY_DELAYS_MS}), one sender per tenant, so a slow or dead endpoint delays only its own
 * tenant's events; a tenant's events queued beyond {@link #QUEUE_EVENTS} are dropped and counted,
 * never blocking ingest. It sends what the live stream pushes, so history pushed through the pipeline
 * (a backfill, an import) is not sent either ({@code LiveInsights} decides what is news). URLs
 * persist in metadata.
 */
public final class AlertWebhooks implements AutoCloseable {
    static final int QUEUE_EVENTS = 10_000;
    private static final long[] RETRY_DELAYS_MS = {1_000, 5_000};
    private static final String PREFIX = "webhook/";
    public static final String SIGNATURE_HEADER = "X-GridPulse-Signature";
    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhooks.class);
    private static final Delivery NONE_YET = new Delivery();

    private final Metadata metadata;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<TenantId, Hook> hooks = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    /** Per tenant that had an event to send: its queue, sender and counts. */
    private final Map<TenantId, Delivery> deliveries = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public AlertWebhooks(Metadata metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
        metadata.scan(PREFIX).forEach((key, value) -> {
            String[] urlAndSecret = new String(value, StandardCharsets.UTF_8).split("\n", 2);
            // a URL kept before posts were signed (no secret line) posts unsigned until it is set again
            hooks.put(new TenantId(key.substring(PREFIX.length())),
                    new Hook(URI.create(urlAndSecret[0]), urlAndSecret.length > 1 ? urlAndSecret[1] : null));
        });
    }

    /** The tenant's webhook URL, if it set one. */
    public Optional<URI> url(TenantId tenant) {
        return Optional.ofNullable(hooks.get(tenant)).map(Hook::url);
    }

    /**
     * Sets the tenant's webhook (an absolute http(s) URL, or a 400) with a new signing secret,
     * returned here only: each post carries {@value #SIGNATURE_HEADER} {@code sha256=<hex>}, the
     * HMAC-SHA256 of its body under the secret, so the receiver can tell it came from here.
     */
    public String set(TenantId tenant, String url) {
        URI uri = checked(url);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        metadata.put(PREFIX + tenant.value(), (uri + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        hooks.put(tenant, new Hook(uri, secret));
        return secret;
    }

    /** Removes the tenant's webhook. */
    public void remove(TenantId tenant) {
        metadata.delete(PREFIX + tenant.value());
        hooks.remove(tenant);
    }

    /** An alert or anomaly was raised: queued for its tenant's webhook, if any; never blocks. */
    public void raised(MeterEvent event) {
        if (closed || !hooks.containsKey(event.meter().tenant())) {
            return;
        }
        Delivery d = delivery(event.meter().tenant());
        if (!d.queue.offer(event)) {
            d.dropped.incrementAndGet();
        }
    }

    /** Counts for the tenant's webhook: delivered, failed after retries, dropped for a full queue; the last error. */
    public Map<String, Object> status(TenantId tenant) {
        Delivery d = deliveries.getOrDefault(tenant, NONE_YET);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url(tenant).map(URI::toString).orElse(null));
        m.put("delivered", d.delivered.get());
        m.put("failed", d.failed.get());
        m.put("dropped", d.dropped.get());
        m.put("lastDeliveredMs", d.lastDeliveredMs.get() == 0 ? null : d.lastDeliveredMs.get());
        m.put("lastError", d.lastError);
        return m;
    }

    /** What became of the events raised for a webhook. */
    public enum Outcome {
        DELIVERED, FAILED, DROPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Events of every tenant with this outcome since the start. */
    public long total(Outcome outcome) {
        return deliveries.values().stream().mapToLong(d -> switch (outcome) {
            case DELIVERED -> d.delivered.get();
            case FAILED -> d.failed.get();
            case DROPPED -> d.dropped.get();
        }).sum();
    }

    /** One tenant's sender: its events in order, each until delivered or out of retries. */
    private void send(TenantId tenant, Delivery d) {
        while (!Thread.currentThread().isInterrupted()) {
            MeterEvent event;
            try {
                event = d.queue.take();
            } catch (InterruptedException e) {
                return;
            }
            Hook hook = hooks.get(tenant);
            if (hook != null) {
                deliver(event, hook, d);
            }
        }
    }

    private void deliver(MeterEvent event, Hook hook, Delivery d) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(payload(event));
        } catch (IOException e) {
            throw new IllegalStateException(e); // maps of strings and numbers always serialise
        }
        for (int attempt = 0; ; attempt++) {
            String error;
            try {
                HttpRequest.Builder post = HttpRequest.newBuilder(hook.url()).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("User-Agent", "GridPulse alert webhook")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                if (hook.secret() != null) {
                    post.header(SIGNATURE_HEADER, "sha256=" + signature(body, hook.secret()));
                }
                HttpResponse<Void> r = http.send(post.build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    d.delivered.incrementAndGet();
                    d.lastDeliveredMs.set(clock.millis());
                    return;
                }
                error = "HTTP " + r.statusCode();
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt == RETRY_DELAYS_MS.length) {
                d.failed.incrementAndGet();
                d.lastError = error;
                LOG.warn("alert webhook of tenant {} failed for {} {}: {}", event.meter().tenant(), event.meter(), event.type(), error);
                return;
            }
            try {
                Thread.sleep(RETRY_DELAYS_MS[attempt]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The live stream's alert fields, with the meter they are about. */
    private static Map<String, Object> payload(MeterEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", e.meter().tenant().value());
        m.put("meterId", e.meter().meter().value());
        m.put("ts", e.timestampMs());
        m.put("type", e.type());
        m.put("severity", e.severity());
        m.put("message", e.message());
        m.put("details", e.details());
        return m;
    }

    /** Hex HMAC-SHA256 of {@code body} under {@code secret}: what the receiver recomputes. */
    static String signature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** @param secret null for a URL kept before posts were signed */
    private record Hook(URI url, String secret) {}

    private static URI checked(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.isAbsolute() && uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // said below
        }
        throw new InvalidInputException("url", "url must be an absolute http:// or https:// URL, got '" + url + "'");
    }

    private Delivery delivery(TenantId tenant) {
        return deliveries.computeIfAbsent(tenant, t -> {
            Delivery d = new Delivery();
            d.sender = Thread.ofVirtual().name("alert-webhook-" + t.value()).start(() -> send(t, d));
            return d;
        });
    }

    @Override
    public void close() {
        closed = true;
        deliveries.values().forEach(d -> d.sender.interrupt());
    }

    private static final class Delivery {
        final BlockingQueue<MeterEvent> queue = new ArrayBlockingQueue<>(QUEUE_EVENTS);
        volatile Thread sender;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong lastDeliveredMs = new AtomicLong();
        volatile String lastError;
    }
}
