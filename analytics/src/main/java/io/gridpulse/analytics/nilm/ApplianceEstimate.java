package io.gridpulse.analytics.nilm;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One appliance's share of the aggregate, as estimated by a {@link NilmModel}.
 *
 * @param appliance label, or {@link Disaggregation#UNIDENTIFIED} for the remainder
 * @param powerMilliwatts estimated power at each tick of {@link Disaggregation#timestampsMs()}
 * @param energyMilliwattHoursByDay estimated energy per local day
 * @param onPeriods stretches with power above the appliance's on threshold (empty for the
 *     remainder)
 */
public record ApplianceEstimate(String appliance, long[] powerMilliwatts,
                                SortedMap<LocalDate, Long> energyMilliwattHoursByDay, List<OnPeriod> onPeriods) {
    public ApplianceEstimate {
        energyMilliwattHoursByDay = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(energyMilliwattHoursByDay));
        onPeriods = List.copyOf(onPeriods);
    }

    /** Total estimated energy. */
    public long energyMilliwattHours() {
        return energyMilliwattHoursByDay.values().stream().mapToLong(Long::longValue).sum();
    }
}
