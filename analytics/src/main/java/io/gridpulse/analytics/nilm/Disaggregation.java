package io.gridpulse.analytics.nilm;

import java.util.List;
import java.util.Optional;

/**
 * Result of {@link Nilm#disaggregate}: per appliance series, energy per day and on-periods on
 * the model's grid, plus the {@link #UNIDENTIFIED} remainder (aggregate minus all known
 * appliances, never negative) — loads the model has never seen end up there.
 *
 * @param stepMs grid step
 * @param timestampsMs grid ticks that had aggregate data
 * @param appliances known appliances in model order, then the remainder
 */
public record Disaggregation(long stepMs, long[] timestampsMs, List<ApplianceEstimate> appliances) {
    public static final String UNIDENTIFIED = "unidentified";

    public Disaggregation {
        appliances = List.copyOf(appliances);
    }

    public Optional<ApplianceEstimate> appliance(String name) {
        return appliances.stream().filter(a -> a.appliance().equals(name)).findFirst();
    }
}
