package io.gridpulse.tariff.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A JSON node plus its path, so that every data error names the file and field it is about. */
final class JsonReader {
    private final JsonNode node;
    private final String path;

    JsonReader(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    JsonReader get(String field) {
        return opt(field).orElseThrow(() -> error("missing field '" + field + "'"));
    }

    Optional<JsonReader> opt(String field) {
        JsonNode child = node.get(field);
        return child == null || child.isNull() ? Optional.empty() : Optional.of(new JsonReader(child, path + "." + field));
    }

    String text() {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw error("expected a non-empty string");
        }
        return node.asText();
    }

    /** A decimal written as a string ("88.3") or a number; never goes through double. */
    BigDecimal decimal() {
        try {
            return node.isNumber() ? node.decimalValue() : new BigDecimal(text());
        } catch (NumberFormatException e) {
            throw error("expected a decimal number");
        }
    }

    long longValue() {
        if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw error("expected an integer");
        }
        return node.longValue();
    }

    int intValue() {
        return Math.toIntExact(longValue());
    }

    LocalDate date() {
        try {
            return LocalDate.parse(text());
        } catch (DateTimeParseException e) {
            throw error("expected a date yyyy-mm-dd");
        }
    }

    List<JsonReader> list() {
        if (!node.isArray()) {
            throw error("expected an array");
        }
        List<JsonReader> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(new JsonReader(node.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    Map<String, JsonReader> fields() {
        if (!node.isObject()) {
            throw error("expected an object");
        }
        Map<String, JsonReader> fields = new LinkedHashMap<>();
        node.properties().forEach(e -> fields.put(e.getKey(), new JsonReader(e.getValue(), path + "." + e.getKey())));
        return fields;
    }

    LocalizedText label() {
        return new LocalizedText(opt("ko").map(JsonReader::text).orElse(null),
                opt("en").map(JsonReader::text).orElse(null));
    }

    String path() {
        return path;
    }

    TariffDataException error(String message) {
        return new TariffDataException(path + ": " + message);
    }
}
