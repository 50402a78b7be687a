package io.gridpulse.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that run a node ({@code serve}, {@code demo}). */
final class NodeOptions {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--mqtt-port", defaultValue = "1883",
            description = "Embedded MQTT broker port; -1 turns it off (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--data", defaultValue = "gridpulse-data", description = "Storage folder (default: ${DEFAULT-VALUE}).")
    Path data;
}
