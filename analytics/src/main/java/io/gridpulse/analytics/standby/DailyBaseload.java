package io.gridpulse.analytics.standby;

import java.time.LocalDate;

/**
 * Always-on power of one local day by two estimators.
 *
 * @param day the local calendar day
 * @param lowestQuarterHourWatts Encored's baseline: the day's lowest 15-minute mean power, W
 * @param nightLowPercentileWatts robust estimate: a low percentile of the 1-minute means during
 *     the night window (00:00–05:00 local), W; falls back to the whole day when the night is thin
 * @param nightMinutes covered 1-minute means the robust estimate used
 */
public record DailyBaseload(LocalDate day, double lowestQuarterHourWatts, double nightLowPercentileWatts,
                            int nightMinutes) {
}
