package io.gridpulse.analytics.forecast;

import java.time.LocalDate;

/**
 * A billing period of local days [start, end), from the meter-reading day (검침일): day d (1–28)
 * starts a period on the d-th of each month; 0 means periods follow calendar months.
 */
public record BillingPeriod(LocalDate start, LocalDate end) {
    public BillingPeriod {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("period end must be after its start");
        }
    }

    /** The period that contains {@code day}. */
    public static BillingPeriod containing(LocalDate day, int meterReadingDay) {
        if (meterReadingDay < 0 || meterReadingDay > 28) {
            throw new IllegalArgumentException("meterReadingDay must be 0-28");
        }
        int startDay = meterReadingDay == 0 ? 1 : meterReadingDay;
        LocalDate start = day.withDayOfMonth(startDay);
        if (start.isAfter(day)) {
            start = start.minusMonths(1);
        }
        return new BillingPeriod(start, start.plusMonths(1));
    }
}
