package io.gridpulse.server;

import io.gridpulse.ingest.IngestLimits;

/**
 * HTTP server settings.
 *
 * @param port TCP port; 0 picks a free one
 * @param host address to bind
 * @param maxBodyBytes request bodies above this are refused with 413
 * @param limits batch limits
 */
public record ServerConfig(int port, String host, long maxBodyBytes, IngestLimits limits) {
    public ServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
    }

    public static ServerConfig defaults(int port) {
        return new ServerConfig(port, "0.0.0.0", 32L * 1024 * 1024, IngestLimits.DEFAULTS);
    }
}
