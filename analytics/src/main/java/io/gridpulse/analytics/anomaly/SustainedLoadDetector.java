package io.gridpulse.analytics.anomaly;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds an extra load left on: the floor of power (minimum of the 1-minute means over the last
 * {@link #FLOOR_WINDOW_MS}) stays at least {@link #START_EXCESS_WATTS} above the always-on power
 * without a break. Such episodes end when the excess drops below {@link #END_EXCESS_WATTS}; their
 * durations are learned, and an episode is flagged (once) when it lasts longer than
 * max({@link #MIN_ALERT_MS}, {@link #USUAL_FACTOR} × the 90th percentile of the last
 * {@link #HISTORY} episodes). The start level targets heating-class loads (irons, heaters, ovens,
 * 0.6 kW and up): evenings of lights + TV + computers form long 250–500 W floors. Cycling appliances (fridge, oven thermostat) break the floor, so only
 * an uninterrupted draw counts.
 */
final class SustainedLoadDetector {
    static final long FLOOR_WINDOW_MS = 30 * 60_000L;
    static final double START_EXCESS_WATTS = 600;
    static final double END_EXCESS_WATTS = 300;
    static final long MIN_ALERT_MS = 3 * 3_600_000L;
    static final double USUAL_FACTOR = 2.0;
    static final int HISTORY = 64;
    static final int MIN_EPISODES_LEARNED = 5;

    private final Deque<double[]> window = new ArrayDeque<>();
    private final long[] durations = new long[HISTORY];
    private int durationCount;
    private long episodeStartMs = -1;
    private boolean alerted;
    private long coveredSince = -1;

    void onMinute(MeterRef meter, MinuteAverage m, double baseloadWatts, Consumer<MeterEvent> out) {
        long endMs = m.startMs() + MinuteAverage.MINUTE_MS;
        if (!m.covered() || Double.isNaN(baseloadWatts)) {
            endEpisode(endMs);
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
        track(meter, endMs, window.peekFirst()[1] - baseloadWatts, coveredSince <= endMs - FLOOR_WINDOW_MS, out);
    }

    private void track(MeterRef meter, long endMs, double excess, boolean fullWindow, Consumer<MeterEvent> out) {
        if (episodeStartMs < 0) {
            if (fullWindow && excess >= START_EXCESS_WATTS) {
                episodeStartMs = endMs - FLOOR_WINDOW_MS;
                alerted = false;
            }
            return;
        }
        if (excess < END_EXCESS_WATTS) {
            endEpisode(endMs);
            return;
        }
        long runningMs = endMs - episodeStartMs;
        if (!alerted && runningMs >= alertAfterMs()) {
            alerted = true;
            out.accept(event(meter, endMs, runningMs, excess));
        }
    }

    /** How long an episode may run before it is flagged, from the learned durations. */
    long alertAfterMs() {
        if (durationCount < MIN_EPISODES_LEARNED) {
            return MIN_ALERT_MS;
        }
        long[] d = Arrays.copyOf(durations, Math.min(durationCount, HISTORY));
        Arrays.sort(d);
        long p90 = d[(int) Math.floor(0.9 * (d.length - 1))];
        return Math.max(MIN_ALERT_MS, (long) (USUAL_FACTOR * p90));
    }

    private void endEpisode(long endMs) {
        if (episodeStartMs >= 0 && !alerted) {
            durations[durationCount % HISTORY] = endMs - episodeStartMs;
            durationCount++;
        }
        episodeStartMs = -1;
        alerted = false;
    }

    private MeterEvent event(MeterRef meter, long nowMs, long runningMs, double excessWatts) {
        String message = String.format(Locale.ROOT,
                "Something drawing about %.0f W has been on without a break for %s; loads like this usually stop within %s here. "
                        + "Check for an iron, heater or oven left on.",
                excessWatts, AnomalyTypes.duration(runningMs), AnomalyTypes.duration((long) (alertAfterMs() / USUAL_FACTOR)));
        return new MeterEvent(meter, nowMs, AnomalyTypes.APPLIANCE_LEFT_ON, "warning", message, Map.of(
                "extraPowerW", Math.round(excessWatts), "runningMs", runningMs, "sinceTs", episodeStartMs));
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(window.size());
        for (double[] e : window) {
            out.writeDouble(e[0]);
            out.writeDouble(e[1]);
        }
        out.writeInt(durationCount);
        for (long d : durations) {
            out.writeLong(d);
        }
        out.writeLong(episodeStartMs);
        out.writeBoolean(alerted);
        out.writeLong(coveredSince);
    }

    void readInto(DataInput in) throws IOException {
        for (int i = in.readInt(); i > 0; i--) {
            window.addLast(new double[] {in.readDouble(), in.readDouble()});
        }
        durationCount = in.readInt();
        for (int i = 0; i < HISTORY; i++) {
            durations[i] = in.readLong();
        }
        episodeStartMs = in.readLong();
        alerted = in.readBoolean();
        coveredSince = in.readLong();
    }
}
