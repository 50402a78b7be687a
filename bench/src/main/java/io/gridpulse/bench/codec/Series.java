package io.gridpulse.bench.codec;

import io.gridpulse.core.Reading;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One meter's readings in columns, sorted by time with one reading per timestamp (the last one
 * logged wins: REDD has small backward clock steps, change-only meters may repeat a second).
 */
public record Series(long[] timestampsMs, long[] powerMilliwatts, int count) {
    private static final long SECOND_MS = 1000;

    /** Reads a dataset file and normalises it as described on the type. */
    public static Series read(Path file, DatasetFormat format) {
        return load(file, format).series();
    }

    /**
     * A file read: its series and the lines that did not parse.
     *
     * @param firstRejection line number and reason of the first line that did not parse, or null
     */
    public record Loaded(Series series, long rejectedLines, String firstRejection) {}

    /**
     * As {@link #read}, counting the lines that do not parse.
     *
     * @throws IllegalArgumentException when the file is empty, or has lines but none parses as {@code format}
     */
    public static Loaded load(Path file, DatasetFormat format) {
        DatasetReader.WholeFile read = new DatasetReader(format).readWhole(file);
        if (read.readings().isEmpty() && read.rejectedLines() == 0) {
            throw new IllegalArgumentException(file.getFileName() + ": no readings (the file is empty, or a header alone)");
        }
        if (read.readings().isEmpty() && read.rejectedLines() > 0) {
            throw new IllegalArgumentException(file.getFileName() + ": none of its " + read.rejectedLines()
                    + " lines reads as " + format.name().toLowerCase(java.util.Locale.ROOT) + " ("
                    + read.firstRejection() + "); give its --format");
        }
        Series series = of(read.readings().stream().mapToLong(Reading::timestampMs).toArray(),
                read.readings().stream().mapToLong(Reading::powerMilliwatts).toArray());
        return new Loaded(series, read.rejectedLines(), read.firstRejection());
    }

    /** Sorts by time (stable) and keeps the last reading of each timestamp. */
    public static Series of(long[] timestampsMs, long[] powerMilliwatts) {
        Integer[] order = new Integer[timestampsMs.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(timestampsMs[a], timestampsMs[b]));
        long[] ts = new long[order.length];
        long[] power = new long[order.length];
        int n = 0;
        for (Integer index : order) {
            if (n > 0 && ts[n - 1] == timestampsMs[index]) {
                n--;
            }
            ts[n] = timestampsMs[index];
            power[n] = powerMilliwatts[index];
            n++;
        }
        return new Series(ts, power, n);
    }

    /**
     * The series forward-filled to a 1 Hz grid: one reading per whole second from the first to
     * the last reading, each carrying the latest logged value at or before it.
     */
    public Series filledToOneHertz() {
        if (count == 0) {
            return this;
        }
        long first = Math.ceilDiv(timestampsMs[0], SECOND_MS) * SECOND_MS;
        int n = Math.toIntExact((timestampsMs[count - 1] - first) / SECOND_MS + 1);
        long[] ts = new long[n];
        long[] power = new long[n];
        int source = 0;
        for (int i = 0; i < n; i++) {
            ts[i] = first + i * SECOND_MS;
            while (source + 1 < count && timestampsMs[source + 1] <= ts[i]) {
                source++;
            }
            power[i] = powerMilliwatts[source];
        }
        return new Series(ts, power, n);
    }
}
