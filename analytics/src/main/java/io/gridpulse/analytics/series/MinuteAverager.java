package io.gridpulse.analytics.series;

import io.gridpulse.core.Reading;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Turns readings (sorted by time) into completed {@link MinuteAverage}s. Each reading's power is
 * held until the next reading, for at most {@code holdLimitMs} (change-only meters log only when
 * the value changes, so holding is right for them); a longer silence leaves minutes uncovered.
 * Every minute between the first reading and the latest completed minute is emitted exactly
 * once, in order. Readings older than the last one seen are ignored (counted). Not thread-safe.
 */
public final class MinuteAverager {
    private static final long MINUTE_MS = MinuteAverage.MINUTE_MS;

    private final long holdLimitMs;
    private long lastTimestampMs = -1;
    private double lastWatts;
    private long currentMinuteMs = -1;
    private double currentWattMs;
    private long currentCoveredMs;
    private int currentSamples;
    private long ignoredOutOfOrder;

    public MinuteAverager(long holdLimitMs) {
        if (holdLimitMs <= 0) {
            throw new IllegalArgumentException("holdLimitMs must be > 0");
        }
        this.holdLimitMs = holdLimitMs;
    }

    /** Adds one reading; completed minutes go to {@code out}. */
    public void add(Reading reading, Consumer<MinuteAverage> out) {
        long ts = reading.timestampMs();
        if (lastTimestampMs >= 0 && ts <= lastTimestampMs) {
            ignoredOutOfOrder++;
            return;
        }
        if (currentMinuteMs < 0) {
            currentMinuteMs = Math.floorDiv(ts, MINUTE_MS) * MINUTE_MS;
        } else {
            holdUntil(ts, out);
        }
        currentSamples++;
        lastTimestampMs = ts;
        lastWatts = reading.powerMilliwatts() / 1000.0;
    }

    /** Closes every minute that ended at or before {@code nowMs} (holding the last value). */
    public void advanceTo(long nowMs, Consumer<MinuteAverage> out) {
        if (currentMinuteMs >= 0 && nowMs >= currentMinuteMs + MINUTE_MS) {
            holdUntil(Math.floorDiv(nowMs, MINUTE_MS) * MINUTE_MS, out);
        }
    }

    public long ignoredOutOfOrder() {
        return ignoredOutOfOrder;
    }

    public long lastTimestampMs() {
        return lastTimestampMs;
    }

    private void holdUntil(long ts, Consumer<MinuteAverage> out) {
        long holdEnd = Math.min(ts, lastTimestampMs + holdLimitMs);
        long from = Math.max(lastTimestampMs, currentMinuteMs);
        while (currentMinuteMs + MINUTE_MS <= ts) {
            long end = currentMinuteMs + MINUTE_MS;
            accumulate(from, Math.min(end, holdEnd));
            out.accept(close());
            currentMinuteMs = end;
            from = end;
        }
        accumulate(from, Math.min(ts, holdEnd));
    }

    private void accumulate(long fromMs, long toMs) {
        if (toMs > fromMs && lastTimestampMs >= 0) {
            currentWattMs += lastWatts * (toMs - fromMs);
            currentCoveredMs += toMs - fromMs;
        }
    }

    private MinuteAverage close() {
        double avg = currentCoveredMs == 0 ? Double.NaN : currentWattMs / currentCoveredMs;
        MinuteAverage m = new MinuteAverage(currentMinuteMs, avg, currentSamples);
        currentWattMs = 0;
        currentCoveredMs = 0;
        currentSamples = 0;
        return m;
    }

    /** Writes the state for {@link #read}. */
    public void write(DataOutput out) throws IOException {
        out.writeLong(holdLimitMs);
        out.writeLong(lastTimestampMs);
        out.writeDouble(lastWatts);
        out.writeLong(currentMinuteMs);
        out.writeDouble(currentWattMs);
        out.writeLong(currentCoveredMs);
        out.writeInt(currentSamples);
        out.writeLong(ignoredOutOfOrder);
    }

    /** Restores an averager written by {@link #write}. */
    public static MinuteAverager read(DataInput in) throws IOException {
        MinuteAverager a = new MinuteAverager(in.readLong());
        a.lastTimestampMs = in.readLong();
        a.lastWatts = in.readDouble();
        a.currentMinuteMs = in.readLong();
        a.currentWattMs = in.readDouble();
        a.currentCoveredMs = in.readLong();
        a.currentSamples = in.readInt();
        a.ignoredOutOfOrder = in.readLong();
        return a;
    }
}
