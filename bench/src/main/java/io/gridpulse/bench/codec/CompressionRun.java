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
 * @param format their format; {@code null} = guess per file ({@link #guessFormat})
 * @param fillOneHertz forward-fill each series to a 1 Hz grid first
 * @param chunkHours chunk span in hours (the store seals 1)
 * @param splitDays if above 0, also measure each span of this many days (starting on Mondays, UTC)
 *     of each file and report it on its own progress line; totals are the whole files'
 */
public record CompressionRun(List<Path> inputs, DatasetFormat format, boolean fillOneHertz, int chunkHours, int splitDays) {

    public CompressionRun(List<Path> inputs, DatasetFormat format, boolean fillOneHertz) {
        this(inputs, format, fillOneHertz, 1);
    }

    public CompressionRun(List<Path> inputs, DatasetFormat format, boolean fillOneHertz, int chunkHours) {
        this(inputs, format, fillOneHertz, chunkHours, 0);
    }

    /** Runs the measurement; {@code progress} receives one human-readable line per file. */
    public CompressionResult run(Consumer<String> progress) {
        CompressionResult total = CompressionResult.EMPTY;
        for (int i = 0; i < inputs.size(); i++) {
            Path file = inputs.get(i);
            long startNs = System.nanoTime();
            Series read = Series.read(file, format != null ? format : guessFormat(file));
            Series series = fillOneHertz ? read.filledToOneHertz() : read;
            long chunkSpanMs = chunkHours * CompressionBench.CHUNK_SPAN_MS;
            CompressionResult result = CompressionBench.measure(series, chunkSpanMs);
            total = total.plus(result);
            progress.accept(String.format(java.util.Locale.ROOT, "[%d/%d] %s: %s (%.1f s)", i + 1, inputs.size(),
                    file.getFileName(), result.toText(), (System.nanoTime() - startNs) / 1e9));
            if (splitDays > 0) {
                for (SeriesSpans.Span span : SeriesSpans.of(series, splitDays)) {
                    progress.accept(String.format(java.util.Locale.ROOT, "  %s %d days from %s: %s", file.getFileName(), splitDays,
                            span.start(), CompressionBench.measure(span.series(), chunkSpanMs).toText()));
                }
            }
        }
        return total;
    }

    /** gjw for GJW's {@code active-power-*.csv}, redd for {@code *.dat}, else the GridPulse CSV. */
    public static DatasetFormat guessFormat(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".dat")) {
            return DatasetFormat.REDD;
        }
        if (name.startsWith("active-power-") || name.startsWith("reactive-power-")) {
            return DatasetFormat.GJW;
        }
        return DatasetFormat.CSV;
    }
}
