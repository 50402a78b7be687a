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

    @Option(names = "--data", defaultValue = "gridpulse-data", description = "Storage folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--nilm-model", description = "Appliance (NILM) model from 'gridpulse nilm train', used for meters "
            + "without a model of their own in <data>/nilm/<tenant>/<meter>.model.")
    Path nilmModel;

    @Override
    public Integer call() throws InterruptedException {
        if (nilmModel != null && !java.nio.file.Files.isRegularFile(nilmModel)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--nilm-model: no such file " + nilmModel);
        }
        try (GridPulseRuntime runtime = new GridPulseRuntime(data, port, Clock.systemUTC())) {
            runtime.server.nilmModels().useServerWide(nilmModel);
            Banner.print(runtime, 0);
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
