package io.gridpulse.tariff.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Time-of-use pricing: each local hour of the day belongs to a band per season, and each
 * (season, band) has a rate.
 *
 * @param bandOfHourBySeason per season, 24 band names indexed by local hour (0 = 00:00-01:00)
 * @param wonPerKwhBySeason per season, won/kWh of each band
 * @param bandNames display names of the bands
 */
public record TimeOfUseEnergy(Map<String, List<String>> bandOfHourBySeason,
                              Map<String, Map<String, BigDecimal>> wonPerKwhBySeason,
                              Map<String, LocalizedText> bandNames) implements EnergyCharge {
    public TimeOfUseEnergy {
        bandOfHourBySeason = Map.copyOf(bandOfHourBySeason);
        wonPerKwhBySeason = Map.copyOf(wonPerKwhBySeason);
        bandNames = Map.copyOf(bandNames);
    }

    public String band(String season, int hour) {
        return bandOfHourBySeason.get(season).get(hour);
    }

    public BigDecimal wonPerKwh(String season, String band) {
        return wonPerKwhBySeason.get(season).get(band);
    }
}
