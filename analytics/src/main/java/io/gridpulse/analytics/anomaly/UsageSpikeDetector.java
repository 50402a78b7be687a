package io.gridpulse.analytics.anomaly;

import io.gridpulse.analytics.series.MinuteAverage;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.event.MeterEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Flags a local clock hour whose mean power is far above the expected profile for that hour and
 * day type (weekday / weekend). The reference is the last {@link #HISTORY} hours of the same day
 * type at the same hour and its two neighbours (both day types pooled while that holds fewer than
 * {@link #MIN_HISTORY} values). An hour is flagged when it exceeds Tukey's far-out fence
 * (Q3 + {@link #FENCE_IQRS} × IQR) and median + max({@link #MIN_EXCESS_WATTS},
 * {@link #HOME_MEAN_FACTOR} × this home's mean power over the last {@link #RECENT_DAYS} days),
 * unless it is a habit: this hour or a neighbour came at least {@link #HABIT_SHARE} of the way as
 * high on {@link #HABIT_DAYS} or more of the last {@link #RECENT_DAYS} days. Consecutive flagged
 * hours are one episode and raise one event (at its first hour). Hours with fewer than
 * {@link #MIN_COVERED_MINUTES} covered minutes, or with no usage at all (a whole-house meter at
 * 0 W is switched off or cut, not idle), are skipped and not learned.
 */
final class UsageSpikeDetector {
    static final int HISTORY = 8;
    static final int MIN_HISTORY = 3;
    static final int MIN_COVERED_MINUTES = 45;
    static final double MIN_EXCESS_WATTS = 800;
    static final double HOME_MEAN_FACTOR = 1.5;
    static final double FENCE_IQRS = 3;
    static final int RECENT_DAYS = 14;
    static final int HABIT_DAYS = 2;
    static final double HABIT_SHARE = 0.75;
    static final double NO_USAGE_WATTS = 1;

    private final ZoneId zone;
    private final RecentDays recent = new RecentDays(RECENT_DAYS, 24);
    private final double[][] history = new double[48][HISTORY];
    private final int[] counts = new int[48];
    private long hourStartMs = -1;
    private double sumWatts;
    private int coveredMinutes;
    private boolean inEpisode;

    UsageSpikeDetector(ZoneId zone) {
        this.zone = zone;
    }

    void onMinute(MeterRef meter, MinuteAverage m, Consumer<MeterEvent> out) {
        ZonedDateTime local = Instant.ofEpochMilli(m.startMs()).atZone(zone);
        long start = local.withMinute(0).toInstant().toEpochMilli();
        if (hourStartMs >= 0 && start != hourStartMs) {
            closeHour(meter, out);
        }
        if (hourStartMs != start) {
            hourStartMs = start;
            sumWatts = 0;
            coveredMinutes = 0;
        }
        if (m.covered()) {
            sumWatts += m.averageWatts();
            coveredMinutes++;
        }
    }

    private void closeHour(MeterRef meter, Consumer<MeterEvent> out) {
        double watts = coveredMinutes == 0 ? 0 : sumWatts / coveredMinutes;
        boolean high = false;
        if (coveredMinutes >= MIN_COVERED_MINUTES && watts >= NO_USAGE_WATTS) {
            ZonedDateTime local = Instant.ofEpochMilli(hourStartMs).atZone(zone);
            int slot = slot(local);
            double[] past = pastValues(slot, local.getHour());
            if (past.length >= MIN_HISTORY) {
                double expected = median(past);
                high = unusual(local, watts, past, expected)
                        && habitDays(local, expected + HABIT_SHARE * (watts - expected)) < HABIT_DAYS;
                if (high && !inEpisode) {
                    out.accept(event(meter, local, watts, expected));
                }
            }
            remember(slot, watts);
            recent.putMax(local.toLocalDate().toEpochDay(), local.getHour(), watts);
        }
        inEpisode = high;
    }

    private boolean unusual(ZonedDateTime local, double watts, double[] past, double expected) {
        double q1 = quantile(past, 0.25);
        double q3 = quantile(past, 0.75);
        double minExcess = Math.max(MIN_EXCESS_WATTS, HOME_MEAN_FACTOR * recentMeanWatts(local));
        return watts > q3 + FENCE_IQRS * (q3 - q1) && watts > expected + minExcess;
    }

    private MeterEvent event(MeterRef meter, ZonedDateTime local, double watts, double expected) {
        boolean weekend = weekend(local);
        double times = watts / Math.max(1, expected);
        String message = String.format(Locale.ROOT,
                "Between %02d:00 and %02d:00 you used %.2f kWh, %.1f times the usual %.2f kWh for a %s at this hour.",
                local.getHour(), (local.getHour() + 1) % 24, watts / 1000, times, expected / 1000,
                weekend ? "weekend day" : "weekday");
        // timesUsual as printed (one decimal): recomputing it from the rounded Wh could differ
        return new MeterEvent(meter, hourStartMs, AnomalyTypes.USAGE_HIGH, "warning", message, Map.of(
                "energyWh", Math.round(watts), "expectedEnergyWh", Math.round(expected), "hour", local.getHour(),
                "timesUsual", Math.round(times * 10) / 10.0, "dayType", weekend ? "weekend" : "weekday"));
    }

    private double[] pastValues(int slot, int hour) {
        int base = slot - hour;
        double[] own = neighbours(base, hour);
        if (counts[slot] >= MIN_HISTORY) {
            return own;
        }
        double[] other = neighbours(base == 0 ? 24 : 0, hour);
        double[] all = Arrays.copyOf(own, own.length + other.length);
        System.arraycopy(other, 0, all, own.length, other.length);
        return all;
    }

    private double[] neighbours(int base, int hour) {
        double[] all = new double[0];
        for (int h = hour - 1; h <= hour + 1; h++) {
            double[] v = values(base + Math.floorMod(h, 24));
            int n = all.length;
            all = Arrays.copyOf(all, n + v.length);
            System.arraycopy(v, 0, all, n, v.length);
        }
        return all;
    }

    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** Earlier days among the last {@link #RECENT_DAYS} on which this hour or a neighbour reached {@code watts}. */
    private int habitDays(ZonedDateTime local, double watts) {
        int h = local.getHour();
        return (int) recent.earlierDays(local.toLocalDate().toEpochDay()).stream()
                .filter(row -> row[h] >= watts || row[Math.max(0, h - 1)] >= watts || row[Math.min(23, h + 1)] >= watts)
                .count();
    }

    /** Mean of the hourly means of the last {@link #RECENT_DAYS} days before today (0 without any). */
    private double recentMeanWatts(ZonedDateTime local) {
        return recent.earlierDays(local.toLocalDate().toEpochDay()).stream()
                .flatMapToDouble(Arrays::stream).filter(w -> !Double.isNaN(w)).average().orElse(0);
    }

    private double[] values(int slot) {
        return Arrays.copyOf(history[slot], Math.min(counts[slot], HISTORY));
    }

    private void remember(int slot, double watts) {
        history[slot][counts[slot] % HISTORY] = watts;
        counts[slot]++;
    }

    private static int slot(ZonedDateTime local) {
        return (weekend(local) ? 24 : 0) + local.getHour();
    }

    private static boolean weekend(ZonedDateTime local) {
        DayOfWeek d = local.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    void write(DataOutput out) throws IOException {
        for (int s = 0; s < counts.length; s++) {
            out.writeInt(counts[s]);
            for (double v : history[s]) {
                out.writeDouble(v);
            }
        }
        out.writeLong(hourStartMs);
        out.writeDouble(sumWatts);
        out.writeInt(coveredMinutes);
        out.writeBoolean(inEpisode);
        recent.write(out);
    }

    void readInto(DataInput in) throws IOException {
        for (int s = 0; s < counts.length; s++) {
            counts[s] = in.readInt();
            for (int i = 0; i < HISTORY; i++) {
                history[s][i] = in.readDouble();
            }
        }
        hourStartMs = in.readLong();
        sumWatts = in.readDouble();
        coveredMinutes = in.readInt();
        inEpisode = in.readBoolean();
        recent.readInto(in);
    }
}
