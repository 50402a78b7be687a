package io.gridpulse.server.pipeline;

import io.gridpulse.core.OverloadedException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admission limit on readings being written at once (parsed, not yet fsync'd). Request/response
 * protocols are refused at the limit ({@link #tryEnter}, HTTP 429 + Retry-After); streaming
 * protocols wait ({@link #enterWaiting}), which slows their publishers. A batch larger than the
 * limit takes the whole budget, so it is admitted alone rather than never. Thread-safe.
 */
public final class IngestAdmission {
    /** Default budget: a few seconds of 100k meters × 1 Hz, a few MiB of parsed readings. */
    public static final int DEFAULT_MAX_IN_FLIGHT_READINGS = 200_000;
    static final int RETRY_AFTER_SECONDS = 1;

    private final int maxInFlightReadings;
    private final Semaphore permits;

    public IngestAdmission(int maxInFlightReadings) {
        if (maxInFlightReadings < 1) {
            throw new IllegalArgumentException("maxInFlightReadings must be ≥ 1, got " + maxInFlightReadings);
        }
        this.maxInFlightReadings = maxInFlightReadings;
        this.permits = new Semaphore(maxInFlightReadings, false);
    }

    /** Admits the readings now or throws {@link OverloadedException}; close the ticket when stored. */
    public Ticket tryEnter(int readings) {
        int n = permitsFor(readings);
        if (!permits.tryAcquire(n)) {
            throw new OverloadedException("ingest is at capacity (" + maxInFlightReadings
                    + " readings in flight); retry in " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
        }
        return new Ticket(n);
    }

    /** Waits until the readings are admitted (back-pressure for streaming protocols). */
    public Ticket enterWaiting(int readings) throws InterruptedException {
        int n = permitsFor(readings);
        permits.acquire(n);
        return new Ticket(n);
    }

    /** Waits at most {@code timeoutMs}; then throws {@link OverloadedException}. */
    public Ticket enterWaiting(int readings, long timeoutMs) throws InterruptedException {
        int n = permitsFor(readings);
        if (!permits.tryAcquire(n, timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new OverloadedException("ingest stayed at capacity for " + timeoutMs + " ms", RETRY_AFTER_SECONDS);
        }
        return new Ticket(n);
    }

    public int maxInFlightReadings() {
        return maxInFlightReadings;
    }

    /** Readings admitted and not yet stored. */
    public int inFlightReadings() {
        return maxInFlightReadings - permits.availablePermits();
    }

    private int permitsFor(int readings) {
        return Math.max(1, Math.min(readings, maxInFlightReadings));
    }

    /** Admission of one batch; closing it frees the budget. Close exactly once. */
    public final class Ticket implements AutoCloseable {
        private final int permitCount;

        private Ticket(int permitCount) {
            this.permitCount = permitCount;
        }

        @Override
        public void close() {
            permits.release(permitCount);
        }
    }
}
