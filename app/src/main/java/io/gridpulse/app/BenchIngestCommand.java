package io.gridpulse.app;

import io.gridpulse.bench.store.HeapBench;
import io.gridpulse.bench.store.HttpIngestBench;
import io.gridpulse.bench.store.IngestBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse bench ingest}: durable ingest rate of the store next to embedded QuestDB on
 * the same readings (batches of one meter x 60 s and of a fleet x 1 s), bytes on disk per
 * reading, ingest through the HTTP API, and heap with many active meters.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Durable ingest: GridPulse store vs embedded QuestDB (sync/nosync), HTTP, heap.")
public final class BenchIngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--meters", defaultValue = "1000", description = "Meters in the minute-batch run (default: ${DEFAULT-VALUE}).")
    int meters;

    @Option(names = "--minutes", defaultValue = "30", description = "Timed minutes per meter, after a fifth of that untimed (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Option(names = "--fleet-meters", defaultValue = "1000", description = "Meters per fleet-second batch (default: ${DEFAULT-VALUE}).")
    int fleetMeters;

    @Option(names = "--fleet-seconds", defaultValue = "300", description = "Timed fleet seconds, after a fifth of that untimed (default: ${DEFAULT-VALUE}).")
    int fleetSeconds;

    @Option(names = "--threads", defaultValue = "64", description = "GridPulse writer threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-timed-seconds", defaultValue = "20", description = "Longest timed part per engine and shape; a slower engine is measured on what it wrote by then (default: ${DEFAULT-VALUE}).")
    int maxTimedSeconds;

    @Option(names = "--http-meters", defaultValue = "100", description = "Meters posted over HTTP (default: ${DEFAULT-VALUE}).")
    int httpMeters;

    @Option(names = "--http-batches", defaultValue = "10", description = "Requests per meter (default: ${DEFAULT-VALUE}).")
    int httpBatches;

    @Option(names = "--http-batch-seconds", defaultValue = "300", description = "Readings per request (default: ${DEFAULT-VALUE}).")
    int httpBatchSeconds;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--heap-meters", defaultValue = "10000", description = "Active meters for the heap figure; 0 skips (default: ${DEFAULT-VALUE}).")
    int heapMeters;

    @Mixin
    StoreBenchRun run;

    @Override
    public Integer call() {
        return run.run(spec, "ingest", (root, report, progress) -> {
            new IngestBench(new IngestBench.Settings(root, meters, minutes, fleetMeters, fleetSeconds, threads,
                    maxTimedSeconds), progress)
                    .run(report);
            new HttpIngestBench(new HttpIngestBench.Settings(root, httpMeters, httpBatches, httpBatchSeconds, clients),
                    progress).run(report);
            if (heapMeters > 0) {
                new HeapBench(root, heapMeters, progress).run(report);
            }
        });
    }
}
