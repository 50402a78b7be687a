package io.gridpulse.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gridpulse serve}: the server with embedded storage, no simulated meters. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the GridPulse server (API, live stream, dashboard) on embedded storage.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--mqtt-port", defaultValue = "1883",
            description = "Embedded MQTT broker port; -1 turns it off (default: ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--data", defaultValue = "gridpulse-data", description = "Storage folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() throws InterruptedException {
        try (GridPulseRuntime runtime = new GridPulseRuntime(data, port, mqttPort, Clock.systemUTC())) {
            Banner.print(runtime, 0);
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
