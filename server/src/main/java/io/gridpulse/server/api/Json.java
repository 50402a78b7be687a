package io.gridpulse.server.api;

import io.gridpulse.core.Reading;
import io.gridpulse.core.Rollup;
import io.gridpulse.core.Units;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON views of domain values: watts and watt-hours as decimals, timestamps as epoch ms. */
final class Json {
    private Json() {}

    static double watts(long milliwatts) {
        return milliwatts / 1000.0;
    }

    static Map<String, Object> reading(Reading r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", r.timestampMs());
        m.put("powerW", watts(r.powerMilliwatts()));
        if (r.hasEnergy()) {
            m.put("energyWh", r.energyMilliwattHours() / 1000.0);
        }
        return m;
    }

    static Map<String, Object> rollup(Rollup r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", r.bucketStartMs());
        m.put("avgW", Math.round(r.averagePowerMilliwatts()) / 1000.0);
        m.put("minW", r.samples() == 0 ? null : watts(r.minPowerMilliwatts()));
        m.put("maxW", r.samples() == 0 ? null : watts(r.maxPowerMilliwatts()));
        m.put("energyWh", wattHours(r.energyNanowattHours()));
        m.put("samples", r.samples());
        return m;
    }

    /** Watt-hours rounded to the milliwatt-hour. */
    static double wattHours(long nanowattHours) {
        return Math.round(Units.nanowattHoursToWattHours(nanowattHours) * 1000.0) / 1000.0;
    }
}
