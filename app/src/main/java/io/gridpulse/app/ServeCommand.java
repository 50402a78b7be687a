package io.gridpulse.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gridpulse serve}: the server with embedded storage, no simulated meters. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the GridPulse server (API, live stream, MQTT, dashboard) on embedded storage.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    NodeOptions node;

    @Override
    public Integer call() throws InterruptedException {
        try (GridPulseRuntime runtime = new GridPulseRuntime(node, Clock.systemUTC())) {
            Banner.print(runtime, 0);
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
