package io.gridpulse.tariff.internal;

import io.gridpulse.tariff.HourlyUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time-of-use pricing: every hour bucket is priced at the rate of the version, season and band
 * in force at its local start time. Nothing is rounded here.
 */
public final class TimeOfUsePricer {
    private static final long MICROWATT_HOURS_PER_KWH = 1_000_000_000L;

    private TimeOfUsePricer() {}

    public static EnergyPrice price(Tariff tariff, HourlyUsage periodUsage, ZoneId zone) {
        Map<String, PricedPart> parts = new LinkedHashMap<>();
        periodUsage.forEach((hourStartMs, microwattHours) -> {
            LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(hourStartMs), zone);
            TariffVersion version = tariff.versionOn(local.toLocalDate());
            TimeOfUseEnergy energy = (TimeOfUseEnergy) version.energy();
            String season = version.seasonOn(local.toLocalDate());
            String band = energy.band(season, local.getHour());
            BigDecimal rate = energy.wonPerKwh(season, band);
            Rational kwh = Rational.of(microwattHours, MICROWATT_HOURS_PER_KWH);
            parts.merge(band, new PricedPart("energy." + band, energy.bandNames().get(band), kwh, kwh.times(rate), rate),
                    (old, added) -> old.add(added.kwh(), added.amountWon(), rate));
        });
        return new EnergyPrice(Rational.ZERO, List.copyOf(parts.values()));
    }
}
