package io.gridpulse.bench.codec;

import io.gridpulse.core.Reading;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.ingest.dataset.DatasetReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One meter's readings in columns, sorted by time with one reading per timestamp (the last one
 * logged wins: REDD has small backward clock steps, change-only meters may repeat a second).
 */
public record Series(long[] timestampsMs, long[] powerMilliwatts, int count) {
    private static final long SECOND_MS = 1000;

    /** Reads a dataset file and normalises it as described on the type. */
    public static Series read(Path file, DatasetFormat format) {
        List<Reading> readings = new DatasetReader(format).readAll(file);
        return of(readings.stream().mapToLong(Reading::timestampMs).toArray(),
                readings.stream().mapToLong(Reading::powerMilliwatts).toArray());
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
