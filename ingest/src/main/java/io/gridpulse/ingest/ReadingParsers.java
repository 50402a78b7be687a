package io.gridpulse.ingest;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Reading;
import io.gridpulse.core.Units;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Field-level parsing shared by every payload format: timestamps, watts, watt-hours. */
public final class ReadingParsers {
    /** Power beyond this is almost certainly a unit mistake (kW vs W) or garbage. */
    public static final long MAX_ABS_POWER_MILLIWATTS = 10_000_000_000L; // 10 MW

    private ReadingParsers() {}

    /** Epoch milliseconds, or ISO-8601 with an offset ({@code 2024-01-01T09:00:00+09:00} / {@code Z}). */
    public static long parseTimestamp(String text) {
        if (text.isEmpty()) {
            throw new InvalidInputException("ts", "timestamp is missing");
        }
        if (isInteger(text)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("ts", "timestamp " + text + " is out of range");
            }
        }
        Instant instant;
        try {
            instant = isoInstant(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("ts", "timestamp '" + text + "' is neither epoch ms nor ISO-8601 with offset");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) { // a year like -922337026 parses, but no long holds its milliseconds
            throw new InvalidInputException("ts", "timestamp '" + text + "' is out of range");
        }
    }

    private static Instant isoInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(text);
        }
    }

    /** Watts as decimal text to milliwatts; rejects NaN, Infinity, non-numbers and absurd values. */
    public static long parseWatts(String text, String field) {
        return checkedPower(decimal(text, field), field);
    }

    public static long checkedPower(BigDecimal watts, String field) {
        long milliwatts;
        try {
            milliwatts = Units.wattsToMilliwatts(watts);
        } catch (ArithmeticException e) {
            throw new InvalidInputException(field, "power " + watts + " W is out of range");
        }
        if (Math.abs(milliwatts) > MAX_ABS_POWER_MILLIWATTS) {
            throw new InvalidInputException(field, "power " + watts + " W exceeds 10 MW; is it in W (not mW)?");
        }
        return milliwatts;
    }

    /** Cumulative energy register in Wh to mWh; must not be negative. */
    public static long checkedEnergy(BigDecimal wattHours) {
        if (wattHours.signum() < 0) {
            throw new InvalidInputException("energyWh", "energy register must not be negative: " + wattHours);
        }
        try {
            return Units.wattHoursToMilliwattHours(wattHours);
        } catch (ArithmeticException e) {
            throw new InvalidInputException("energyWh", "energy register " + wattHours + " Wh is out of range");
        }
    }

    /** A reading from text fields; empty energy means none. */
    public static Reading reading(String ts, String powerW, String energyWh) {
        long timestamp = parseTimestamp(ts);
        long power = parseWatts(powerW, "powerW");
        long energy = energyWh.isEmpty() ? Reading.NO_ENERGY : checkedEnergy(decimal(energyWh, "energyWh"));
        return new Reading(timestamp, power, energy);
    }

    static BigDecimal decimal(String text, String field) {
        if (text.isEmpty()) {
            throw new InvalidInputException(field, field + " is missing");
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " '" + text + "' is not a number");
        }
    }

    private static boolean isInteger(String text) {
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
