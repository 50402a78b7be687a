package io.gridpulse.tariff.internal;

import io.gridpulse.tariff.BillingPeriod;
import io.gridpulse.tariff.HourlyUsage;
import io.gridpulse.tariff.RealTimeBill.TierStatus;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Where a period's energy stands against the tier limits in force on a given day. */
public final class TierTracker {
    private static final long MICROWATT_HOURS_PER_KWH = 1_000_000_000L;

    private TierTracker() {}

    /**
     * @param soFarMicrowattHours energy since the period start
     * @param future projected remaining energy, hour buckets ascending
     */
    public static TierStatus status(Tariff tariff, BillingPeriod period, LocalDate day, long soFarMicrowattHours,
                                    HourlyUsage future, ZoneId zone) {
        LocalDate inPeriod = day.isAfter(period.end()) ? period.end() : day.isBefore(period.start()) ? period.start() : day;
        TariffVersion version = tariff.versionOn(inPeriod);
        if (!(version.energy() instanceof TieredEnergy energy) || energy.limitsKwh(version.seasonOn(inPeriod)).isEmpty()) {
            return new TierStatus(1, null, null, 1, false, null);
        }
        List<Rational> limits = TieredPricer.scaledLimits(energy, version.seasonOn(inPeriod), period);
        Rational soFar = Rational.of(soFarMicrowattHours, MICROWATT_HOURS_PER_KWH);
        int current = tierOf(soFar, limits);
        int projected = tierOf(soFar.plus(Rational.of(future.totalMicrowattHours(), MICROWATT_HOURS_PER_KWH)), limits);
        boolean superUser = energy.superUserTier() != null && projected >= energy.superUserTier();
        if (current > limits.size()) {
            return new TierStatus(current, null, null, projected, superUser, null);
        }
        Rational next = limits.get(current - 1);
        return new TierStatus(current, next.minus(soFar).toDecimal(3, RoundingMode.UP), crossingDate(soFarMicrowattHours, next, future, zone),
                projected, superUser, next.toDisplay(3));
    }

    /** 1 + number of limits the energy is above. */
    static int tierOf(Rational kwh, List<Rational> limits) {
        int tier = 1;
        for (Rational limit : limits) {
            if (kwh.compareTo(limit) > 0) {
                tier++;
            }
        }
        return tier;
    }

    private static LocalDate crossingDate(long soFar, Rational limitKwh, HourlyUsage future, ZoneId zone) {
        // whole microwatt-hours above the limit ⇔ above its floor: one exact conversion, not one per hour
        long limitMicrowattHours = limitKwh.times(MICROWATT_HOURS_PER_KWH).roundToStep(1, RoundingMode.FLOOR);
        long cumulative = soFar;
        for (int i = 0; i < future.size(); i++) {
            cumulative += future.microwattHours(i);
            if (cumulative > limitMicrowattHours) {
                return LocalDate.ofInstant(Instant.ofEpochMilli(future.hourStartMs(i)), zone);
            }
        }
        return null;
    }
}
