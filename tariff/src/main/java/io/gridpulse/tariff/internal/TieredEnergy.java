package io.gridpulse.tariff.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Progressive (block) pricing of a period's total energy, with a basic charge chosen by the
 * highest tier reached. A flat tariff is the case of no limits at all.
 *
 * @param limitsKwhBySeason upper kWh bound of each tier but the last, per season name; a season
 *     with fewer limits has fewer tiers (e.g. no super-user block outside summer and winter)
 * @param wonPerKwh energy rate of tier 1, 2, ... in won/kWh
 * @param basicChargeWon basic charge per month when the period's usage ends in tier 1, 2, ...
 * @param superUserTier 1-based tier that counts as "super user" for alerts, or null
 * @param tierNames display names of tiers, by 1-based index minus one
 */
public record TieredEnergy(Map<String, List<BigDecimal>> limitsKwhBySeason, List<BigDecimal> wonPerKwh,
                           List<BigDecimal> basicChargeWon, Integer superUserTier,
                           List<LocalizedText> tierNames) implements EnergyCharge {
    public TieredEnergy {
        limitsKwhBySeason = Map.copyOf(limitsKwhBySeason);
        wonPerKwh = List.copyOf(wonPerKwh);
        basicChargeWon = List.copyOf(basicChargeWon);
        tierNames = List.copyOf(tierNames);
    }

    public List<BigDecimal> limitsKwh(String season) {
        return limitsKwhBySeason.get(season);
    }

    public int tierCount() {
        return wonPerKwh.size();
    }
}
