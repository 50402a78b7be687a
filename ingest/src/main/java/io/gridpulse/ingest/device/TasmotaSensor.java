package io.gridpulse.ingest.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.ReadingParsers;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Tasmota energy-monitor telemetry ({@code tele/<topic>/SENSOR}), e.g.
 *
 * <pre>{@code
 * {"Time":"2024-01-15T10:20:30","ENERGY":{"TotalStartTime":"2023-01-01T00:00:00",
 *  "Total":123.456,"Yesterday":1.2,"Today":0.5,"Power":345,"Voltage":230,"Current":1.5}}
 * }</pre>
 *
 * <p>{@code ENERGY.Power} W → mW (a per-channel array is summed); {@code ENERGY.Total} kWh → mWh;
 * {@code Time} is the device's local time (read in the given zone unless it carries an offset);
 * without {@code Time} the server clock is used.
 */
final class TasmotaSensor {
    private static final BigDecimal WH_PER_KWH = BigDecimal.valueOf(1000);

    private TasmotaSensor() {}

    static List<Reading> readings(JsonNode root, ZoneId zone, long nowMs) {
        JsonNode energy = DeviceJson.object(root, "ENERGY", "ENERGY");
        long powerMilliwatts = ReadingParsers.checkedPower(power(energy), "ENERGY.Power");
        BigDecimal totalKwh = DeviceJson.optionalNumber(energy, "Total", "ENERGY.Total");
        long energyMilliwattHours = totalKwh == null
                ? Reading.NO_ENERGY
                : ReadingParsers.checkedEnergy(totalKwh.multiply(WH_PER_KWH));
        return List.of(new Reading(timestampMs(root.get("Time"), zone, nowMs), powerMilliwatts, energyMilliwattHours));
    }

    private static BigDecimal power(JsonNode energy) {
        JsonNode power = energy.get("Power");
        if (power != null && power.isArray()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < power.size(); i++) {
                sum = sum.add(DeviceJson.value(power.get(i), "ENERGY.Power[" + i + "]"));
            }
            return sum;
        }
        return DeviceJson.number(energy, "Power", "ENERGY.Power");
    }

    private static long timestampMs(JsonNode time, ZoneId zone, long nowMs) {
        if (time == null || time.isNull()) {
            return nowMs;
        }
        String text = time.asText().trim();
        Instant instant;
        try {
            instant = instant(text, zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("Time", "Time '" + text + "' is not yyyy-MM-ddTHH:mm:ss");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) { // a year far from ours parses, but no long holds its milliseconds
            throw new InvalidInputException("Time", "Time '" + text + "' is out of range");
        }
    }

    /** Local time in the device's zone, or a time with its own offset. */
    private static Instant instant(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }
}
