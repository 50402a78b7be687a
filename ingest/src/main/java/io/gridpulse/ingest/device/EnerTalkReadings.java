package io.gridpulse.ingest.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.ReadingParsers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * EnerTalk-style real-time usage in milli-units, one object, an array, or {@code {"items":[...]}}:
 *
 * <pre>{@code
 * {"timestamp":1700000000000,"activePower":1075412,"energy":123456789}
 * }</pre>
 *
 * <p>{@code activePower} mW (stored as is); {@code energy} or {@code positiveEnergy} mWh (optional
 * cumulative import register); {@code timestamp} epoch ms (required).
 */
final class EnerTalkReadings {
    private static final BigDecimal MILLI = BigDecimal.valueOf(1000);

    private EnerTalkReadings() {}

    static List<Reading> readings(JsonNode root) {
        JsonNode items = root.isObject() && root.has("items") ? root.get("items") : root;
        if (!items.isArray()) {
            return List.of(reading(items));
        }
        List<Reading> out = new ArrayList<>(items.size());
        for (int row = 0; row < items.size(); row++) {
            try {
                out.add(reading(items.get(row)));
            } catch (InvalidInputException e) {
                throw e.atRow(row);
            }
        }
        return out;
    }

    private static Reading reading(JsonNode item) {
        if (!item.isObject()) {
            throw new InvalidInputException("item", "each item must be an object {timestamp, activePower}");
        }
        JsonNode ts = item.get("timestamp");
        if (ts == null || !ts.isIntegralNumber()) {
            throw new InvalidInputException("timestamp", "timestamp (epoch ms) is missing or not an integer");
        }
        if (!ts.canConvertToLong()) {
            throw new InvalidInputException("timestamp", "timestamp " + ts + " is out of range");
        }
        BigDecimal milliwatts = DeviceJson.number(item, "activePower", "activePower");
        long power = ReadingParsers.checkedPower(milliwatts.divide(MILLI), "activePower");
        String energyField = item.has("energy") ? "energy" : "positiveEnergy";
        BigDecimal milliwattHours = DeviceJson.optionalNumber(item, energyField, energyField);
        long energy = milliwattHours == null
                ? Reading.NO_ENERGY
                : ReadingParsers.checkedEnergy(milliwattHours.divide(MILLI).setScale(3, RoundingMode.HALF_UP));
        return new Reading(ts.longValue(), power, energy);
    }
}
