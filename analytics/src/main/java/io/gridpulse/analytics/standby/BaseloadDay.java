package io.gridpulse.analytics.standby;

import io.gridpulse.analytics.series.MinuteAverage;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;

/**
 * Accumulates one local day's minutes for the two baseload estimators. A 15-minute slot counts
 * only when at least {@link #MIN_QUARTER_MINUTES} of its minutes are covered.
 */
final class BaseloadDay {
    static final int MIN_QUARTER_MINUTES = 10;
    static final int NIGHT_END_HOUR = 5;
    static final int MIN_NIGHT_MINUTES = 60;
    static final double LOW_PERCENTILE = 0.10;
    static final int MIN_DAY_MINUTES = 720;

    private final LocalDate day;
    private final double[] quarterSumWatts = new double[100];
    private final int[] quarterMinutes = new int[100];
    private double[] nightWatts = new double[64];
    private int nightCount;
    private double[] dayWatts = new double[256];
    private int dayCount;

    BaseloadDay(LocalDate day) {
        this.day = day;
    }

    LocalDate day() {
        return day;
    }

    void add(MinuteAverage m, ZonedDateTime local) {
        if (!m.covered()) {
            return;
        }
        int quarter = Math.min(99, (local.getHour() * 60 + local.getMinute()) / 15);
        quarterSumWatts[quarter] += m.averageWatts();
        quarterMinutes[quarter]++;
        if (local.getHour() < NIGHT_END_HOUR) {
            nightWatts = append(nightWatts, nightCount++, m.averageWatts());
        }
        dayWatts = append(dayWatts, dayCount++, m.averageWatts());
    }

    /** The day's estimates, or empty when less than half the day (or no 15-minute slot) is covered. */
    Optional<DailyBaseload> result() {
        if (dayCount < MIN_DAY_MINUTES) {
            return Optional.empty();
        }
        double lowest = Double.NaN;
        for (int q = 0; q < quarterMinutes.length; q++) {
            if (quarterMinutes[q] >= MIN_QUARTER_MINUTES) {
                double avg = quarterSumWatts[q] / quarterMinutes[q];
                lowest = Double.isNaN(lowest) ? avg : Math.min(lowest, avg);
            }
        }
        if (Double.isNaN(lowest)) {
            return Optional.empty();
        }
        boolean nightOk = nightCount >= MIN_NIGHT_MINUTES;
        double robust = nightOk ? percentile(nightWatts, nightCount) : percentile(dayWatts, dayCount);
        return Optional.of(new DailyBaseload(day, lowest, robust, nightOk ? nightCount : dayCount));
    }

    private static double percentile(double[] values, int count) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[(int) Math.floor(LOW_PERCENTILE * (count - 1))];
    }

    private static double[] append(double[] array, int index, double value) {
        double[] a = index < array.length ? array : Arrays.copyOf(array, array.length * 2);
        a[index] = value;
        return a;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(day.toEpochDay());
        for (int q = 0; q < quarterMinutes.length; q++) {
            out.writeDouble(quarterSumWatts[q]);
            out.writeInt(quarterMinutes[q]);
        }
        writeArray(out, nightWatts, nightCount);
        writeArray(out, dayWatts, dayCount);
    }

    static BaseloadDay read(DataInput in) throws IOException {
        BaseloadDay d = new BaseloadDay(LocalDate.ofEpochDay(in.readLong()));
        for (int q = 0; q < d.quarterMinutes.length; q++) {
            d.quarterSumWatts[q] = in.readDouble();
            d.quarterMinutes[q] = in.readInt();
        }
        d.nightCount = in.readInt();
        d.nightWatts = readArray(in, d.nightCount);
        d.dayCount = in.readInt();
        d.dayWatts = readArray(in, d.dayCount);
        return d;
    }

    private static void writeArray(DataOutput out, double[] a, int count) throws IOException {
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeDouble(a[i]);
        }
    }

    private static double[] readArray(DataInput in, int count) throws IOException {
        double[] a = new double[Math.max(16, count)];
        for (int i = 0; i < count; i++) {
            a[i] = in.readDouble();
        }
        return a;
    }
}
