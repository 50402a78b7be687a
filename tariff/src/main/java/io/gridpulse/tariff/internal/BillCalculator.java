package io.gridpulse.tariff.internal;

import io.gridpulse.core.Units;
import io.gridpulse.tariff.Bill;
import io.gridpulse.tariff.BillLine;
import io.gridpulse.tariff.BillingPeriod;
import io.gridpulse.tariff.HourlyUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a period's usage into a bill under one tariff, following the official steps:
 * each charge rounded (원 미만 절사), 전기요금계 = sum of charges - deductions, VAT and fund on
 * 전기요금계 with their own rounding, 청구금액 rounded (10원 미만 절사). Pure function.
 */
public final class BillCalculator {
    static final LocalizedText BASIC = new LocalizedText("기본요금", "Basic charge");
    static final LocalizedText ENERGY = new LocalizedText("전력량요금", "Energy charge");
    static final LocalizedText SUBTOTAL = new LocalizedText("전기요금계", "Electricity charge (subtotal)");
    static final LocalizedText TOTAL = new LocalizedText("청구금액", "Amount billed");
    private static final long MICROWATT_HOURS_PER_KWH = 1_000_000_000L;

    private BillCalculator() {}

    /**
     * @param periodUsage usage of the period only (buckets starting inside it)
     * @param zone the site's zone, to place hour buckets on local days and hours
     */
    public static Bill calculate(Tariff tariff, BillingPeriod period, HourlyUsage periodUsage, ZoneId zone) {
        long microwattHours = periodUsage.totalMicrowattHours();
        Rational kwh = billedKwh(tariff, microwattHours);
        EnergyPrice energy = tariff.isTiered()
                ? TieredPricer.price(tariff, period, kwh)
                : TimeOfUsePricer.price(tariff, periodUsage, zone);
        LineList lines = new LineList(tariff.chargeRounding());
        addFixedCharges(lines, tariff, period, energy.basicWon());
        addEnergy(lines, energy);
        for (PerKwhCharge charge : tariff.perKwhCharges()) {
            lines.charge(charge.item(), charge.label(), perKwh(charge, period, kwh), kwh, null);
        }
        addDeduction(lines, tariff, period, kwh);
        return finish(tariff, period, microwattHours, kwh, lines);
    }

    private static Rational billedKwh(Tariff tariff, long microwattHours) {
        if (tariff.billedEnergyStepKwh() == null) {
            return Rational.of(microwattHours, MICROWATT_HOURS_PER_KWH);
        }
        BigDecimal step = tariff.billedEnergyStepKwh();
        BigDecimal kwh = BigDecimal.valueOf(microwattHours, 9);
        return Rational.of(kwh.divide(step, 0, RoundingMode.HALF_UP).multiply(step));
    }

    private static void addFixedCharges(LineList lines, Tariff tariff, BillingPeriod period, Rational tieredBasicWon) {
        Map<String, Rational> amounts = new LinkedHashMap<>();
        Map<String, LocalizedText> labels = new LinkedHashMap<>();
        if (tariff.isTiered()) {
            amounts.put("basic", tieredBasicWon);
            labels.put("basic", BASIC);
        }
        Days.countBy(period, tariff::versionOn).forEach((version, days) -> {
            for (FixedCharge fixed : version.fixedCharges()) {
                Rational weight = fixed.per() == FixedCharge.Per.DAY ? Rational.of(days) : Days.monthWeight(days, period);
                amounts.merge(fixed.item(), weight.times(fixed.amountWon()), Rational::plus);
                labels.putIfAbsent(fixed.item(), fixed.label());
            }
        });
        amounts.forEach((item, won) -> lines.charge(item, labels.get(item), won, null, null));
    }

    private static void addEnergy(LineList lines, EnergyPrice energy) {
        Rational kwh = energy.parts().stream().map(PricedPart::kwh).reduce(Rational.ZERO, Rational::plus);
        lines.charge("energy", ENERGY, energy.energyWon(), kwh, null);
        for (PricedPart part : energy.parts()) {
            lines.detail(part.item(), part.label(), part.amountWon(), part.kwh(), part.rateWonPerKwh());
        }
    }

    private static Rational perKwh(PerKwhCharge charge, BillingPeriod period, Rational kwh) {
        if (charge.proration() == PerKwhCharge.Proration.PERIOD_START) {
            return kwh.times(charge.schedule().valueOn(period.start()));
        }
        Rational won = Rational.ZERO;
        for (Map.Entry<BigDecimal, Integer> e : Days.countBy(period, charge.schedule()::valueOn).entrySet()) {
            won = won.plus(kwh.times(e.getKey()).times(Days.energyWeight(e.getValue(), period)));
        }
        return won;
    }

    private static void addDeduction(LineList lines, Tariff tariff, BillingPeriod period, Rational kwh) {
        Deduction deduction = tariff.deduction();
        if (deduction == null) {
            return;
        }
        Rational limit = Rational.ZERO;
        for (Map.Entry<BigDecimal, Integer> e : Days.countBy(period, deduction.limitWon()::valueOn).entrySet()) {
            limit = limit.plus(Days.monthWeight(e.getValue(), period).times(e.getKey()));
        }
        Rational maxKwh = Rational.of(period.days(), period.monthDays()).times(deduction.maxKwh());
        if (limit.signum() <= 0 || kwh.compareTo(maxKwh) > 0) {
            return;
        }
        Rational room = Rational.of(lines.chargesWon() - deduction.minimumChargeWon()).max(Rational.ZERO);
        lines.deduction(deduction.item(), deduction.label(), limit.min(room));
    }

    private static Bill finish(Tariff tariff, BillingPeriod period, long microwattHours, Rational kwh, LineList lines) {
        long subtotalWon = lines.chargesWon();
        lines.fixed("electricityCharge", SUBTOTAL, BillLine.SUBTOTAL, subtotalWon);
        long vatWon = tax(tariff.vat(), period, subtotalWon);
        lines.fixed(tariff.vat().item(), tariff.vat().label(), BillLine.TAX, vatWon);
        long fundWon = tariff.fund() == null ? 0 : tax(tariff.fund(), period, subtotalWon);
        if (tariff.fund() != null) {
            lines.fixed(tariff.fund().item(), tariff.fund().label(), BillLine.TAX, fundWon);
        }
        long totalWon = subtotalWon <= 0 ? 0
                : tariff.totalRounding().apply(Rational.of(subtotalWon + vatWon + fundWon));
        lines.fixed("total", TOTAL, BillLine.TOTAL, totalWon);
        return new Bill(tariff.id(), period, microwattHours / Units.MICROWATT_HOURS_PER_WATT_HOUR, kwh.toDisplay(3),
                lines.lines(), subtotalWon, vatWon, fundWon, totalWon, versionsUsed(tariff, period));
    }

    /** Levy on 전기요금계, weighed by days under each rate; nothing is levied on a sum <= 0. */
    private static long tax(TaxRule rule, BillingPeriod period, long subtotalWon) {
        if (subtotalWon <= 0) {
            return 0;
        }
        Rational sum = Rational.ZERO;
        for (Map.Entry<BigDecimal, Integer> e : Days.countBy(period, rule.rate()::valueOn).entrySet()) {
            Rational share = Rational.of(subtotalWon).times(e.getKey()).times(Days.energyWeight(e.getValue(), period));
            sum = sum.plus(rule.perRateRounding() == null ? share : Rational.of(rule.perRateRounding().apply(share)));
        }
        return rule.rounding().apply(sum);
    }

    private static List<String> versionsUsed(Tariff tariff, BillingPeriod period) {
        return new ArrayList<>(Days.countBy(period, day -> tariff.id() + "@" + tariff.versionOn(day).effectiveFrom()).keySet());
    }
}
