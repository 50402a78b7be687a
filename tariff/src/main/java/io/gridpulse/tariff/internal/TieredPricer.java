package io.gridpulse.tariff.internal;

import io.gridpulse.tariff.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KEPCO 누진제 pricing with day-based pro-rating (일수계산): the whole period's kWh is split into
 * tiers against each day-group's seasonal limits (scaled by days / 월력일수 for irregular periods);
 * each tier's kWh is priced at the group's rate and weighted by group days / period days; the basic
 * charge of the tier reached is weighted by group days / 월력일수. Nothing is rounded here.
 */
public final class TieredPricer {
    private record Group(TariffVersion version, String season) {}

    private TieredPricer() {}

    public static EnergyPrice price(Tariff tariff, BillingPeriod period, Rational kwh) {
        Map<Group, Integer> groups = Days.countBy(period, day -> groupOf(tariff, day));
        Map<Integer, PricedPart> parts = new LinkedHashMap<>();
        Rational basic = Rational.ZERO;
        for (Map.Entry<Group, Integer> entry : groups.entrySet()) {
            TieredEnergy energy = (TieredEnergy) entry.getKey().version().energy();
            List<Rational> tierKwh = split(kwh, scaledLimits(energy, entry.getKey().season(), period));
            addParts(parts, energy, tierKwh, Days.energyWeight(entry.getValue(), period));
            BigDecimal basicWon = energy.basicChargeWon().get(reachedTier(tierKwh) - 1);
            basic = basic.plus(Days.monthWeight(entry.getValue(), period).times(basicWon));
        }
        return new EnergyPrice(basic, List.copyOf(parts.values()));
    }

    /** Tier limits of a season in kWh, scaled to the period length (1 for a regular period). */
    public static List<Rational> scaledLimits(TieredEnergy energy, String season, BillingPeriod period) {
        Rational scale = Rational.of(period.days(), period.monthDays());
        return energy.limitsKwh(season).stream().map(limit -> scale.times(limit)).toList();
    }

    /** kWh falling into each block; one more entry than limits. */
    public static List<Rational> split(Rational kwh, List<Rational> limits) {
        List<Rational> perTier = new ArrayList<>();
        Rational lower = Rational.ZERO;
        for (Rational upper : limits) {
            perTier.add(kwh.minus(lower).clamp(Rational.ZERO, upper.minus(lower)));
            lower = upper;
        }
        perTier.add(kwh.minus(lower).max(Rational.ZERO));
        return perTier;
    }

    /** 1-based tier of the last block with energy in it; tier 1 when there is none. */
    public static int reachedTier(List<Rational> tierKwh) {
        for (int i = tierKwh.size() - 1; i > 0; i--) {
            if (tierKwh.get(i).signum() > 0) {
                return i + 1;
            }
        }
        return 1;
    }

    private static void addParts(Map<Integer, PricedPart> parts, TieredEnergy energy, List<Rational> tierKwh,
                                 Rational weight) {
        for (int i = 0; i < tierKwh.size(); i++) {
            if (tierKwh.get(i).signum() == 0) {
                continue;
            }
            BigDecimal rate = energy.wonPerKwh().get(i);
            Rational kwh = tierKwh.get(i).times(weight);
            Rational won = kwh.times(rate);
            int tier = i + 1;
            parts.merge(tier, new PricedPart("energy.tier" + tier, energy.tierNames().get(i), kwh, won, rate),
                    (old, added) -> old.add(kwh, won, rate));
        }
    }

    private static Group groupOf(Tariff tariff, LocalDate day) {
        TariffVersion version = tariff.versionOn(day);
        return new Group(version, version.seasonOn(day));
    }
}
