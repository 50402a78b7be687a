package io.gridpulse.app;

import io.gridpulse.bench.store.HeapBench;
import io.gridpulse.bench.store.HttpBodyShape;
import io.gridpulse.bench.store.HttpIngestBench;
import io.gridpulse.bench.store.IngestBench;
import java.util.List;
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

    @Option(names = "--minutes", defaultValue = "150", description = "Timed minutes per meter, after a fifth of that untimed (default: ${DEFAULT-VALUE}: 9 M readings, a few seconds).")
    int minutes;

    @Option(names = "--fleet-meters", defaultValue = "1000", description = "Meters per gateway: one gateway's fleet second is one batch (default: ${DEFAULT-VALUE}).")
    int fleetMeters;

    // 40 M readings: a store's steady state (memtable flushes, WAL files written over). A 4 M run
    // timed a fresh store before its first flush and hid those costs (docs/benchmarks.md, round 13).
    @Option(names = "--fleet-seconds", defaultValue = "10000", description = "Timed fleet seconds per gateway, after a fifth of that untimed (default: ${DEFAULT-VALUE}: 40 M readings with 4 gateways).")
    int fleetSeconds;

    @Option(names = "--gateways", defaultValue = "4", description = "Gateways sending fleet seconds at once, each for its own meters (default: ${DEFAULT-VALUE}).")
    int gateways;

    // 128: at 3 M readings/s a server takes 50,000 minute batches a second, each waiting 1-2 ms for
    // its fsync, so about 75-100 requests are in flight (Little's law); 64 closed-loop writers
    // measured that cap on concurrency (2.6-3.1 M/s), not the store (docs/benchmarks.md round 17).
    @Option(names = "--threads", defaultValue = "128", description = "GridPulse writers of minute batches, each waiting for its batch's fsync before the next (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--writers", defaultValue = "virtual", description = "GridPulse's writers: virtual (as the server's request handlers) or platform threads (default: ${DEFAULT-VALUE}).")
    WriterThreads writers;

    enum WriterThreads { virtual, platform }

    @Option(names = "--max-timed-seconds", defaultValue = "20", description = "Longest timed part per engine and shape; a slower engine is measured on what it wrote by then (default: ${DEFAULT-VALUE}).")
    int maxTimedSeconds;

    @Option(names = "--http-readings", defaultValue = "2160000",
            description = "Readings posted per HTTP body shape; a multiple of 3,600 and 1,000 (default: ${DEFAULT-VALUE}).")
    long httpReadings;

    @Option(names = "--http-shapes", split = ",", description = "HTTP body shapes to post (default: all): "
            + "json-rows-1x300, json-rows-1x3600, json-columns-1x3600, csv-1x3600, line-protocol-1000x1.")
    List<String> httpShapes;

    @Option(names = "--clients", defaultValue = "8", description = "Concurrent HTTP clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seal-meters", defaultValue = "2000", description = "Meters of the sealing-pass run: two past days each "
            + "sealed, compacted and folded at once, as after midnight; 0 skips (default: ${DEFAULT-VALUE}).")
    int sealMeters;

    @Option(names = "--heap-meters", defaultValue = "10000", description = "Active meters for the heap figure; 0 skips (default: ${DEFAULT-VALUE}).")
    int heapMeters;

    @Mixin
    StoreBenchRun run;

    @Override
    public Integer call() {
        return run.run(spec, "ingest", (root, report, progress) -> {
            new IngestBench(new IngestBench.Settings(root, meters, minutes, fleetMeters, fleetSeconds, gateways, threads,
                    writers == WriterThreads.virtual, maxTimedSeconds, sealMeters), progress)
                    .run(report);
            List<HttpBodyShape> shapes = httpShapes == null ? List.of(HttpBodyShape.values())
                    : httpShapes.stream().map(HttpBodyShape::ofLabel).toList();
            new HttpIngestBench(new HttpIngestBench.Settings(root, httpReadings, clients, shapes), progress).run(report);
            if (heapMeters > 0) {
                new HeapBench(root, heapMeters, progress).run(report);
            }
        });
    }
}
