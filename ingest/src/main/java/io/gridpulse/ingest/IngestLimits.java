package io.gridpulse.ingest;

/**
 * Limits applied to incoming batches, validated at construction.
 *
 * @param maxBatchReadings readings per batch above which the batch is refused (413)
 * @param maxFutureMs how far ahead of the server clock a timestamp may be (meter clock skew)
 */
public record IngestLimits(int maxBatchReadings, long maxFutureMs) {
    public static final IngestLimits DEFAULTS = new IngestLimits(100_000, 5 * 60_000L);
    /**
     * 2000-01-01T00:00:00Z: no per-second household data is older, while epoch seconds sent where
     * milliseconds belong (the usual unit mistake) read as January 1970, and a device whose clock
     * was never set sends 1970 too. Earlier timestamps are refused, never stored as 1970 data.
     */
    public static final long EARLIEST_TIMESTAMP_MS = 946_684_800_000L;

    public IngestLimits {
        if (maxBatchReadings < 1 || maxFutureMs < 0) {
            throw new IllegalArgumentException("maxBatchReadings must be >= 1 and maxFutureMs >= 0");
        }
    }
}
