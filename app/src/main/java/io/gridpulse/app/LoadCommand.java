package io.gridpulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.app.load.LoadPlan;
import io.gridpulse.app.load.LoadReport;
import io.gridpulse.app.load.LoadRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gridpulse load}: simulates a fleet of meters sending 1 reading per second over MQTT or
 * HTTP, then reads back what was stored. Without {@code --target} it starts its own node in-process.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Fleet load generator: N meters × 1 Hz over MQTT or HTTP; reports sent / acknowledged / stored / lost "
                + "and ack latency. Exit code 3 if any acknowledged reading was not stored.")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--meters", defaultValue = "1000", description = "Simulated meters (default: ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--rate", defaultValue = "1/s", description = "Readings per meter; only 1/s is supported.")
    String rate;

    @Option(names = "--duration", defaultValue = "30s", description = "How long to send: 90, 90s, 10m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--via", defaultValue = "mqtt", description = "mqtt or http (default: ${DEFAULT-VALUE}).")
    LoadPlan.Via via;

    @Option(names = "--target", description = "Base URL of a running node, e.g. http://localhost:8080; default: start one in-process.")
    String target;

    @Option(names = "--mqtt-url", description = "Broker of the target node (default: tcp://<target host>:1883).")
    String mqttUrl;

    @Option(names = "--key", description = "API key with write (and read) scope on the target's 'default' tenant.")
    String key;

    @Option(names = "--connections", defaultValue = "8",
            description = "MQTT connections (gateway user '*'), or concurrent HTTP requests (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--inflight", defaultValue = "1000", description = "MQTT QoS 1 messages awaiting PUBACK per connection (default: ${DEFAULT-VALUE}).")
    int inflight;

    @Option(names = "--meters-per-request", defaultValue = "1000", description = "HTTP line-protocol lines per request (default: ${DEFAULT-VALUE}).")
    int metersPerRequest;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!rate.trim().equals("1/s")) {
            throw new IllegalArgumentException("--rate: only 1/s is supported, got " + rate);
        }
        LoadPlan plan = new LoadPlan(meters, LoadPlan.seconds(duration), via, target, mqttUrl, key, connections, inflight,
                metersPerRequest);
        return report(new LoadRun(plan, System.err).execute(), json);
    }

    static int report(LoadReport report, boolean json) throws Exception {
        System.out.print(json ? new ObjectMapper().writeValueAsString(report.toMap()) + "\n" : report.toText());
        return report.zeroLoss() ? 0 : BenchCommand.CHECK_FAILED;
    }
}
