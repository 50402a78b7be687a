package io.gridpulse.analytics.anomaly;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds an extra load left on: the floor of power (minimum of the 1-minute means over the last
 * {@link #FLOOR_WINDOW_MS}) stays at least {@link #START_EXCESS_WATTS} above the always-on power
 * without a break. Such episodes end when the excess drops below {@link #END_EXCESS_WATTS}. An
 * episode is flagged (once) when it has lasted {@link #MIN_ALERT_MS} and its floor is still
 * {@link #START_EXCESS_WATTS} above what this home usually has on at this half hour: the median,
 * over the last {@link #RECENT_DAYS} days (at least {@link #MIN_USUAL_DAYS} of them), of the day's
 * highest floor excess in that half hour. So an evening of lights, TV and cooking that holds a
 * 0.6 kW floor every day is a habit, not an alert, while a heater left on through that evening
 * still is. The start level targets heating-class loads (irons, heaters, ovens, 0.6 kW and up).
 * Cycling appliances (fridge, oven thermostat) break the floor, so only an uninterrupted draw
 * counts.
 */
final class SustainedLoadDetector {
    static final long FLOOR_WINDOW_MS = 30 * 60_000L;
    static final double START_EXCESS_WATTS = 600;
    static final double END_EXCESS_WATTS = 300;
    static final long MIN_ALERT_MS = 3 * 3_600_000L;
    static final int SLOTS = 48;
    static final int RECENT_DAYS = 14;
    static final int MIN_USUAL_DAYS = 3;

    private final ZoneId zone;
    /** Per local day: the highest floor excess in each half hour. */
    private final RecentDays recent = new RecentDays(RECENT_DAYS, SLOTS);
    private final Deque<double[]> window = new ArrayDeque<>();
    private long episodeStartMs = -1;
    private boolean alerted;
    private long coveredSince = -1;

    SustainedLoadDetector(ZoneId zone) {
        this.zone = zone;
    }

    void onMinute(MeterRef meter, MinuteAverage m, double baseloadWatts, Consumer<MeterEvent> out) {
        long endMs = m.startMs() + MinuteAverage.MINUTE_MS;
        if (!m.covered() || Double.isNaN(baseloadWatts)) {
            endEpisode();
            window.clear();
            coveredSince = -1;
            return;
        }
        if (coveredSince < 0) {
            coveredSince = m.startMs();
        }
        while (!window.isEmpty() && window.peekFirst()[0] < endMs - FLOOR_WINDOW_MS) {
            window.removeFirst();
        }
        while (!window.isEmpty() && window.peekLast()[1] >= m.averageWatts()) {
            window.removeLast();
        }
        window.addLast(new double[] {m.startMs(), m.averageWatts()});
        if (coveredSince <= endMs - FLOOR_WINDOW_MS) {
            ZonedDateTime local = Instant.ofEpochMilli(m.startMs()).atZone(zone);
            double excess = window.peekFirst()[1] - baseloadWatts;
            track(meter, endMs, excess, excess - usualExcessWatts(local), out);
            recent.putMax(local.toLocalDate().toEpochDay(), slot(local), excess);
        }
    }

    private void track(MeterRef meter, long endMs, double excess, double unusualWatts, Consumer<MeterEvent> out) {
        if (episodeStartMs < 0) {
            if (excess >= START_EXCESS_WATTS) {
                episodeStartMs = endMs - FLOOR_WINDOW_MS;
                alerted = false;
            }
            return;
        }
        if (excess < END_EXCESS_WATTS) {
            endEpisode();
            return;
        }
        long runningMs = endMs - episodeStartMs;
        if (!alerted && runningMs >= MIN_ALERT_MS && unusualWatts >= START_EXCESS_WATTS) {
            alerted = true;
            out.accept(event(meter, endMs, runningMs, unusualWatts));
        }
    }

    /** What this home usually has on above its always-on power at this half hour (0 while unknown). */
    private double usualExcessWatts(ZonedDateTime local) {
        int slot = slot(local);
        double[] seen = recent.earlierDays(local.toLocalDate().toEpochDay()).stream()
                .mapToDouble(row -> row[slot]).filter(w -> !Double.isNaN(w)).toArray();
        return seen.length < MIN_USUAL_DAYS ? 0 : Math.max(0, UsageSpikeDetector.median(seen));
    }

    private static int slot(ZonedDateTime local) {
        return local.getHour() * 2 + local.getMinute() / 30;
    }

    private void endEpisode() {
        episodeStartMs = -1;
        alerted = false;
    }

    private MeterEvent event(MeterRef meter, long nowMs, long runningMs, double extraWatts) {
        String message = String.format(Locale.ROOT,
                "Something drawing about %.0f W has been on without a break for %s, more than this home usually has on at this time of day. "
                        + "Check for an iron, heater or oven left on.",
                extraWatts, AnomalyTypes.duration(runningMs));
        return new MeterEvent(meter, nowMs, AnomalyTypes.APPLIANCE_LEFT_ON, "warning", message, Map.of(
                "extraPowerW", Math.round(extraWatts), "runningMs", runningMs, "sinceTs", episodeStartMs));
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(window.size());
        for (double[] e : window) {
            out.writeDouble(e[0]);
            out.writeDouble(e[1]);
        }
        out.writeLong(episodeStartMs);
        out.writeBoolean(alerted);
        out.writeLong(coveredSince);
        recent.write(out);
    }

    void readInto(DataInput in) throws IOException {
        for (int i = in.readInt(); i > 0; i--) {
            window.addLast(new double[] {in.readDouble(), in.readDouble()});
        }
        episodeStartMs = in.readLong();
        alerted = in.readBoolean();
        coveredSince = in.readLong();
        recent.readInto(in);
    }
}
