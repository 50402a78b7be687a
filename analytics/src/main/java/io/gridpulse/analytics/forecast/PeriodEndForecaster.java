package io.gridpulse.analytics.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Projects a period's energy: measured so far plus the remaining days at the period-so-far rate,
 * corrected for the weekday/weekend mix. The rate is soFar / Σ dayTypeRatio(elapsed days), so five
 * weekdays of a weekend-heavy home do not set the level for the weekends still to come; with
 * ratios of 1 this is exactly the naive projection. The ratios come from the last
 * {@link #RATIO_DAYS} well-covered days (before the period too, as a running meter has them),
 * shrunk towards 1 with weight {@link #SHRINK_DAYS}. The level is the period-so-far rate shrunk
 * towards the mean of the covered days just before the period: five days of a month are a noisy
 * estimate of the next 25 (rolling backtests over two years of one home: docs/analytics.md).
 * Those days run back from the period's start to the first day the meter did not cover, at most
 * {@link #PRIOR_DAYS}: days before a gap (a new meter, one back from an absence) are another
 * level. A full run weighs as {@link #PRIOR_WEIGHT_DAYS} days of the period; a shorter one less,
 * as the mean of fewer days is noisier while the drift from one month to the next stays. With no
 * elapsed day the level is the history mean; with no history at all, the naive projection.
 */
public final class PeriodEndForecaster {
    static final int RATIO_DAYS = 28;
    static final double MIN_COVERAGE = 0.8;
    static final double SHRINK_DAYS = 4;
    static final int PRIOR_DAYS = 28;
    static final double PRIOR_WEIGHT_DAYS = 8;
    /**
     * The level's drift between the days before a period and the period, in units of one day's
     * variance: what is left of 1 / {@link #PRIOR_WEIGHT_DAYS} once a full run's own noise
     * (1 / {@link #PRIOR_DAYS}) is taken out. A run of n days weighs 1 / (1/n + drift) days.
     */
    static final double PRIOR_DRIFT = 1 / PRIOR_WEIGHT_DAYS - 1.0 / PRIOR_DAYS;

    private PeriodEndForecaster() {}

    /** The projection for [periodStart, periodEnd) with days before {@code asOf} known. */
    public static PeriodForecast forecast(EnergyLedger ledger, LocalDate periodStart, LocalDate periodEnd, LocalDate asOf) {
        long elapsed = Math.max(0, ChronoUnit.DAYS.between(periodStart, asOf));
        long total = ChronoUnit.DAYS.between(periodStart, periodEnd);
        double soFar = 0;
        double elapsedUnits = 0;
        List<DayEnergy> history = ledger.daysBefore(asOf).stream()
                .filter(d -> d.coverage() >= MIN_COVERAGE).limit(RATIO_DAYS).toList();
        double weekendRatio = ratio(history, true);
        double weekdayRatio = ratio(history, false);
        for (LocalDate d = periodStart; d.isBefore(asOf) && d.isBefore(periodEnd); d = d.plusDays(1)) {
            soFar += ledger.day(d).energyWattHours();
            elapsedUnits += isWeekend(d) ? weekendRatio : weekdayRatio;
        }
        double naive = elapsed == 0 ? 0 : soFar / elapsed * total;
        if (history.isEmpty()) {
            return new PeriodForecast(periodStart, periodEnd, asOf, soFar, naive, naive, Double.NaN, Double.NaN, 0);
        }
        double level = elapsedUnits > 0 ? shrunkTowardsPrior(ledger, periodStart, soFar / elapsedUnits, elapsed)
                : mean(history.stream().mapToDouble(DayEnergy::energyWattHours).toArray());
        double weekend = level * weekendRatio;
        double weekday = level * weekdayRatio;
        double remaining = 0;
        for (LocalDate d = max(asOf, periodStart); d.isBefore(periodEnd); d = d.plusDays(1)) {
            remaining += isWeekend(d) ? weekend : weekday;
        }
        return new PeriodForecast(periodStart, periodEnd, asOf, soFar, soFar + remaining, naive, weekday, weekend,
                history.size());
    }

    /** The period's rate over {@code elapsedDays}, shrunk towards the days just before the period. */
    private static double shrunkTowardsPrior(EnergyLedger ledger, LocalDate periodStart, double rate, long elapsedDays) {
        double[] prior = coveredRunBefore(ledger, periodStart);
        if (prior.length == 0) {
            return rate;
        }
        double priorWeightDays = 1 / (1.0 / prior.length + PRIOR_DRIFT);
        return (elapsedDays * rate + priorWeightDays * mean(prior)) / (elapsedDays + priorWeightDays);
    }

    /** The energies of the covered days before {@code periodStart}, back to the first gap, at most {@link #PRIOR_DAYS}. */
    static double[] coveredRunBefore(EnergyLedger ledger, LocalDate periodStart) {
        double[] run = new double[PRIOR_DAYS];
        int n = 0;
        for (LocalDate d = periodStart.minusDays(1); n < PRIOR_DAYS; d = d.minusDays(1)) {
            DayEnergy day = ledger.day(d);
            if (day.coverage() < MIN_COVERAGE) {
                break;
            }
            run[n++] = day.energyWattHours();
        }
        return Arrays.copyOf(run, n);
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
