package io.gridpulse.bench.crash;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that runs with the data: a fixed lead ahead of the newest reading written so far. */
final class DataClock extends Clock {
    private static final long LEAD_MS = 10 * 60_000L;
    private final AtomicLong newestMs = new AtomicLong(SyntheticReadings.START_MS);

    void saw(long timestampMs) {
        newestMs.accumulateAndGet(timestampMs, Math::max);
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
