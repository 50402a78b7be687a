package io.gridpulse.analytics.eval;

import io.gridpulse.analytics.anomaly.AnomalyDetector;
import io.gridpulse.analytics.anomaly.AnomalyTypes;
import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the anomaly detectors on a real trace: for each run, anomalies of one type are planted
 * ({@link AnomalyInjector}, seed = {@code baseSeed + run}) and the batch detector is run over the
 * whole trace; events of that type are matched to the planted windows. Events of other types are
 * ignored in that run (each type is scored on its own runs). Meter-silent events during real gaps
 * of the trace longer than {@link #NATURAL_GAP_MS} are real silences: neither hit nor false alarm.
 */
public final class AnomalyEvaluation {
    static final long NATURAL_GAP_MS = 2 * 3_600_000L;
    static final long REPORTED_HOUR_MS = 3_600_000L;
    private static final MeterRef METER = MeterRef.of("eval", "trace");

    private AnomalyEvaluation() {}

    /** The score of {@code type} over {@code runs} runs of {@code perRun} anomalies each. */
    public static DetectionScore score(List<MinuteAverage> clean, ZoneId zone, String type, int runs, int perRun, long baseSeed) {
        List<long[]> naturalGaps = naturalGaps(clean);
        DetectionScore total = new DetectionScore(type, 0, 0, 0, 0);
        for (int run = 0; run < runs; run++) {
            AnomalyInjector.Result injected = AnomalyInjector.inject(clean, type, perRun, baseSeed + run);
            List<MeterEvent> events = AnomalyDetector.detect(METER, zone, injected.minutes()).stream()
                    .filter(e -> e.type().equals(type)).toList();
            total = total.plus(score(type, injected.anomalies(), events, naturalGaps));
        }
        return total;
    }

    static DetectionScore score(String type, List<InjectedAnomaly> planted, List<MeterEvent> events, List<long[]> naturalGaps) {
        int counted = 0;
        int matched = 0;
        for (MeterEvent e : events) {
            boolean hit = planted.stream().anyMatch(a -> matches(a, e));
            boolean natural = type.equals(AnomalyTypes.METER_SILENT)
                    && naturalGaps.stream().anyMatch(g -> e.timestampMs() >= g[0] && e.timestampMs() <= g[1]);
            if (hit || !natural) {
                counted++;
                matched += hit ? 1 : 0;
            }
        }
        int detected = (int) planted.stream()
                .filter(a -> events.stream().anyMatch(e -> matches(a, e))).count();
        return new DetectionScore(type, planted.size(), detected, counted, matched);
    }

    /**
     * A usage-high event reports a whole clock hour from its timestamp, so it detects a plant that
     * starts inside that hour; other events report the moment they are raised.
     */
    static boolean matches(InjectedAnomaly a, MeterEvent e) {
        long reportedUntil = e.type().equals(AnomalyTypes.USAGE_HIGH) ? e.timestampMs() + REPORTED_HOUR_MS : e.timestampMs();
        return a.matches(e.timestampMs()) || (e.timestampMs() < a.startMs() && reportedUntil > a.startMs());
    }

    /** [start, end] of stretches without readings longer than {@link #NATURAL_GAP_MS}. */
    static List<long[]> naturalGaps(List<MinuteAverage> minutes) {
        List<long[]> gaps = new ArrayList<>();
        long lastSample = -1;
        for (MinuteAverage m : minutes) {
            if (m.samples() > 0) {
                if (lastSample >= 0 && m.startMs() - lastSample > NATURAL_GAP_MS) {
                    gaps.add(new long[] {lastSample, m.startMs()});
                }
                lastSample = m.startMs();
            }
        }
        return gaps;
    }
}
