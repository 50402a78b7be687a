package io.gridpulse.server;

import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.ingest.lineprotocol.LineProtocolMapping;
import io.gridpulse.server.pipeline.IngestAdmission;

/**
 * HTTP server settings.
 *
 * @param port TCP port; 0 picks a free one
 * @param host address to bind
 * @param maxBodyBytes request bodies above this are refused with 413
 * @param limits batch limits
 * @param maxInFlightReadings admission limit: readings being written at once; beyond it HTTP
 *     writes get 429 + Retry-After and MQTT publishers wait
 * @param silentAfterMs a meter that reported and then sends nothing this long raises {@code meter-silent}
 * @param lineProtocol which InfluxDB line-protocol points are readings ({@code /write}, {@code /api/v2/write})
 */
public record ServerConfig(int port, String host, long maxBodyBytes, IngestLimits limits, int maxInFlightReadings,
                           long silentAfterMs, LineProtocolMapping lineProtocol) {
    /** Five minutes: many missed 1 Hz readings, yet short enough to catch a tripped breaker. */
    public static final long DEFAULT_SILENT_AFTER_MS = 5 * 60_000L;

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (maxInFlightReadings < 1) {
            throw new IllegalArgumentException("maxInFlightReadings must be ≥ 1, got " + maxInFlightReadings);
        }
        if (silentAfterMs <= 0) {
            throw new IllegalArgumentException("silentAfterMs must be > 0, got " + silentAfterMs);
        }
    }

    public static ServerConfig defaults(int port) {
        return new ServerConfig(port, "0.0.0.0", 32L * 1024 * 1024, IngestLimits.DEFAULTS,
                IngestAdmission.DEFAULT_MAX_IN_FLIGHT_READINGS, DEFAULT_SILENT_AFTER_MS, LineProtocolMapping.DEFAULT);
    }

    public ServerConfig withMaxInFlightReadings(int readings) {
        return new ServerConfig(port, host, maxBodyBytes, limits, readings, silentAfterMs, lineProtocol);
    }

    public ServerConfig withLineProtocol(LineProtocolMapping mapping) {
        return new ServerConfig(port, host, maxBodyBytes, limits, maxInFlightReadings, silentAfterMs, mapping);
    }
}
