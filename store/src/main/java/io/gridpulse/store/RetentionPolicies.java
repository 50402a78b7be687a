package io.gridpulse.store;

import io.gridpulse.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Per-tenant {@link Retention}, kept durably in the store's metadata, and the pass that applies
 * it. Tenants without a policy keep everything.
 */
public final class RetentionPolicies {
    private static final String PREFIX = "retention/";

    private final Metadata metadata;
    private final ReadingStore store;
    private final Clock clock;

    RetentionPolicies(Metadata metadata, ReadingStore store, Clock clock) {
        this.metadata = metadata;
        this.store = store;
        this.clock = clock;
    }

    public Retention get(TenantId tenant) {
        byte[] stored = metadata.get(PREFIX + tenant);
        return stored == null ? Retention.KEEP_ALL : parse(stored);
    }

    public void set(TenantId tenant, Retention retention) {
        if (retention.equals(Retention.KEEP_ALL)) {
            metadata.delete(PREFIX + tenant);
        } else {
            String text = "rawDays=" + retention.rawDays() + "\nfineRollupDays=" + retention.fineRollupDays() + "\n";
            metadata.put(PREFIX + tenant, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Deletes what every tenant's policy lets go; returns the number of meters trimmed. */
    public int enforce() {
        long now = clock.millis();
        int meters = 0;
        for (Map.Entry<String, byte[]> e : metadata.scan(PREFIX).entrySet()) {
            TenantId tenant = new TenantId(e.getKey().substring(PREFIX.length()));
            Retention retention = parse(e.getValue());
            for (MeterRecord meter : store.meters().list(tenant)) {
                store.deleteBefore(meter.ref(), retention.rawCutoffMs(now), retention.fineRollupCutoffMs(now));
                meters++;
            }
        }
        return meters;
    }

    private static Retention parse(byte[] stored) {
        int raw = 0;
        int fine = 0;
        for (String line : new String(stored, StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("rawDays=")) {
                raw = Integer.parseInt(line.substring("rawDays=".length()));
            } else if (line.startsWith("fineRollupDays=")) {
                fine = Integer.parseInt(line.substring("fineRollupDays=".length()));
            }
        }
        return new Retention(raw, fine);
    }
}
