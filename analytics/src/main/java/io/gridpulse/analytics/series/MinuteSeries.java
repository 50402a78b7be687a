package io.gridpulse.analytics.series;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import java.util.ArrayList;
import java.util.List;

/** Batch builders of gap-free minute sequences (uncovered minutes are NaN), from rollups or readings. */
public final class MinuteSeries {
    /** Default hold limit for readings: change-only meters (GJW) can be quiet for up to ~1 h in dense days. */
    public static final long DEFAULT_HOLD_LIMIT_MS = 3_600_000L;

    private MinuteSeries() {}

    /**
     * One {@link MinuteAverage} per minute from the first to the last rollup, filling minutes that
     * have no rollup with NaN. Rollups must be 1-minute buckets sorted by start.
     */
    public static List<MinuteAverage> fromMinuteRollups(List<Rollup> rollups) {
        List<MinuteAverage> out = new ArrayList<>();
        long expected = -1;
        for (Rollup r : rollups) {
            for (; expected >= 0 && expected < r.bucketStartMs(); expected += MinuteAverage.MINUTE_MS) {
                out.add(new MinuteAverage(expected, Double.NaN, 0));
            }
            boolean covered = r.coveredMs() > 0 || r.samples() > 0;
            double watts = covered ? r.averagePowerMilliwatts() / 1000.0 : Double.NaN;
            out.add(new MinuteAverage(r.bucketStartMs(), watts, (int) Math.min(Integer.MAX_VALUE, r.samples())));
            expected = r.bucketStartMs() + MinuteAverage.MINUTE_MS;
        }
        return out;
    }

    /** Minutes of sorted readings, holding each value for at most {@code holdLimitMs}. */
    public static List<MinuteAverage> fromReadings(List<Reading> readings, long holdLimitMs) {
        List<MinuteAverage> out = new ArrayList<>();
        MinuteAverager averager = new MinuteAverager(holdLimitMs);
        readings.forEach(r -> averager.add(r, out::add));
        if (!readings.isEmpty()) {
            averager.advanceTo(readings.get(readings.size() - 1).timestampMs() + MinuteAverage.MINUTE_MS, out::add);
        }
        return out;
    }

    /**
     * The sum of several channels' minutes (a house's circuits, or its mains legs) from the first
     * minute of any to the last; a minute is covered only when every channel covers it, as a sum
     * with a channel missing would read as a drop in usage. Channels without any minute are left out.
     */
    public static List<MinuteAverage> sum(List<List<MinuteAverage>> channels) {
        List<List<MinuteAverage>> nonEmpty = channels.stream().filter(c -> !c.isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return List.of();
        }
        long first = nonEmpty.stream().mapToLong(c -> c.get(0).startMs()).min().orElseThrow();
        long last = nonEmpty.stream().mapToLong(c -> c.get(c.size() - 1).startMs()).max().orElseThrow();
        int n = Math.toIntExact((last - first) / MinuteAverage.MINUTE_MS + 1);
        double[] watts = new double[n];
        int[] samples = new int[n];
        int[] present = new int[n];
        for (List<MinuteAverage> c : nonEmpty) {
            for (MinuteAverage m : c) {
                int i = (int) ((m.startMs() - first) / MinuteAverage.MINUTE_MS);
                if (m.covered()) {
                    watts[i] += m.averageWatts();
                    present[i]++;
                }
                samples[i] = Math.max(samples[i], m.samples());
            }
        }
        List<MinuteAverage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean all = present[i] == nonEmpty.size();
            out.add(new MinuteAverage(first + i * MinuteAverage.MINUTE_MS, all ? watts[i] : Double.NaN, all ? samples[i] : 0));
        }
        return out;
    }
}
