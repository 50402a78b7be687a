package io.gridpulse.store;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.NotFoundException;
import io.gridpulse.core.TenantId;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The meters known to the store, per tenant. A meter is registered on its first write; each gets
 * a compact numeric key for storage. Thread-safe; records are cached in memory and durable.
 */
public final class MeterRegistry {
    private static final String PREFIX = "meter/";
    private static final String SEQUENCE = "seq/meter";

    private final Metadata metadata;
    private final Clock clock;
    private final Map<MeterRef, MeterRecord> meters = new ConcurrentHashMap<>();
    /** The same records per tenant in meter-id order: a fleet's pages without sorting 100,000 ids each time. */
    private final Map<TenantId, ConcurrentSkipListMap<String, MeterRecord>> byTenant = new ConcurrentHashMap<>();
    private long lastKey;

    MeterRegistry(Metadata metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
        byte[] seq = metadata.get(SEQUENCE);
        lastKey = seq == null ? 0 : Long.parseLong(new String(seq, StandardCharsets.UTF_8));
        metadata.scan(PREFIX).values().forEach(v -> cache(parse(v)));
    }

    public Optional<MeterRecord> find(MeterRef ref) {
        return Optional.ofNullable(meters.get(ref));
    }

    /** The meter, or a 404-style error naming it. */
    public MeterRecord require(MeterRef ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("meter '" + ref.meter() + "' does not exist"));
    }

    /** Registers the meter if new; returns its record either way. */
    public MeterRecord ensure(MeterRef ref) {
        MeterRecord existing = meters.get(ref);
        return existing != null ? existing : ensureAll(List.of(ref)).get(0);
    }

    /**
     * Registers the meters that are new with one durable write (a gateway's first post may name a
     * thousand: one fsync each made that a second); returns every meter's record in the given order.
     */
    public synchronized List<MeterRecord> ensureAll(List<MeterRef> refs) {
        List<MeterRecord> records = new ArrayList<>(refs.size());
        Map<MeterRef, MeterRecord> added = new LinkedHashMap<>();
        long key = lastKey;
        long nowMs = clock.millis();
        for (MeterRef ref : refs) {
            MeterRecord record = meters.get(ref);
            if (record == null) {
                record = added.get(ref); // named twice in one call: one registration
            }
            if (record == null) {
                record = new MeterRecord(ref, ++key, nowMs, Map.of());
                added.put(ref, record);
            }
            records.add(record);
        }
        if (!added.isEmpty()) {
            Map<String, byte[]> rows = new LinkedHashMap<>();
            rows.put(SEQUENCE, Long.toString(key).getBytes(StandardCharsets.UTF_8));
            added.values().forEach(r -> rows.put(PREFIX + r.ref(), format(r)));
            metadata.putAll(rows); // durable before any of them is handed out
            lastKey = key;
            added.values().forEach(this::cache);
        }
        return records;
    }

    public synchronized MeterRecord updateSettings(MeterRef ref, Map<String, String> settings) {
        MeterRecord updated = require(ref).withSettings(settings);
        save(updated);
        return updated;
    }

    /** Number of registered meters across all tenants. */
    public int count() {
        return meters.size();
    }

    /** Every registered meter of every tenant, in no particular order. */
    public List<MeterRecord> all() {
        return List.copyOf(meters.values());
    }

    /** Meters registered in {@code tenant}. */
    public int countOf(TenantId tenant) {
        return tenantIndex(tenant).size();
    }

    /** The tenant's meters in id order. */
    public List<MeterRecord> list(TenantId tenant) {
        return List.copyOf(tenantIndex(tenant).values());
    }

    /**
     * Up to {@code limit} of the tenant's meters in id order whose id starts with {@code prefix}
     * and comes after {@code afterOrNull}: one page of a fleet, found without a scan.
     */
    public List<MeterRecord> page(TenantId tenant, String prefix, String afterOrNull, int limit) {
        NavigableMap<String, MeterRecord> from = afterOrNull != null && afterOrNull.compareTo(prefix) >= 0
                ? tenantIndex(tenant).tailMap(afterOrNull, false)
                : tenantIndex(tenant).tailMap(prefix, true);
        List<MeterRecord> page = new ArrayList<>(Math.min(limit, 1_024));
        for (Map.Entry<String, MeterRecord> e : from.entrySet()) {
            if (page.size() == limit || !e.getKey().startsWith(prefix)) {
                break;
            }
            page.add(e.getValue());
        }
        return page;
    }

    private NavigableMap<String, MeterRecord> tenantIndex(TenantId tenant) {
        NavigableMap<String, MeterRecord> index = byTenant.get(tenant);
        return index != null ? index : Collections.emptyNavigableMap();
    }

    private void cache(MeterRecord r) {
        meters.put(r.ref(), r);
        byTenant.computeIfAbsent(r.ref().tenant(), t -> new ConcurrentSkipListMap<>()).put(r.ref().meter().value(), r);
    }

    private void save(MeterRecord record) {
        metadata.put(PREFIX + record.ref(), format(record));
        cache(record);
    }

    private static byte[] format(MeterRecord r) {
        StringBuilder sb = new StringBuilder();
        sb.append("tenant=").append(r.ref().tenant()).append('\n').append("meter=").append(r.ref().meter()).append('\n')
                .append("key=").append(r.key()).append('\n').append("created=").append(r.createdMs()).append('\n');
        r.settings().forEach((k, v) -> sb.append("s.").append(enc(k)).append('=').append(enc(v)).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static MeterRecord parse(byte[] bytes) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String k = line.substring(0, eq);
                String v = line.substring(eq + 1);
                if (k.startsWith("s.")) {
                    settings.put(dec(k.substring(2)), dec(v));
                } else {
                    fields.put(k, v);
                }
            }
        }
        return new MeterRecord(MeterRef.of(fields.get("tenant"), fields.get("meter")), Long.parseLong(fields.get("key")),
                Long.parseLong(fields.get("created")), settings);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
