package io.gridpulse.bench.store;

import java.util.Arrays;

/** Latency samples of one query, in nanoseconds; percentiles by nearest rank. */
final class Latencies {
    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    void add(long sampleNanos) {
        nanos[count++] = sampleNanos;
    }

    double percentileMs(double p) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1e6;
    }
}
