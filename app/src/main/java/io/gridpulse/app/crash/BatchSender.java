package io.gridpulse.app.crash;

import io.gridpulse.core.Reading;
import java.math.BigDecimal;
import java.util.List;

/** Sends one meter's batch to a running server; returns only when the server acknowledged it. */
interface BatchSender extends AutoCloseable {
    /** True once acknowledged (HTTP 200 / MQTT PUBACK); false or an exception if not. */
    boolean send(String meterId, List<Reading> batch) throws Exception;

    @Override
    void close();

    /** The HTTP/MQTT JSON batch: {@code {"readings":[{"ts","powerW","energyWh"}...]}}, exact decimals. */
    static String json(List<Reading> batch) {
        StringBuilder sb = new StringBuilder(batch.size() * 64).append("{\"readings\":[");
        for (int i = 0; i < batch.size(); i++) {
            Reading r = batch.get(i);
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
