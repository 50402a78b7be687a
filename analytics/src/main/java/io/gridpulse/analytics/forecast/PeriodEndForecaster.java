package io.gridpulse.analytics.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Projects a period's energy: measured so far plus, for each remaining day, a robust daily level
 * from the last {@link #HISTORY_DAYS} well-covered complete days (before the period too, as a
 * running meter has them): their mean (not a median or trimmed mean: daily energy is right-skewed
 * and the period total is a sum, so those would be biased low), scaled for weekend vs weekday by a ratio shrunk towards 1 with weight {@link #SHRINK_DAYS}.
 * With no usable history it falls back to the naive projection. Pure function of the ledger.
 */
public final class PeriodEndForecaster {
    static final int HISTORY_DAYS = 14;
    static final double MIN_COVERAGE = 0.8;
    static final double SHRINK_DAYS = 4;

    private PeriodEndForecaster() {}

    /** The projection for [periodStart, periodEnd) with days before {@code asOf} known. */
    public static PeriodForecast forecast(EnergyLedger ledger, LocalDate periodStart, LocalDate periodEnd, LocalDate asOf) {
        long elapsed = Math.max(0, ChronoUnit.DAYS.between(periodStart, asOf));
        long total = ChronoUnit.DAYS.between(periodStart, periodEnd);
        double soFar = 0;
        for (LocalDate d = periodStart; d.isBefore(asOf) && d.isBefore(periodEnd); d = d.plusDays(1)) {
            soFar += ledger.day(d).energyWattHours();
        }
        double naive = elapsed == 0 ? 0 : soFar / elapsed * total;
        List<DayEnergy> history = ledger.daysBefore(asOf).stream()
                .filter(d -> d.coverage() >= MIN_COVERAGE).limit(HISTORY_DAYS).toList();
        if (history.isEmpty()) {
            return new PeriodForecast(periodStart, periodEnd, asOf, soFar, naive, naive, Double.NaN, Double.NaN, 0);
        }
        double level = mean(history.stream().mapToDouble(DayEnergy::energyWattHours).toArray());
        double weekend = level * ratio(history, true);
        double weekday = level * ratio(history, false);
        double remaining = 0;
        for (LocalDate d = max(asOf, periodStart); d.isBefore(periodEnd); d = d.plusDays(1)) {
            remaining += isWeekend(d) ? weekend : weekday;
        }
        return new PeriodForecast(periodStart, periodEnd, asOf, soFar, soFar + remaining, naive, weekday, weekend,
                history.size());
    }

    /** Mean of the day type's days over the mean of all days, shrunk towards 1. */
    private static double ratio(List<DayEnergy> history, boolean weekend) {
        double all = history.stream().mapToDouble(DayEnergy::energyWattHours).average().orElse(0);
        double[] own = history.stream().filter(d -> isWeekend(d.day()) == weekend)
                .mapToDouble(DayEnergy::energyWattHours).toArray();
        if (all <= 0 || own.length == 0) {
            return 1;
        }
        double raw = Arrays.stream(own).average().orElse(all) / all;
        return (own.length * raw + SHRINK_DAYS) / (own.length + SHRINK_DAYS);
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
