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
}
