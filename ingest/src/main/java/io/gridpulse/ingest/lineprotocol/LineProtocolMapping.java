package io.gridpulse.ingest.lineprotocol;

import java.math.BigDecimal;
import java.util.List;

/**
 * Which line-protocol points are readings and where their values are. The default fits a
 * Telegraf config written for GridPulse: {@code power,meter=<id> powerW=…|value=…[,energyWh=…]}.
 * Home Assistant's InfluxDB integration writes {@code W,entity_id=<id> value=…} (or {@code kW}):
 * measurement {@code W}, meter tag {@code entity_id}, unit W (or measurement {@code kW}, unit kW).
 *
 * @param measurement points of other measurements are skipped and counted
 * @param meterTag the tag holding the meter id
 * @param powerFields fields tried in order for active power
 * @param energyField optional cumulative import register, in Wh (or kWh when {@code kilo})
 * @param kilo true when the values are kW / kWh instead of W / Wh
 */
public record LineProtocolMapping(String measurement, String meterTag, List<String> powerFields, String energyField,
                                  boolean kilo) {
    public static final LineProtocolMapping DEFAULT =
            new LineProtocolMapping("power", "meter", List.of("powerW", "value"), "energyWh", false);

    public LineProtocolMapping {
        if (blank(measurement) || blank(meterTag) || powerFields.isEmpty() || powerFields.stream().anyMatch(LineProtocolMapping::blank)
                || blank(energyField)) {
            throw new IllegalArgumentException("line-protocol mapping needs a measurement, a meter tag, power field(s) and an energy field");
        }
        powerFields = List.copyOf(powerFields);
    }

    /** The value in W / Wh, as the meter's unit says. */
    BigDecimal toBaseUnit(BigDecimal value) {
        return kilo ? value.movePointRight(3) : value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
