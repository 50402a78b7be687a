package io.gridpulse.analytics.eval;

import io.gridpulse.analytics.forecast.DayEnergy;
import io.gridpulse.analytics.forecast.EnergyLedger;
import io.gridpulse.analytics.forecast.HourlyForecaster;
import io.gridpulse.analytics.forecast.PeriodEndForecaster;
import io.gridpulse.analytics.forecast.PeriodForecast;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling-origin backtest on a real trace. Pseudo-periods of {@code periodDays} consecutive local
 * days start on every day for which all period days have at least {@link #MIN_COVERAGE} coverage;
 * at each checkpoint day d (d days complete) the projection of the period's energy is compared
 * with the measured total. The forecaster sees every day before the checkpoint (earlier periods
 * too, as a running meter would); the naive projection is average-so-far × period days.
 */
public final class ForecastBacktest {
    static final double MIN_COVERAGE = 0.9;

    /** MAPE (percent) of both projections at one checkpoint over {@code periods} periods. */
    public record CheckpointError(int day, int periods, double modelMapePercent, double naiveMapePercent) {}

    /** Next-day hourly error: weighted absolute percentage error Σ|err| / Σactual, percent. */
    public record HourlyError(int days, double modelWapePercent, double naiveWapePercent) {}

    private ForecastBacktest() {}

    public static List<CheckpointError> periodEnd(EnergyLedger ledger, int periodDays, int... checkpoints) {
        List<LocalDate> starts = periodStarts(ledger, periodDays);
        List<CheckpointError> out = new ArrayList<>();
        for (int day : checkpoints) {
            if (day >= periodDays) {
                continue; // nothing left to project
            }
            double model = 0;
            double naive = 0;
            for (LocalDate s : starts) {
                LocalDate end = s.plusDays(periodDays);
                double actual = 0;
                for (LocalDate d = s; d.isBefore(end); d = d.plusDays(1)) {
                    actual += ledger.day(d).energyWattHours();
                }
                PeriodForecast f = PeriodEndForecaster.forecast(ledger, s, end, s.plusDays(day));
                model += Math.abs(f.expectedEnergyWattHours() - actual) / actual;
                naive += Math.abs(f.naiveEnergyWattHours() - actual) / actual;
            }
            int n = starts.size();
            out.add(new CheckpointError(day, n, n == 0 ? Double.NaN : 100 * model / n, n == 0 ? Double.NaN : 100 * naive / n));
        }
        return out;
    }

    /** Every well-covered day with at least {@code minHistoryDays} well-covered days before it. */
    public static HourlyError nextDayHourly(EnergyLedger ledger, int minHistoryDays) {
        double errModel = 0;
        double errNaive = 0;
        double actualSum = 0;
        int days = 0;
        for (LocalDate d = ledger.firstDay(); d != null && !d.isAfter(ledger.lastDay()); d = d.plusDays(1)) {
            DayEnergy actual = ledger.day(d);
            DayEnergy yesterday = ledger.day(d.minusDays(1));
            long history = ledger.daysBefore(d).stream().filter(x -> x.coverage() >= MIN_COVERAGE).count();
            if (actual.coverage() < MIN_COVERAGE || yesterday.coverage() < MIN_COVERAGE || history < minHistoryDays) {
                continue;
            }
            double[] f = HourlyForecaster.forecast(ledger, d);
            for (int h = 0; h < 24; h++) {
                errModel += Math.abs(f[h] - actual.hourlyWattHours()[h]);
                errNaive += Math.abs(yesterday.hourlyWattHours()[h] - actual.hourlyWattHours()[h]);
                actualSum += actual.hourlyWattHours()[h];
            }
            days++;
        }
        return new HourlyError(days, 100 * errModel / actualSum, 100 * errNaive / actualSum);
    }

    /**
     * The most consecutive days with at least {@link #MIN_COVERAGE} coverage: the longest period
     * {@link #periodEnd} can test on this ledger.
     */
    public static int longestCoveredRunDays(EnergyLedger ledger) {
        int longest = 0;
        int run = 0;
        for (LocalDate d = ledger.firstDay(); d != null && !d.isAfter(ledger.lastDay()); d = d.plusDays(1)) {
            run = ledger.day(d).coverage() >= MIN_COVERAGE ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    static List<LocalDate> periodStarts(EnergyLedger ledger, int periodDays) {
        List<LocalDate> starts = new ArrayList<>();
        if (ledger.firstDay() == null) {
            return starts;
        }
        for (LocalDate s = ledger.firstDay(); !s.plusDays(periodDays - 1).isAfter(ledger.lastDay()); s = s.plusDays(1)) {
            LocalDate start = s;
            boolean full = start.datesUntil(start.plusDays(periodDays)).allMatch(d -> ledger.day(d).coverage() >= MIN_COVERAGE);
            if (full) {
                starts.add(start);
            }
        }
        return starts;
    }
}
