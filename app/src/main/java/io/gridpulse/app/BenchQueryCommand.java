package io.gridpulse.app;

import io.gridpulse.bench.store.QueryBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--retention-meters", defaultValue = "4000", description = "Meters of the retention run: does "
            + "trimming old data slow down reading new data? 0 skips it (default: ${DEFAULT-VALUE}).")
    int retentionMeters;

    @Mixin
    StoreBenchRun run;

    @Override
    public Integer call() {
        return run.run(spec, "query", (root, report, progress) ->
                new QueryBench(new QueryBench.Settings(root, days, fleetMeters, repetitions, retentionMeters), progress).run(report));
    }
}
