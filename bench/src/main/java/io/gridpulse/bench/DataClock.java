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
    private final long leadMs;
    private final AtomicLong newestMs;

    /**
     * @param leadMs how far the clock runs ahead of the newest reading: a live server sees a
     *     reading about a second after it was taken; a lead beyond the store's seal delay makes
     *     the newest readings of a batch land in hours already counted as sealed
     */
    public DataClock(long startMs, long leadMs) {
        this.newestMs = new AtomicLong(startMs);
        this.leadMs = leadMs;
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
        return newestMs.get() + leadMs;
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
