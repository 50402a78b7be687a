package io.gridpulse.analytics.anomaly;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.analytics.series.MinuteAverager;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.core.processor.MeterProcessor;
import io.gridpulse.core.processor.Snapshots;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * Online anomaly detection for one meter: readings → minute means → {@link AnomalyDetector}.
 * Silence can only be noticed as time passes, so the driver calls {@link #onTick} from its clock
 * (e.g. once a minute). Deterministic; state round-trips through {@link #snapshot()} /
 * {@link #restore}. Not thread-safe.
 */
public final class AnomalyProcessor implements MeterProcessor {
    private static final int SNAPSHOT_VERSION = 2;

    private final MeterRef meter;
    private final ZoneId zone;
    private final MinuteAverager averager;
    private final AnomalyDetector detector;

    public AnomalyProcessor(MeterRef meter, ZoneId zone, long holdLimitMs) {
        this(meter, zone, new MinuteAverager(holdLimitMs));
    }

    private AnomalyProcessor(MeterRef meter, ZoneId zone, MinuteAverager averager) {
        this.meter = meter;
        this.zone = zone;
        this.averager = averager;
        this.detector = new AnomalyDetector(meter, zone);
    }

    @Override
    public void onReadings(List<Reading> batch, Consumer<MeterEvent> events) {
        batch.forEach(r -> averager.add(r, m -> detector.onMinute(m, events)));
    }

    /**
     * Feeds minute means from the store (e.g. 1-minute rollups) before the first live reading, so a
     * processor started late knows the meter's history. Minutes must be in order and end before
     * the next reading passed to {@link #onReadings}.
     */
    public void onMinutes(List<MinuteAverage> minutes, Consumer<MeterEvent> events) {
        minutes.forEach(m -> detector.onMinute(m, events));
    }

    /** Timestamp of the newest reading seen (Long.MIN_VALUE before the first). */
    public long lastReadingMs() {
        return averager.lastTimestampMs();
    }

    /** The driver's clock reached {@code nowMs}: closes finished minutes, which checks for silence. */
    public void onTick(long nowMs, Consumer<MeterEvent> events) {
        averager.advanceTo(nowMs, m -> detector.onMinute(m, events));
    }

    @Override
    public byte[] snapshot() {
        return Snapshots.write(SNAPSHOT_VERSION, out -> {
            averager.write(out);
            detector.write(out);
        });
    }

    /** Restores a processor from {@link #snapshot()} bytes. */
    public static AnomalyProcessor restore(MeterRef meter, ZoneId zone, byte[] snapshot) {
        return Snapshots.read(snapshot, SNAPSHOT_VERSION, "anomaly", in -> {
            AnomalyProcessor p = new AnomalyProcessor(meter, zone, MinuteAverager.read(in));
            p.detector.readInto(in);
            return p;
        });
    }
}
