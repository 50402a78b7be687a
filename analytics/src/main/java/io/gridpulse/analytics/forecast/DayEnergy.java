package io.gridpulse.analytics.forecast;

import java.time.LocalDate;

/**
 * Energy of one local day, with its hourly split.
 *
 * @param day the local day
 * @param energyWattHours energy of the covered minutes, Wh
 * @param coveredMinutes minutes with a power value (1,440 on a full, non-DST day)
 * @param hourlyWattHours energy per local hour of day (index = hour 0–23; DST repeats fold in), Wh
 */
public record DayEnergy(LocalDate day, double energyWattHours, int coveredMinutes, double[] hourlyWattHours) {
    /** Fraction of the day's minutes with a value. */
    public double coverage() {
        return coveredMinutes / 1440.0;
    }
}
