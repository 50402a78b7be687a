package io.gridpulse.tariff.internal;

import io.gridpulse.core.InvalidInputException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A tariff as loaded from its data file: dated versions of energy prices plus the adders,
 * deductions, taxes and rounding steps that turn them into a bill.
 *
 * @param billedEnergyStepKwh the period energy is rounded half-up to a multiple of this many kWh
 *     before pricing (KEPCO meters bill whole kWh), or null for no rounding
 * @param deduction a usage-conditional deduction, or null
 * @param fund the second levy after VAT (전력산업기반기금), or null
 */
public record Tariff(String id, LocalizedText name, ZoneId zone, BigDecimal billedEnergyStepKwh,
                     List<TariffVersion> versions, List<PerKwhCharge> perKwhCharges, Deduction deduction,
                     TaxRule vat, TaxRule fund, RoundingRule chargeRounding, RoundingRule totalRounding) {
    public Tariff {
        versions = List.copyOf(versions);
        perKwhCharges = List.copyOf(perKwhCharges);
    }

    /** The version in force on a day of usage. */
    public TariffVersion versionOn(LocalDate date) {
        TariffVersion found = null;
        for (TariffVersion version : versions) {
            if (version.effectiveFrom().isAfter(date)) {
                break;
            }
            found = version;
        }
        if (found == null) {
            throw new InvalidInputException("period", "tariff " + id + " has no rates before "
                    + versions.getFirst().effectiveFrom() + " (asked for " + date + ")");
        }
        return found;
    }

    public boolean isTiered() {
        return versions.getFirst().energy() instanceof TieredEnergy;
    }
}
