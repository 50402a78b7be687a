package io.gridpulse.ingest;

/**
 * Limits applied to incoming batches, validated at construction.
 *
 * @param maxBatchReadings readings per batch above which the batch is refused (413)
 * @param maxFutureMs how far ahead of the server clock a timestamp may be (meter clock skew)
 */
public record IngestLimits(int maxBatchReadings, long maxFutureMs) {
    public static final IngestLimits DEFAULTS = new IngestLimits(100_000, 5 * 60_000L);

    public IngestLimits {
        if (maxBatchReadings < 1 || maxFutureMs < 0) {
            throw new IllegalArgumentException("maxBatchReadings must be >= 1 and maxFutureMs >= 0");
        }
    }
}
