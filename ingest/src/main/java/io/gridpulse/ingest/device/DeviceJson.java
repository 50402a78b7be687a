package io.gridpulse.ingest.device;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridpulse.core.InvalidInputException;
import java.math.BigDecimal;

/** Small helpers to read required and optional numbers from device JSON with field-naming errors. */
final class DeviceJson {
    /** Powers of ten beyond any meter's readings, either way. */
    private static final int MAX_DECIMAL_EXPONENT = 40;

    private DeviceJson() {}

    /** A required number at {@code node.name}; {@code path} names it in errors. */
    static BigDecimal number(JsonNode node, String name, String path) {
        return value(node == null ? null : node.get(name), path);
    }

    /** A required number given the node itself. */
    static BigDecimal value(JsonNode value, String path) {
        if (value == null || value.isNull()) {
            throw new InvalidInputException(path, path + " is missing");
        }
        if (!value.isNumber()) {
            throw new InvalidInputException(path, path + " must be a number, got " + value);
        }
        BigDecimal number = value.decimalValue();
        // sums and unit changes come before the range checks: 1e99999999 + 5 would build every digit
        if (number.signum() != 0 && Math.abs(number.precision() - number.scale()) > MAX_DECIMAL_EXPONENT) {
            throw new InvalidInputException(path, path + " " + number + " is out of range");
        }
        return number;
    }

    /** An optional number, or null when absent. */
    static BigDecimal optionalNumber(JsonNode node, String name, String path) {
        JsonNode value = node == null ? null : node.get(name);
        return value == null || value.isNull() ? null : number(node, name, path);
    }

    static JsonNode object(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (value == null || !value.isObject()) {
            throw new InvalidInputException(path, path + " object is missing");
        }
        return value;
    }
}
