package io.gridpulse.server;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that a test moves forward by hand. */
public final class MovableClock extends Clock {
    private volatile long nowMs;

    public MovableClock(long nowMs) {
        this.nowMs = nowMs;
    }

    public void advanceMs(long ms) {
        nowMs += ms;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nowMs);
    }
}
