package io.gridpulse.analytics.forecast;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Next-day hourly load: for each local hour, the mean of (a) the median of that hour over the
 * last {@link #SAME_TYPE_DAYS} well-covered days of the same type (weekday / weekend) and (b) the
 * mean of that hour over the last {@link #RECENT_DAYS} well-covered days. Pure function of the
 * ledger; NaN hours when there is no history.
 */
public final class HourlyForecaster {
    static final int SAME_TYPE_DAYS = 4;
    static final int RECENT_DAYS = 7;

    private HourlyForecaster() {}

    /** Expected energy per local hour of {@code day} in Wh (24 values), from days before it. */
    public static double[] forecast(EnergyLedger ledger, LocalDate day) {
        List<DayEnergy> history = ledger.daysBefore(day).stream()
                .filter(d -> d.coverage() >= PeriodEndForecaster.MIN_COVERAGE).toList();
        boolean weekend = PeriodEndForecaster.isWeekend(day);
        List<DayEnergy> sameType = history.stream()
                .filter(d -> PeriodEndForecaster.isWeekend(d.day()) == weekend).limit(SAME_TYPE_DAYS).toList();
        List<DayEnergy> recent = history.stream().limit(RECENT_DAYS).toList();
        double[] out = new double[24];
        for (int h = 0; h < 24; h++) {
            int hour = h;
            double mean = recent.stream().mapToDouble(d -> d.hourlyWattHours()[hour]).average().orElse(Double.NaN);
            double[] same = sameType.stream().mapToDouble(d -> d.hourlyWattHours()[hour]).toArray();
            out[h] = same.length == 0 ? mean : (median(same) + mean) / 2;
        }
        return out;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
