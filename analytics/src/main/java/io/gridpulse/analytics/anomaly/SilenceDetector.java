package io.gridpulse.analytics.anomaly;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Flags a meter gone silent: no reading for longer than max({@link #MIN_SILENCE_MS},
 * {@link #NORMAL_FACTOR} × the longest normal pause seen), capped at {@link #MAX_SILENCE_MS}.
 * Change-only meters pause for hours at night, so the limit is learned per meter; pauses that
 * were themselves flagged do not raise it. One event per silence.
 */
final class SilenceDetector {
    static final long MIN_SILENCE_MS = 60 * 60_000L;
    static final long MAX_SILENCE_MS = 24 * 3_600_000L;
    static final double NORMAL_FACTOR = 1.5;

    private long lastSampleMs = -1;
    private long longestNormalPauseMs;
    private boolean alerted;

    /** A reading (or a minute with readings) arrived at {@code timestampMs}. */
    void onSample(long timestampMs) {
        if (lastSampleMs >= 0 && !alerted) {
            longestNormalPauseMs = Math.max(longestNormalPauseMs, timestampMs - lastSampleMs);
        }
        lastSampleMs = Math.max(lastSampleMs, timestampMs);
        alerted = false;
    }

    /** Time has reached {@code nowMs} (a clock tick or the end of a minute without readings). */
    void check(MeterRef meter, long nowMs, Consumer<MeterEvent> out) {
        long silentMs = nowMs - lastSampleMs;
        if (lastSampleMs < 0 || alerted || silentMs < limitMs()) {
            return;
        }
        alerted = true;
        String message = String.format(Locale.ROOT,
                "No readings from this meter for %s; its longest normal pause so far was %s. "
                        + "Check the meter's power and network connection.",
                AnomalyTypes.duration(silentMs), AnomalyTypes.duration(longestNormalPauseMs));
        out.accept(new MeterEvent(meter, nowMs, AnomalyTypes.METER_SILENT, "critical", message,
                Map.of("lastReadingTs", lastSampleMs, "silentMs", silentMs,
                        "longestNormalPauseMs", longestNormalPauseMs)));
    }

    long limitMs() {
        return Math.min(MAX_SILENCE_MS, Math.max(MIN_SILENCE_MS, (long) (NORMAL_FACTOR * longestNormalPauseMs)));
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(lastSampleMs);
        out.writeLong(longestNormalPauseMs);
        out.writeBoolean(alerted);
    }

    void readInto(DataInput in) throws IOException {
        lastSampleMs = in.readLong();
        longestNormalPauseMs = in.readLong();
        alerted = in.readBoolean();
    }
}
