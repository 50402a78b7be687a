package io.gridpulse.bench.fuzz;

import java.nio.file.Path;
import java.util.List;

/** The surfaces `bench fuzz` knows, by name. */
public final class FuzzTargets {
    public static final List<String> NAMES =
            List.of("json-readings", "csv-readings", "line-protocol", "device-payloads", "chunk-decode", "http-api", "mqtt");

    private FuzzTargets() {}

    /** A new target; {@code dir} holds the HTTP and MQTT targets' store. */
    public static FuzzTarget create(String name, Path dir) {
        return switch (name) {
            case "json-readings" -> new JsonReadingsTarget();
            case "csv-readings" -> new CsvReadingsTarget();
            case "line-protocol" -> new LineProtocolTarget();
            case "device-payloads" -> new DevicePayloadTarget();
            case "chunk-decode" -> new ChunkDecodeTarget();
            case "http-api" -> new HttpApiTarget(dir);
            case "mqtt" -> new MqttTarget(dir);
            default -> throw new IllegalArgumentException("unknown fuzz target '" + name + "'; one of " + NAMES);
        };
    }
}
