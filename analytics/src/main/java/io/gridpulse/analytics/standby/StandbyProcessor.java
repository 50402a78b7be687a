package io.gridpulse.analytics.standby;

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
 * Online standby tracking for one meter: readings → minute means → daily baseload and its
 * report. It emits no events: baseload jumps are reported as anomalies by the anomaly processor. Deterministic, not thread-safe; state
 * round-trips through {@link #snapshot()} / {@link #restore}.
 */
public final class StandbyProcessor implements MeterProcessor {
    private static final int SNAPSHOT_VERSION = 1;

    private final MeterRef meter;
    private final ZoneId zone;
    private final MinuteAverager averager;
    private final StandbyEstimator estimator;

    public StandbyProcessor(MeterRef meter, ZoneId zone, long holdLimitMs) {
        this(meter, zone, new MinuteAverager(holdLimitMs), new StandbyEstimator(zone));
    }

    private StandbyProcessor(MeterRef meter, ZoneId zone, MinuteAverager averager, StandbyEstimator estimator) {
        this.meter = meter;
        this.zone = zone;
        this.averager = averager;
        this.estimator = estimator;
    }

    @Override
    public void onReadings(List<Reading> batch, Consumer<MeterEvent> events) {
        for (Reading r : batch) {
            averager.add(r, m -> estimator.onMinute(m, j -> {}));
        }
    }

    /** Minute means from the store before the first live reading (see {@code AnomalyProcessor#onMinutes}). */
    public void onMinutes(List<MinuteAverage> minutes) {
        minutes.forEach(m -> estimator.onMinute(m, j -> {}));
    }

    /** Days completed so far (the current day is still open). */
    public StandbyReport report() {
        return estimator.report();
    }

    /** As the batch estimate sees it: the current day counted too if it already qualifies. */
    public StandbyReport reportWithCurrentDay() {
        StandbyEstimator copy = StandbyProcessor.restore(meter, zone, snapshot()).estimator;
        copy.finishDay(j -> {});
        return copy.report();
    }

    @Override
    public byte[] snapshot() {
        return Snapshots.write(SNAPSHOT_VERSION, out -> {
            averager.write(out);
            estimator.write(out);
        });
    }

    /** Restores a processor from {@link #snapshot()} bytes. */
    public static StandbyProcessor restore(MeterRef meter, ZoneId zone, byte[] snapshot) {
        return Snapshots.read(snapshot, SNAPSHOT_VERSION, "standby",
                in -> new StandbyProcessor(meter, zone, MinuteAverager.read(in), StandbyEstimator.read(in, zone)));
    }
}
