package io.gridpulse.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code gridpulse serve}: the server with embedded storage, no simulated meters. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the GridPulse server (API, live stream, MQTT, dashboard) on embedded storage.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    NodeOptions node;

    @Option(names = "--nilm-model", description = "Appliance (NILM) model from 'gridpulse nilm train', used for meters "
            + "without a model of their own in <data>/nilm/<tenant>/<meter>.model.")
    Path nilmModel;

    @Override
    public Integer call() throws InterruptedException {
        if (nilmModel != null && !Files.isRegularFile(nilmModel)) {
            throw new ParameterException(new CommandLine(this), "--nilm-model: no such file " + nilmModel);
        }
        try (GridPulseRuntime runtime = new GridPulseRuntime(node, Clock.systemUTC())) {
            runtime.server.nilmModels().useServerWide(nilmModel);
            Banner.print(runtime, 0);
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
