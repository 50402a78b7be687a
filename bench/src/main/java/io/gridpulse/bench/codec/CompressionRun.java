package io.gridpulse.bench.codec;

import io.gridpulse.ingest.dataset.DatasetFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code gridpulse bench compression}: each input file is one meter's series, normalised by
 * {@link Series}, optionally forward-filled to 1 Hz, measured by {@link CompressionBench}.
 *
 * @param inputs dataset files
 * @param format their format; {@code null} = guess per file ({@link DatasetFormat#guess})
 * @param fillOneHertz forward-fill each series to a 1 Hz grid first
 * @param chunkHours chunk span in hours (the store seals 1)
 * @param splitDays if above 0, also measure each span of this many days (starting on Mondays, UTC)
 *     of each file and report it on its own progress line; totals are the whole files'
 * @param xzBound also measure "integer deltas + xz -9" on each whole file ({@link XzBound}; needs
 *     the {@code xz} command)
 * @param store also write each file into a fresh store and measure its table files ({@link StoreSize})
 */
public record CompressionRun(List<Path> inputs, DatasetFormat format, boolean fillOneHertz, int chunkHours, int splitDays,
        boolean xzBound, boolean store) {

    /** The codec's totals, the xz bound's and the store's bytes on the same files (−1 when not measured). */
    public record Report(CompressionResult codec, long xzBytes, long storeBytes) {
        public String toJson() {
            return codec.toJson(xzBytes, storeBytes);
        }

        public String toText() {
            String text = codec.toText();
            if (xzBytes >= 0) {
                text += String.format(java.util.Locale.ROOT, "; integer deltas + xz -9 %.4f B/reading (codec / xz %.3f)",
                        (double) xzBytes / codec.readings(), (double) codec.bytes() / xzBytes);
            }
            if (storeBytes >= 0) {
                text += String.format(java.util.Locale.ROOT, "; in the store with its rollups %.4f B/reading",
                        (double) storeBytes / codec.readings());
            }
            return text;
        }
    }

    /**
     * Runs the measurement; {@code progress} receives one human-readable line per file. Among
     * several inputs, a file none of whose lines reads (a {@code labels.dat} caught by a glob) is
     * skipped with a line saying so.
     *
     * @throws IllegalArgumentException when no input has a line that reads
     */
    public Report run(Consumer<String> progress) {
        CompressionResult total = CompressionResult.EMPTY;
        long xzTotal = 0;
        long storeTotal = 0;
        IllegalArgumentException unreadable = null;
        for (int i = 0; i < inputs.size(); i++) {
            Path file = inputs.get(i);
            long startNs = System.nanoTime();
            Series.Loaded loaded;
            try {
                loaded = Series.load(file, format != null ? format : DatasetFormat.guess(file));
            } catch (IllegalArgumentException e) {
                if (inputs.size() == 1) {
                    throw e;
                }
                unreadable = e;
                progress.accept(String.format(java.util.Locale.ROOT, "[%d/%d] skipped: %s", i + 1, inputs.size(),
                        e.getMessage()));
                continue;
            }
            if (loaded.rejectedLines() > 0) {
                progress.accept(String.format(java.util.Locale.ROOT, "[%d/%d] %s: %d lines skipped (first: %s)", i + 1,
                        inputs.size(), file.getFileName(), loaded.rejectedLines(), loaded.firstRejection()));
            }
            Series series = fillOneHertz ? loaded.series().filledToOneHertz() : loaded.series();
            long chunkSpanMs = chunkHours * CompressionBench.CHUNK_SPAN_MS;
            CompressionResult result = CompressionBench.measure(series, chunkSpanMs);
            total = total.plus(result);
            long xz = xzBound ? XzBound.textColumnBytes(series) : -1;
            xzTotal += xz;
            long stored = store ? StoreSize.tableBytes(series) : -1;
            storeTotal += stored;
            progress.accept(String.format(java.util.Locale.ROOT, "[%d/%d] %s: %s (%.1f s)", i + 1, inputs.size(),
                    file.getFileName(), new Report(result, xz, stored).toText(), (System.nanoTime() - startNs) / 1e9));
            if (splitDays > 0) {
                for (SeriesSpans.Span span : SeriesSpans.of(series, splitDays)) {
                    progress.accept(String.format(java.util.Locale.ROOT, "  %s %d days from %s: %s", file.getFileName(), splitDays,
                            span.start(), CompressionBench.measure(span.series(), chunkSpanMs).toText()));
                }
            }
        }
        if (total.readings() == 0 && unreadable != null) {
            throw new IllegalArgumentException("no input has a line that reads; the last: " + unreadable.getMessage());
        }
        return new Report(total, xzBound ? xzTotal : -1, store ? storeTotal : -1);
    }
}
