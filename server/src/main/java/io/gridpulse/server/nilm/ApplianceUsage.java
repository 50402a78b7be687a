package io.gridpulse.server.nilm;

import io.gridpulse.analytics.nilm.OnPeriod;
import java.time.YearMonth;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One appliance's estimated use within a queried range.
 *
 * @param appliance model label, or {@code "unidentified"}
 * @param energyMilliwattHours estimated energy inside the range
 * @param energyMilliwattHoursByMonth the same split by calendar month of the meter's zone (for pricing)
 * @param onPeriods on-periods overlapping the range (one that began before it is reported whole)
 */
public record ApplianceUsage(String appliance, long energyMilliwattHours,
                             SortedMap<YearMonth, Long> energyMilliwattHoursByMonth, List<OnPeriod> onPeriods) {
    public ApplianceUsage {
        energyMilliwattHoursByMonth = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(energyMilliwattHoursByMonth));
        onPeriods = List.copyOf(onPeriods);
    }

    /** Mean power of an on-period in watts (its energy over its duration). */
    public static double averageWatts(OnPeriod p) {
        long durationMs = Math.max(1, p.endMs() - p.startMs());
        return p.energyMilliwattHours() * 3600.0 / durationMs;
    }
}
