package io.gridpulse.ingest.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.BodyJson;
import io.gridpulse.ingest.IngestLimits;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * Turns a device's native JSON into readings (see {@link DeviceFormat} for each mapping). Errors
 * are {@link InvalidInputException}s naming the field; timestamps beyond the clock plus
 * {@link IngestLimits#maxFutureMs()} are refused. Thread-safe.
 */
public final class DevicePayloadParser {
    private final Clock clock;
    private final IngestLimits limits;

    public DevicePayloadParser(Clock clock, IngestLimits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * @param zone zone of local device times (Tasmota {@code Time})
     * @param channel Shelly channel to take, or null for the sum of all (Gen1) / channel 0 (Gen2)
     */
    public List<Reading> parse(DeviceFormat format, byte[] body, ZoneId zone, Integer channel) {
        JsonNode root = tree(body);
        long nowMs = clock.millis();
        List<Reading> readings = switch (format) {
            case TASMOTA -> TasmotaSensor.readings(object(root), zone, nowMs);
            case SHELLY -> ShellyStatus.readings(object(root), channel, nowMs);
            case ENERTALK -> EnerTalkReadings.readings(root);
        };
        if (readings.size() > limits.maxBatchReadings()) {
            throw new PayloadTooLargeException("batch has " + readings.size() + " readings; the limit is " + limits.maxBatchReadings());
        }
        for (Reading r : readings) {
            if (r.timestampMs() > nowMs + limits.maxFutureMs()) {
                throw new InvalidInputException("timestamp", "timestamp " + r.timestampMs() + " is more than "
                        + limits.maxFutureMs() / 1000 + " s in the future");
            }
            if (r.timestampMs() < IngestLimits.EARLIEST_TIMESTAMP_MS) {
                throw new InvalidInputException("timestamp", "timestamp " + r.timestampMs() + " is before "
                        + "2000-01-01T00:00:00Z: is the device's clock set?");
            }
        }
        return readings;
    }

    private static JsonNode tree(byte[] body) {
        JsonNode root = BodyJson.readTree(body);
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException("body", "empty body");
        }
        return root;
    }

    private static JsonNode object(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidInputException("body", "expected a JSON object");
        }
        return root;
    }
}
