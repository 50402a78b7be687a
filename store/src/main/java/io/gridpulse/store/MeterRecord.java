package io.gridpulse.store;

import io.gridpulse.core.MeterRef;
import java.util.Map;

/**
 * A registered meter.
 *
 * @param ref tenant and id
 * @param key compact internal key used in storage keys
 * @param createdMs when the meter was first written (UTC epoch ms)
 * @param settings free-form settings owned by upper layers (tariff, 검침일, time zone, name)
 */
public record MeterRecord(MeterRef ref, long key, long createdMs, Map<String, String> settings) {
    public MeterRecord {
        settings = Map.copyOf(settings);
    }

    public MeterRecord withSettings(Map<String, String> newSettings) {
        return new MeterRecord(ref, key, createdMs, newSettings);
    }
}
