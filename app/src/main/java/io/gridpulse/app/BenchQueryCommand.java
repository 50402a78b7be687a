package io.gridpulse.app;

import io.gridpulse.bench.store.QueryBench;
import io.gridpulse.bench.store.StoreBenchReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse bench query}: query latency (p50/p99) of the store next to embedded QuestDB
 * on the same data: one meter's day at 1 s, energy since the month start, fleet hourly energy.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Query latency: GridPulse store vs embedded QuestDB on the same data.")
public final class BenchQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--days", defaultValue = "3", description = "Days of 1 Hz data of the queried meter (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--fleet-meters", defaultValue = "1000", description = "Meters in the fleet query (default: ${DEFAULT-VALUE}).")
    int fleetMeters;

    @Option(names = "--reps", defaultValue = "200", description = "Timed repetitions per query (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--dir", description = "Scratch folder (default: a temporary folder, deleted after).")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        Path root = BenchFolders.orTemporary(dir, "gridpulse-bench-query");
        StoreBenchReport report = new StoreBenchReport();
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("java", System.getProperty("java.version"));
        try {
            new QueryBench(new QueryBench.Settings(root, days, fleetMeters, repetitions), line -> {
                spec.commandLine().getErr().print("\rbench query " + line + "          ");
                spec.commandLine().getErr().flush();
            }).run(report);
            spec.commandLine().getErr().println();
        } finally {
            BenchFolders.deleteIfTemporary(dir, root);
        }
        spec.commandLine().getOut().println(json ? report.toJson() : report.toText());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
