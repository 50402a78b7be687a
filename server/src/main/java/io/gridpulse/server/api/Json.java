package io.gridpulse.server.api;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON views of domain values: watts and watt-hours as decimals, timestamps as epoch ms. */
final class Json {
    private Json() {}

    /** Watts with up to 3 decimals, exact (the stored milliwatts). */
    static BigDecimal watts(long milliwatts) {
        return BigDecimal.valueOf(milliwatts, 3).stripTrailingZeros();
    }

    static Map<String, Object> reading(Reading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", r.timestampMs());
        m.put("powerW", watts(r.powerMilliwatts()));
        if (r.hasEnergy()) {
            m.put("energyWh", BigDecimal.valueOf(r.energyMilliwattHours(), 3).stripTrailingZeros());
        }
        return m;
    }

    static Map<String, Object> rollup(Rollup r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", r.bucketStartMs());
        m.put("avgW", watts(Math.round(r.averagePowerMilliwatts())));
        m.put("minW", r.samples() == 0 ? null : watts(r.minPowerMilliwatts()));
        m.put("maxW", r.samples() == 0 ? null : watts(r.maxPowerMilliwatts()));
        m.put("energyWh", wattHours(r.energyNanowattHours()));
        m.put("samples", r.samples());
        return m;
    }

    /** Watt-hours rounded (half-up) to the milliwatt-hour. */
    static BigDecimal wattHours(long nanowattHours) {
        return BigDecimal.valueOf(nanowattHours, 9).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
