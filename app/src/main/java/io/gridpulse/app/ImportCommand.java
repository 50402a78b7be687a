package io.gridpulse.app;

import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.TenantId;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import io.gridpulse.store.ReadingStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridpulse import <format> <path> --meter <id>}: loads a dataset file or folder straight
 * into the storage folder (no server), streaming in batches, idempotent on re-import.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a dataset file or folder (redd, ukdale, gjw, tracebase, csv) into the storage folder.")
final class ImportCommand implements Callable<Integer> {
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "redd | ukdale | gjw | tracebase | csv")
    String format;

    @Parameters(index = "1", paramLabel = "PATH", description = "A file, or a folder (e.g. a REDD house: one meter per channel).")
    Path path;

    @Option(names = "--meter", required = true,
            description = "Meter id for a file; for a folder of channels or traces, the prefix of each meter id.")
    String meter;

    @Option(names = "--tenant", defaultValue = "default", description = "Tenant (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--data", defaultValue = "gridpulse-data", description = "Storage folder (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--by-label", description = "REDD/UK-DALE folder: name meters <meter>-<label> from labels.dat.")
    boolean byLabel;

    @Option(names = "--zone", description = "Time zone of local timestamps (default: the dataset's own, e.g. Europe/London for gjw).")
    ZoneId zone;

    @Option(names = "--batch", defaultValue = "10000", description = "Readings per durable write (default: ${DEFAULT-VALUE}).")
    int batchReadings;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private long lastProgressNanos;
    private boolean progressShown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            DatasetFormat datasetFormat = DatasetFormat.parse(format);
            DatasetReader reader = new DatasetReader(datasetFormat, zone == null ? datasetFormat.defaultZone() : zone);
            List<ImportSources.Source> sources = ImportSources.resolve(datasetFormat, path, meter, byLabel);
            TenantId tenantId = new TenantId(tenant);
            try (ReadingStore store = OfflineStore.open(data, "push over HTTP instead")) {
                run(store, reader, sources, tenantId, out);
            }
            return 0;
        } catch (GridPulseException | IllegalArgumentException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("import failed: " + e.getMessage());
            return 1;
        }
    }

    private void run(ReadingStore store, DatasetReader reader, List<ImportSources.Source> sources, TenantId tenantId, PrintWriter out) {
        long startNanos = System.nanoTime();
        ImportSummary total = new ImportSummary();
        for (ImportSources.Source source : sources) {
            MeterRef ref = new MeterRef(tenantId, source.meter());
            DatasetImporter importer = new DatasetImporter(store, batchReadings, s -> progress(source, s, total));
            ImportSummary one = importer.importFile(reader, source.file(), ref);
            endProgressLine();
            out.printf("%s -> %s: %,d rows, %,d stored, %,d duplicates, %,d rejected%n",
                    source.file().getFileName(), ref, one.rowsRead, one.stored, one.duplicates, one.rejected);
            total.add(one);
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        out.printf("imported %d file(s) into %s: %,d rows read, %,d stored, %,d duplicates, %,d rejected in %.1f s (%,.0f rows/s)%n",
                sources.size(), data, total.rowsRead, total.stored, total.duplicates, total.rejected, seconds,
                total.rowsRead / seconds);
        total.reasonLines().forEach(line -> out.println("  rejected: " + line));
        out.flush();
    }

    private void progress(ImportSources.Source source, ImportSummary file, ImportSummary before) {
        long now = System.nanoTime();
        if (now - lastProgressNanos < PROGRESS_EVERY_NANOS) {
            return;
        }
        lastProgressNanos = now;
        PrintWriter err = spec.commandLine().getErr();
        err.printf("\r%s: %,d rows read, %,d stored (%,d rows in earlier files)   ",
                source.file().getFileName(), file.rowsRead, file.stored, before.rowsRead);
        err.flush();
        progressShown = true;
    }

    private void endProgressLine() {
        if (progressShown) {
            spec.commandLine().getErr().println();
            progressShown = false;
        }
    }
}
