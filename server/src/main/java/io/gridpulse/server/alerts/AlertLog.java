package io.gridpulse.server.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.server.live.LiveHub;
import io.gridpulse.store.Metadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every alert of a meter goes: kept durably (metadata {@code alert/<tenant>/<meter>/<ts>-<type>})
 * and pushed as an {@code alert} event on the meter's live stream.
 */
public final class AlertLog {
    private static final Logger LOG = LoggerFactory.getLogger(AlertLog.class);
    private static final String PREFIX = "alert/";

    private final Metadata metadata;
    private final LiveHub live;
    private final ObjectMapper json = new ObjectMapper();

    public AlertLog(Metadata metadata, LiveHub live) {
        this.metadata = metadata;
        this.live = live;
    }

    public void record(MeterEvent e) {
        try {
            String key = PREFIX + e.meter() + "/" + String.format("%015d", e.timestampMs()) + "-" + e.type();
            metadata.put(key, json.writeValueAsBytes(Map.of("ts", e.timestampMs(), "type", e.type(),
                    "severity", e.severity(), "message", e.message(), "details", e.details())));
        } catch (IOException ex) {
            LOG.error("cannot keep alert {}", e, ex);
        }
        live.publish(e);
    }

    /** Stored alerts of a meter, newest first, at most {@code limit}. */
    public List<Map<String, Object>> recent(MeterRef meter, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (byte[] value : metadata.scan(PREFIX + meter + "/").values()) {
            try {
                out.add(0, json.readValue(value, Map.class));
            } catch (IOException e) {
                LOG.warn("skipping unreadable alert of {}", meter);
            }
        }
        return out.subList(0, Math.min(limit, out.size()));
    }
}
