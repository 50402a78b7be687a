package io.gridpulse.server.meter;

import io.gridpulse.core.InvalidInputException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A meter's household settings, typed and validated: tariff, meter-reading day (검침일; 0 means
 * month end), time zone, display name and optional monthly budget in won.
 */
public record MeterSettings(String tariffId, int meterReadingDay, ZoneId zone, String name, Long budgetWon) {
    public static final String DEFAULT_TARIFF = "kepco-residential-low";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Seoul");

    public MeterSettings {
        if (meterReadingDay < 0 || meterReadingDay > 28) {
            throw new InvalidInputException("meterReadingDay", "meterReadingDay must be 1-28, or 0 for month end");
        }
        if (budgetWon != null && budgetWon < 0) {
            throw new InvalidInputException("budgetWon", "budgetWon must not be negative");
        }
    }

    public static MeterSettings fromMap(Map<String, String> m) {
        return new MeterSettings(m.getOrDefault("tariffId", DEFAULT_TARIFF),
                intValue(m.getOrDefault("meterReadingDay", "1"), "meterReadingDay"),
                zone(m.getOrDefault("timezone", DEFAULT_ZONE.getId())), m.getOrDefault("name", ""),
                m.containsKey("budgetWon") ? (long) intValue(m.get("budgetWon"), "budgetWon") : null);
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tariffId", tariffId);
        m.put("meterReadingDay", Integer.toString(meterReadingDay));
        m.put("timezone", zone.getId());
        m.put("name", name);
        if (budgetWon != null) {
            m.put("budgetWon", Long.toString(budgetWon));
        }
        return m;
    }

    /** These settings with the given fields (from a JSON body) replaced; absent fields keep their value. */
    public MeterSettings merge(Map<String, Object> changes) {
        Map<String, String> m = toMap();
        changes.forEach((k, v) -> {
            if (!m.containsKey(k) && !k.equals("budgetWon")) {
                throw new InvalidInputException(k, "unknown setting '" + k + "'; use tariffId, meterReadingDay, timezone, name, budgetWon");
            }
            if (v == null) {
                m.remove(k);
            } else {
                m.put(k, String.valueOf(v));
            }
        });
        return fromMap(m);
    }

    private static int intValue(String text, String field) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " must be an integer, got '" + text + "'");
        }
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new InvalidInputException("timezone", "unknown time zone '" + id + "'");
        }
    }
}
