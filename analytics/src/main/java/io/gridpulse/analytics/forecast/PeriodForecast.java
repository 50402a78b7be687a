package io.gridpulse.analytics.forecast;

import java.time.LocalDate;

/**
 * Projected energy of a billing period.
 *
 * @param periodStart first local day of the period
 * @param periodEnd first local day after the period
 * @param asOf first day not yet complete (days before it are "so far")
 * @param energySoFarWattHours measured energy of [periodStart, asOf), Wh
 * @param expectedEnergyWattHours projected energy of the whole period, Wh
 * @param naiveEnergyWattHours average-so-far × period days, Wh (the reference projection)
 * @param weekdayDailyWattHours expected energy of a remaining weekday, Wh
 * @param weekendDailyWattHours expected energy of a remaining weekend day, Wh
 * @param historyDays complete days the projection learned from
 */
public record PeriodForecast(LocalDate periodStart, LocalDate periodEnd, LocalDate asOf, double energySoFarWattHours,
                             double expectedEnergyWattHours, double naiveEnergyWattHours,
                             double weekdayDailyWattHours, double weekendDailyWattHours, int historyDays) {
}
