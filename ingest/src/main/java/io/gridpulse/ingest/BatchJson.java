package io.gridpulse.ingest;

import io.gridpulse.core.Reading;
import java.math.BigDecimal;
import java.util.List;

/**
 * Writes readings in the batch JSON that {@link BatchParser} reads (HTTP and MQTT payloads):
 * {@code {"readings":[{"ts":…,"powerW":…,"energyWh":…}]}}, watts and watt-hours as exact decimals.
 */
public final class BatchJson {
    private BatchJson() {}

    public static String of(List<Reading> readings) {
        StringBuilder sb = new StringBuilder(16 + readings.size() * 64).append("{\"readings\":[");
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"ts\":").append(r.timestampMs())
                    .append(",\"powerW\":").append(BigDecimal.valueOf(r.powerMilliwatts(), 3).toPlainString());
            if (r.hasEnergy()) {
                sb.append(",\"energyWh\":").append(BigDecimal.valueOf(r.energyMilliwattHours(), 3).toPlainString());
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }
}
