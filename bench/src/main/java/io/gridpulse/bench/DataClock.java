package io.gridpulse.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs with the data: a fixed lead ahead of the newest reading written so far, so a
 * store fed synthetic history seals hours as it would live.
 */
public final class DataClock extends Clock {
    private static final long LEAD_MS = 10 * 60_000L;
    private final AtomicLong newestMs;

    public DataClock(long startMs) {
        newestMs = new AtomicLong(startMs);
    }

    /** Moves the clock forward to follow a reading just written (never backwards). */
    public void saw(long timestampMs) {
        newestMs.accumulateAndGet(timestampMs, Math::max);
    }

    /** Jumps far ahead (e.g. so that every hour counts as sealed). */
    public void jumpTo(long timestampMs) {
        newestMs.set(timestampMs);
    }

    @Override
    public long millis() {
        return newestMs.get() + LEAD_MS;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("fixed to UTC");
    }
}
