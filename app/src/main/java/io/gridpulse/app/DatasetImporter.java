package io.gridpulse.app;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.dataset.DatasetReader;
import io.gridpulse.store.AppendResult;
import io.gridpulse.store.ReadingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams a dataset file into the store in batches of {@code batchReadings} (constant memory).
 * Idempotent: the store ignores readings whose (meter, timestamp) it already holds, and they are
 * reported as duplicates. Bad rows are counted with their reasons, never silently dropped.
 */
final class DatasetImporter {
    private final ReadingStore store;
    private final int batchReadings;
    private final Consumer<ImportSummary> progress;

    /** @param progress called after every stored batch with the running totals of the file */
    DatasetImporter(ReadingStore store, int batchReadings, Consumer<ImportSummary> progress) {
        if (batchReadings < 1) {
            throw new IllegalArgumentException("batchReadings must be >= 1");
        }
        this.store = store;
        this.batchReadings = batchReadings;
        this.progress = progress;
    }

    ImportSummary importFile(DatasetReader reader, Path file, MeterRef meter) {
        store.meters().ensure(meter);
        ImportSummary summary = new ImportSummary();
        List<Reading> batch = new ArrayList<>(batchReadings);
        reader.read(file, new DatasetReader.Sink() {
            @Override
            public void reading(long lineNumber, Reading reading) {
                summary.rowsRead++;
                batch.add(reading);
                if (batch.size() == batchReadings) {
                    flush(meter, batch, summary);
                }
            }

            @Override
            public void rejected(long lineNumber, String reason) {
                summary.rowsRead++;
                summary.reject(file.getFileName().toString(), lineNumber, reason);
            }
        });
        flush(meter, batch, summary);
        return summary;
    }

    private void flush(MeterRef meter, List<Reading> batch, ImportSummary summary) {
        if (batch.isEmpty()) {
            return;
        }
        AppendResult result = store.append(meter, batch);
        summary.stored += result.accepted();
        summary.duplicates += result.duplicates();
        batch.clear();
        progress.accept(summary);
    }
}
