package io.gridpulse.analytics.nilm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Turns an irregular power stream into values on a regular grid ({@code k * stepMs}) by taking,
 * for each tick, the reading nearest in time, provided it lies within {@code toleranceMs}; ticks
 * without such a reading are gaps and produce nothing. Incremental: tick {@code T} is emitted as
 * soon as a reading at or after {@code T} arrives (or the stream moves past {@code T + tolerance}).
 * Readings older than the last one seen are ignored (counted in {@link #droppedLate()}).
 *
 * <p>Used both to align sub-metered channels in batch and by the online {@link NilmProcessor},
 * so batch and online see identical grids. Not thread-safe.
 */
public final class NearestResampler {
    /** Receives grid values in increasing tick order. */
    @FunctionalInterface
    public interface TickSink {
        void tick(long tickMs, double powerW);
    }

    private final long stepMs;
    private final long toleranceMs;
    private long prevTs = Long.MIN_VALUE;
    private double prevW;
    private long nextTick = Long.MIN_VALUE;
    private long droppedLate;

    public NearestResampler(long stepMs, long toleranceMs) {
        if (stepMs <= 0 || toleranceMs < 0) {
            throw new IllegalArgumentException("step must be positive, tolerance non-negative");
        }
        this.stepMs = stepMs;
        this.toleranceMs = toleranceMs;
    }

    /** Feeds one reading; emits every tick it completes. */
    public void accept(long timestampMs, double powerW, TickSink sink) {
        if (prevTs != Long.MIN_VALUE && timestampMs <= prevTs) {
            droppedLate++;
            return;
        }
        if (prevTs == Long.MIN_VALUE) {
            nextTick = ceilToStep(timestampMs - toleranceMs);
        }
        while (nextTick <= timestampMs) {
            double value;
            long distPrev = prevTs == Long.MIN_VALUE ? Long.MAX_VALUE : nextTick - prevTs;
            long distNext = timestampMs - nextTick;
            if (distPrev <= distNext && distPrev <= toleranceMs) {
                value = prevW;
            } else if (distNext <= toleranceMs) {
                value = powerW;
            } else {
                nextTick = Math.max(nextTick + stepMs, ceilToStep(timestampMs - toleranceMs));
                continue;
            }
            sink.tick(nextTick, value);
            nextTick += stepMs;
        }
        prevTs = timestampMs;
        prevW = powerW;
    }

    /** Readings ignored because they were not newer than the previous one. */
    public long droppedLate() {
        return droppedLate;
    }

    private long ceilToStep(long ts) {
        return Math.floorDiv(ts + stepMs - 1, stepMs) * stepMs;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeLong(prevTs);
        out.writeDouble(prevW);
        out.writeLong(nextTick);
        out.writeLong(droppedLate);
    }

    void read(DataInputStream in) throws IOException {
        prevTs = in.readLong();
        prevW = in.readDouble();
        nextTick = in.readLong();
        droppedLate = in.readLong();
    }
}
