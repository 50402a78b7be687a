package io.gridpulse.app;

import io.gridpulse.app.load.LoadPlan;
import io.gridpulse.app.load.LoadRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridpulse bench load}: the fleet target of DESIGN §9 — 100,000 meters × 1 Hz for 10
 * minutes over MQTT against an in-process node; same report as {@code gridpulse load}.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Fleet benchmark: 100k meters × 1 Hz for 10 min over MQTT, embedded node; zero loss expected.")
public final class BenchLoadCommand implements Callable<Integer> {
    @Option(names = "--meters", defaultValue = "100000", description = "Default: ${DEFAULT-VALUE}.")
    int meters;

    @Option(names = "--duration", defaultValue = "10m", description = "Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--via", defaultValue = "mqtt", description = "mqtt or http (default: ${DEFAULT-VALUE}).")
    LoadPlan.Via via;

    @Option(names = "--connections", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}.")
    int connections;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LoadPlan plan = new LoadPlan(meters, LoadPlan.seconds(duration), via, null, null, null, connections, 1000, 1000);
        return LoadCommand.report(new LoadRun(plan, System.err).execute(), json);
    }
}
