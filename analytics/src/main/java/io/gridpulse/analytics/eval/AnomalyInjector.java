package io.gridpulse.analytics.eval;

import io.gridpulse.analytics.anomaly.AnomalyTypes;
import io.gridpulse.analytics.series.MinuteAverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plants known anomalies into a real minute series at seeded random places. Places are drawn
 * after a warm-up (the detectors learn the household first) and never overlap each other.
 * <ul>
 *   <li>usage-high: +1.5–3 kW for 60–150 min, detected within 60 min after it ends;</li>
 *   <li>appliance-left-on: +0.8–2 kW for 4–8 h, detected by 30 min after it ends;</li>
 *   <li>baseload-jump: +60–200 W from a random time to the end, detected within 4 days;</li>
 *   <li>meter-silent: no readings for 6–24 h, detected before readings resume.</li>
 * </ul>
 */
public final class AnomalyInjector {
    static final long MINUTE_MS = MinuteAverage.MINUTE_MS;
    static final long HOUR_MS = 3_600_000L;
    static final long DAY_MS = 24 * HOUR_MS;

    /** The injected series and what was planted. */
    public record Result(List<MinuteAverage> minutes, List<InjectedAnomaly> anomalies) {}

    private AnomalyInjector() {}

    /** Plants up to {@code count} anomalies of {@code type} (one for a baseload jump). */
    public static Result inject(List<MinuteAverage> clean, String type, int count, long seed) {
        Random random = new Random(seed);
        long first = clean.get(0).startMs();
        long last = clean.get(clean.size() - 1).startMs();
        List<InjectedAnomaly> planted = new ArrayList<>();
        int wanted = type.equals(AnomalyTypes.BASELOAD_JUMP) ? 1 : count;
        for (int attempt = 0; attempt < 200 * wanted && planted.size() < wanted; attempt++) {
            InjectedAnomaly a = draw(type, random, first, last);
            if (a != null && planted.stream().noneMatch(p -> overlaps(p, a)) && mostlyCovered(clean, a)) {
                planted.add(a);
            }
        }
        return new Result(apply(clean, planted), planted);
    }

    private static InjectedAnomaly draw(String type, Random r, long first, long last) {
        return switch (type) {
            case AnomalyTypes.USAGE_HIGH -> block(type, r, first + 3 * DAY_MS, last, 1500 + 1500 * r.nextDouble(),
                    (60 + r.nextInt(91)) * MINUTE_MS, HOUR_MS);
            case AnomalyTypes.APPLIANCE_LEFT_ON -> block(type, r, first + 2 * DAY_MS, last, 800 + 1200 * r.nextDouble(),
                    (240 + r.nextInt(241)) * MINUTE_MS, 30 * MINUTE_MS);
            case AnomalyTypes.BASELOAD_JUMP -> {
                long start = minute(first + 5 * DAY_MS + (long) (r.nextDouble() * (last - first - 8 * DAY_MS)));
                yield start + 3 * DAY_MS > last ? null
                        : new InjectedAnomaly(type, start, last + MINUTE_MS, start + 4 * DAY_MS, 60 + 140 * r.nextDouble());
            }
            case AnomalyTypes.METER_SILENT -> block(type, r, first + DAY_MS, last, 0, (360 + r.nextInt(1081)) * MINUTE_MS, 0);
            default -> throw new IllegalArgumentException("unknown anomaly type " + type);
        };
    }

    private static InjectedAnomaly block(String type, Random r, long from, long to, double watts, long durationMs, long graceMs) {
        if (to - durationMs <= from) {
            return null;
        }
        long start = minute(from + (long) (r.nextDouble() * (to - durationMs - from)));
        return new InjectedAnomaly(type, start, start + durationMs, start + durationMs + graceMs, watts);
    }

    private static boolean overlaps(InjectedAnomaly a, InjectedAnomaly b) {
        long gap = 6 * HOUR_MS;
        return a.startMs() < b.matchUntilMs() + gap && b.startMs() < a.matchUntilMs() + gap;
    }

    /** At least 90% of the planted window (first day for a jump) has data, so the plant is real. */
    private static boolean mostlyCovered(List<MinuteAverage> clean, InjectedAnomaly a) {
        long end = Math.min(a.endMs(), a.startMs() + DAY_MS);
        long inside = clean.stream().filter(m -> m.startMs() >= a.startMs() && m.startMs() < end).count();
        long covered = clean.stream().filter(m -> m.startMs() >= a.startMs() && m.startMs() < end && m.covered()).count();
        return inside > 0 && covered >= 0.9 * ((end - a.startMs()) / MINUTE_MS);
    }

    private static List<MinuteAverage> apply(List<MinuteAverage> clean, List<InjectedAnomaly> planted) {
        List<MinuteAverage> out = new ArrayList<>(clean.size());
        for (MinuteAverage m : clean) {
            MinuteAverage x = m;
            for (InjectedAnomaly a : planted) {
                if (m.startMs() >= a.startMs() && m.startMs() < a.endMs()) {
                    x = a.type().equals(AnomalyTypes.METER_SILENT)
                            ? new MinuteAverage(m.startMs(), Double.NaN, 0)
                            : new MinuteAverage(m.startMs(), x.averageWatts() + a.extraWatts(), x.samples());
                }
            }
            out.add(x);
        }
        return out;
    }

    private static long minute(long ms) {
        return Math.floorDiv(ms, MINUTE_MS) * MINUTE_MS;
    }
}
