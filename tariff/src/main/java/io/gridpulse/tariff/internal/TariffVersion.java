package io.gridpulse.tariff.internal;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;

/**
 * The energy prices and fixed charges of a tariff from one effective date on (usage on or after
 * {@code effectiveFrom}, until the next version).
 *
 * @param seasonOfMonth season name of every calendar month
 */
public record TariffVersion(LocalDate effectiveFrom, String source, Map<Month, String> seasonOfMonth,
                            EnergyCharge energy, List<FixedCharge> fixedCharges) {
    public TariffVersion {
        seasonOfMonth = Map.copyOf(seasonOfMonth);
        fixedCharges = List.copyOf(fixedCharges);
    }

    public String seasonOn(LocalDate date) {
        return seasonOfMonth.get(date.getMonth());
    }
}
