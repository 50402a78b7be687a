package io.gridpulse.tariff.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Consistency checks run on every tariff and schedule at load time. */
final class TariffValidator {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Set<String> UNITS = Set.of("wonPerKwh", "rate", "won");

    private TariffValidator() {}

    static void validate(Schedule schedule, JsonReader at) {
        if (!UNITS.contains(schedule.unit())) {
            throw at.error("unit must be one of " + UNITS);
        }
        if (schedule.steps().isEmpty()) {
            throw at.error("a schedule needs at least one step");
        }
        for (int i = 1; i < schedule.steps().size(); i++) {
            if (!schedule.steps().get(i).from().isAfter(schedule.steps().get(i - 1).from())) {
                throw at.error("steps must have strictly increasing 'from' dates");
            }
        }
    }

    static void validate(Tariff tariff) {
        String where = "tariff " + tariff.id() + ": ";
        check(ID.matcher(tariff.id()).matches(), where + "id must be lower-case letters, digits and '-'");
        check(!tariff.versions().isEmpty(), where + "needs at least one version");
        check(tariff.billedEnergyStepKwh() == null || tariff.billedEnergyStepKwh().signum() > 0,
                where + "billedEnergyStepKwh must be > 0");
        LocalDate previous = null;
        for (TariffVersion version : tariff.versions()) {
            check(previous == null || version.effectiveFrom().isAfter(previous),
                    where + "versions must have strictly increasing effectiveFrom dates");
            check(version.energy().getClass() == tariff.versions().getFirst().energy().getClass(),
                    where + "all versions must use the same energy type");
            validate(version, where + "version " + version.effectiveFrom() + ": ");
            previous = version.effectiveFrom();
        }
        for (Schedule schedule : schedulesOf(tariff)) {
            check(!schedule.firstDate().isAfter(tariff.versions().getFirst().effectiveFrom()),
                    where + "schedule " + schedule.name() + " starts after the first version");
        }
    }

    private static List<Schedule> schedulesOf(Tariff tariff) {
        List<Schedule> schedules = new ArrayList<>();
        tariff.perKwhCharges().forEach(c -> schedules.add(c.schedule()));
        schedules.add(tariff.vat().rate());
        if (tariff.fund() != null) {
            schedules.add(tariff.fund().rate());
        }
        if (tariff.deduction() != null) {
            schedules.add(tariff.deduction().limitWon());
        }
        return schedules;
    }

    private static void validate(TariffVersion version, String where) {
        version.fixedCharges().forEach(f -> check(f.amountWon().signum() >= 0, where + f.item() + " must not be negative"));
        switch (version.energy()) {
            case TieredEnergy tiered -> validate(tiered, where);
            case TimeOfUseEnergy tou -> validate(tou, where);
        }
    }

    private static void validate(TieredEnergy energy, String where) {
        int tiers = energy.tierCount();
        check(tiers >= 1, where + "needs at least one energy rate");
        energy.wonPerKwh().forEach(rate -> check(rate.signum() >= 0, where + "rates must not be negative"));
        check(energy.basicChargeWon().size() == tiers, where + "basicChargeWon needs one amount per tier");
        check(energy.tierNames().size() >= tiers, where + "tierNames needs one name per tier");
        energy.limitsKwhBySeason().forEach((season, limits) -> {
            check(limits.size() < tiers, where + season + " has more limits than rates allow");
            BigDecimal last = BigDecimal.ZERO;
            for (BigDecimal limit : limits) {
                check(limit.compareTo(last) > 0, where + season + " limits must be positive and increasing");
                last = limit;
            }
        });
        check(energy.superUserTier() == null || (energy.superUserTier() >= 1 && energy.superUserTier() <= tiers),
                where + "superUserTier must be a tier");
    }

    private static void validate(TimeOfUseEnergy energy, String where) {
        energy.bandOfHourBySeason().forEach((season, bands) -> {
            for (String band : Set.copyOf(bands)) {
                BigDecimal rate = energy.wonPerKwhBySeason().get(season).get(band);
                check(rate != null && rate.signum() >= 0, where + season + " has no rate for band " + band);
            }
        });
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new TariffDataException(message);
        }
    }
}
