package io.gridpulse.server.mqtt;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import java.util.Optional;

/** The MQTT topic readings are published on: {@code gridpulse/{tenant}/{meterId}/readings}. */
final class ReadingsTopic {
    static final String PREFIX = "gridpulse";
    static final String SUFFIX = "readings";

    private ReadingsTopic() {}

    /** The meter a topic addresses, or empty when the topic is not a readings topic. */
    static Optional<MeterRef> parse(String topic) {
        String[] parts = topic.split("/", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX) || !parts[3].equals(SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MeterRef(new TenantId(parts[1]), new MeterId(parts[2])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String of(MeterRef meter) {
        return PREFIX + "/" + meter.tenant() + "/" + meter.meter() + "/" + SUFFIX;
    }
}
