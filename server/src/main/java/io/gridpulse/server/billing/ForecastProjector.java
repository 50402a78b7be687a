package io.gridpulse.server.billing;

import io.gridpulse.analytics.forecast.EnergyLedger;
import io.gridpulse.analytics.forecast.PeriodEndForecaster;
import io.gridpulse.analytics.forecast.PeriodForecast;
import io.gridpulse.core.Units;
import io.gridpulse.tariff.HourlyUsage;
import io.gridpulse.tariff.UsageProjector;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The bill's projection from the analytics period-end forecast, so {@code /bill} and
 * {@code /forecast} tell a household the same period-end energy: how much is still to come is
 * {@link PeriodEndForecaster}'s (rolling backtests over two years of one home beat naive at every
 * checkpoint, docs/analytics.md), spread over the remaining hours in the tariff's default
 * projector's hour-of-day shape (what a time-of-use tariff prices). Without any history the
 * default projection stands as it is.
 */
public final class ForecastProjector implements UsageProjector {
    private final UsageProjector shape = UsageProjector.byProfile();

    @Override
    public HourlyUsage projectRemaining(HourlyUsage usage, Instant at, Instant periodStart, Instant periodEndExclusive,
                                        ZoneId zone) {
        HourlyUsage profile = shape.projectRemaining(usage, at, periodStart, periodEndExclusive, zone);
        EnergyLedger ledger = EnergyLedger.unbounded(zone);
        usage.between(Instant.EPOCH, at).forEach((hourMs, microwattHours) ->
                ledger.addHour(hourMs, microwattHours / (double) Units.MICROWATT_HOURS_PER_WATT_HOUR));
        PeriodForecast forecast = PeriodEndForecaster.forecast(ledger, LocalDate.ofInstant(periodStart, zone),
                LocalDate.ofInstant(periodEndExclusive, zone), LocalDate.ofInstant(at, zone));
        long profileMicrowattHours = profile.totalMicrowattHours();
        if (forecast.historyDays() == 0 || profileMicrowattHours <= 0) {
            return profile;
        }
        double usedMicrowattHours = usage.between(periodStart, at).totalMicrowattHours();
        double remaining = Math.max(0, forecast.expectedEnergyWattHours() * Units.MICROWATT_HOURS_PER_WATT_HOUR
                - usedMicrowattHours);
        double scale = remaining / profileMicrowattHours;
        return profile.mapEnergy(microwattHours -> Math.round(microwattHours * scale));
    }
}
