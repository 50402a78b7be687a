package io.gridpulse.analytics.anomaly;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.analytics.standby.BaseloadJumpDetector;
import io.gridpulse.analytics.standby.StandbyEstimator;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * All four anomaly checks over a meter's minute means, in time order: {@link AnomalyTypes#USAGE_HIGH},
 * {@link AnomalyTypes#APPLIANCE_LEFT_ON}, {@link AnomalyTypes#BASELOAD_JUMP} and
 * {@link AnomalyTypes#METER_SILENT}. Each minute also acts as a clock tick at its end. Used as is by
 * the online {@link AnomalyProcessor} and in batch over 1-minute rollups. Not thread-safe.
 */
public final class AnomalyDetector {
    private final MeterRef meter;
    private final ZoneId zone;
    private StandbyEstimator standby;
    private final UsageSpikeDetector usage;
    private final SustainedLoadDetector sustained;
    private final SilenceDetector silence = new SilenceDetector();

    public AnomalyDetector(MeterRef meter, ZoneId zone) {
        this.meter = meter;
        this.zone = zone;
        this.standby = new StandbyEstimator(zone);
        this.usage = new UsageSpikeDetector(zone);
        this.sustained = new SustainedLoadDetector(zone);
    }

    /** Batch: every event found in the minutes, in time order. */
    public static List<MeterEvent> detect(MeterRef meter, ZoneId zone, List<MinuteAverage> minutes) {
        AnomalyDetector d = new AnomalyDetector(meter, zone);
        List<MeterEvent> events = new ArrayList<>();
        minutes.forEach(m -> d.onMinute(m, events::add));
        return events;
    }

    /** Feeds the next minute (minutes strictly in order). */
    public void onMinute(MinuteAverage m, Consumer<MeterEvent> out) {
        long endMs = m.startMs() + MinuteAverage.MINUTE_MS;
        if (m.samples() > 0) {
            silence.onSample(m.startMs());
        }
        silence.check(meter, endMs, out);
        standby.onMinute(m, jump -> out.accept(jumpEvent(jump, endMs)));
        usage.onMinute(meter, m, out);
        sustained.onMinute(meter, m, standby.latestBaseloadWatts(), out);
    }

    private MeterEvent jumpEvent(BaseloadJumpDetector.Jump j, long nowMs) {
        boolean up = j.deltaWatts() > 0;
        double monthlyWh = j.deltaWatts() * 24 * 30;
        String message = String.format(Locale.ROOT,
                "Your always-on power has %s from about %.0f W to %.0f W since %s (%+.0f W, about %+.1f kWh a month). %s",
                up ? "risen" : "fallen", j.fromWatts(), j.toWatts(), j.firstDay(), j.deltaWatts(), monthlyWh / 1000,
                up ? "Look for a device newly left on or in standby." : "Something that was always on is now off.");
        // deltaW and monthlyEnergyWh as printed: from the rounded fromW and toW they could be 1 W off
        return new MeterEvent(meter, nowMs, AnomalyTypes.BASELOAD_JUMP, "warning", message, Map.of(
                "fromW", Math.round(j.fromWatts()), "toW", Math.round(j.toWatts()), "firstDay", j.firstDay().toString(),
                "deltaW", Math.round(j.deltaWatts()), "monthlyEnergyWh", Math.round(monthlyWh)));
    }

    void write(DataOutput out) throws IOException {
        standby.write(out);
        usage.write(out);
        sustained.write(out);
        silence.write(out);
    }

    void readInto(DataInput in) throws IOException {
        standby = StandbyEstimator.read(in, zone);
        usage.readInto(in);
        sustained.readInto(in);
        silence.readInto(in);
    }
}
