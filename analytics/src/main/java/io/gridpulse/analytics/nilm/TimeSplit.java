package io.gridpulse.analytics.nilm;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Splits a dataset in time into non-overlapping training and test periods at a day boundary.
 * The default puts the first 60 % of the days that hold data (rounded down, at least one day)
 * into training and the rest into test.
 */
public final class TimeSplit {
    /** Share of data days used for training by default. */
    public static final double DEFAULT_TRAIN_SHARE = 0.6;

    private TimeSplit() {}

    /** First day of the test period under the default rule; empty when fewer than two days hold data. */
    public static java.util.Optional<LocalDate> defaultTestFrom(ApplianceDataset data, ZoneId zone) {
        List<LocalDate> days = data.days(zone);
        if (days.size() < 2) {
            return java.util.Optional.empty();
        }
        int trainDays = Math.min(days.size() - 1, Math.max(1, (int) Math.floor(days.size() * DEFAULT_TRAIN_SHARE)));
        return java.util.Optional.of(days.get(trainDays));
    }

    /** Start of {@code day} in {@code zone} as UTC epoch ms. */
    public static long startMs(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
