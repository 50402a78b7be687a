package io.gridpulse.analytics.standby;

import java.time.YearMonth;

/**
 * Always-on power and energy of one local month.
 *
 * @param month the local month
 * @param days days with an estimate
 * @param encoredBaseloadWatts mean of the days' lowest 15-minute means (Encored's method), W
 * @param baseloadWatts median of the days' robust night estimates, W
 * @param standbyEnergyWattHours robust baseload × 24 h × days with an estimate, Wh
 * @param projectedMonthEnergyWattHours robust baseload × 24 h × days in the month, Wh
 */
public record MonthlyStandby(YearMonth month, int days, double encoredBaseloadWatts, double baseloadWatts,
                             double standbyEnergyWattHours, double projectedMonthEnergyWattHours) {
}
