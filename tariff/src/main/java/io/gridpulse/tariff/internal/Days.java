package io.gridpulse.tariff.internal;

import io.gridpulse.tariff.BillingPeriod;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Groups the days of a period by whatever is in force on them (rate, version, season). */
public final class Days {
    private Days() {}

    /** Number of days of the period per key, in order of first appearance. */
    public static <K> Map<K, Integer> countBy(BillingPeriod period, Function<LocalDate, K> keyOfDay) {
        Map<K, Integer> days = new LinkedHashMap<>();
        for (LocalDate day = period.start(); !day.isAfter(period.end()); day = day.plusDays(1)) {
            days.merge(keyOfDay.apply(day), 1, Integer::sum);
        }
        return days;
    }

    /** Weight of {@code days} in the energy of the period: days / period days. */
    public static Rational energyWeight(int days, BillingPeriod period) {
        return Rational.of(days, period.days());
    }

    /** Weight of {@code days} in a monthly amount: days / 월력일수. */
    public static Rational monthWeight(int days, BillingPeriod period) {
        return Rational.of(days, period.monthDays());
    }
}
