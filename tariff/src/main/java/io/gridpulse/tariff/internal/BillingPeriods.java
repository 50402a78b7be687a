package io.gridpulse.tariff.internal;

import io.gridpulse.tariff.BillingPeriod;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Reading periods by 검침일: for day d (1..28) usage runs from d of one month to d-1 of the next;
 * for 말일 (0) from the last day of one month to the day before the last day of the next
 * (KEPCO: 말일 검침 "7월분" = 6/30~7/30).
 */
public final class BillingPeriods {
    private BillingPeriods() {}

    public static BillingPeriod containing(int meterReadingDay, LocalDate date) {
        return meterReadingDay == 0 ? monthEndPeriod(date) : dayPeriod(meterReadingDay, date);
    }

    private static BillingPeriod dayPeriod(int day, LocalDate date) {
        LocalDate start = date.getDayOfMonth() >= day ? date.withDayOfMonth(day) : date.minusMonths(1).withDayOfMonth(day);
        return BillingPeriod.of(start, start.plusMonths(1).minusDays(1));
    }

    private static BillingPeriod monthEndPeriod(LocalDate date) {
        LocalDate lastOfMonth = date.with(TemporalAdjusters.lastDayOfMonth());
        LocalDate start = date.equals(lastOfMonth) ? date : date.withDayOfMonth(1).minusDays(1);
        LocalDate nextLast = start.plusDays(1).with(TemporalAdjusters.lastDayOfMonth());
        return BillingPeriod.of(start, nextLast.minusDays(1));
    }
}
