package io.gridpulse.server;

import io.gridpulse.ingest.IngestLimits;
import io.gridpulse.ingest.lineprotocol.LineProtocolMapping;
import io.gridpulse.server.backup.BackupPlan;
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
 * @param insightMeters meters whose insights follow their readings (anomalies pushed to {@code /live}
 *     and webhooks as they happen; ≈ 65 KB of heap each); the others' are computed on request
 * @param backups where backups go and how often the server makes them
 */
public record ServerConfig(int port, String host, long maxBodyBytes, IngestLimits limits, int maxInFlightReadings,
                           long silentAfterMs, LineProtocolMapping lineProtocol, int insightMeters, BackupPlan backups) {
    /** Five minutes: many missed 1 Hz readings, yet short enough to catch a tripped breaker. */
    public static final long DEFAULT_SILENT_AFTER_MS = 5 * 60_000L;
    /** ≈ 65 MB of heap: a home install and a small service follow every meter live. */
    public static final int DEFAULT_INSIGHT_METERS = 1_000;

    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (maxInFlightReadings < 1) {
            throw new IllegalArgumentException("maxInFlightReadings must be ≥ 1, got " + maxInFlightReadings);
        }
        if (insightMeters < 1) {
            throw new IllegalArgumentException("insightMeters must be ≥ 1, got " + insightMeters);
        }
        if (silentAfterMs <= 0) {
            throw new IllegalArgumentException("silentAfterMs must be > 0, got " + silentAfterMs);
        }
    }

    public static ServerConfig defaults(int port) {
        return new ServerConfig(port, "0.0.0.0", 32L * 1024 * 1024, IngestLimits.DEFAULTS,
                IngestAdmission.DEFAULT_MAX_IN_FLIGHT_READINGS, DEFAULT_SILENT_AFTER_MS, LineProtocolMapping.DEFAULT,
                DEFAULT_INSIGHT_METERS, BackupPlan.DEFAULT);
    }

    public ServerConfig withMaxInFlightReadings(int readings) {
        return new ServerConfig(port, host, maxBodyBytes, limits, readings, silentAfterMs, lineProtocol, insightMeters, backups);
    }

    public ServerConfig withLineProtocol(LineProtocolMapping mapping) {
        return new ServerConfig(port, host, maxBodyBytes, limits, maxInFlightReadings, silentAfterMs, mapping, insightMeters, backups);
    }

    public ServerConfig withInsightMeters(int meters) {
        return new ServerConfig(port, host, maxBodyBytes, limits, maxInFlightReadings, silentAfterMs, lineProtocol, meters, backups);
    }

    public ServerConfig withBackups(BackupPlan plan) {
        return new ServerConfig(port, host, maxBodyBytes, limits, maxInFlightReadings, silentAfterMs, lineProtocol,
                insightMeters, plan);
    }
}
