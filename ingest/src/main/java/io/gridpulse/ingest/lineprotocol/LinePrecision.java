package io.gridpulse.ingest.lineprotocol;

import io.gridpulse.core.InvalidInputException;
import java.util.Locale;

/**
 * Unit of the timestamps in a line-protocol request, as named by InfluxDB's {@code precision}
 * query parameter: v2 spells {@code ns|us|ms|s}, v1 spells {@code n|u|ms|s|m|h}. Both are accepted.
 */
public enum LinePrecision {
    NANOSECONDS(1_000_000L, 0),
    MICROSECONDS(1_000L, 0),
    MILLISECONDS(1L, 0),
    SECONDS(0, 1_000L),
    MINUTES(0, 60_000L),
    HOURS(0, 3_600_000L);

    private final long unitsPerMillisecond;
    private final long millisecondsPerUnit;

    LinePrecision(long unitsPerMillisecond, long millisecondsPerUnit) {
        this.unitsPerMillisecond = unitsPerMillisecond;
        this.millisecondsPerUnit = millisecondsPerUnit;
    }

    /** A timestamp in this precision as epoch milliseconds (sub-millisecond parts floored). */
    public long toEpochMillis(long timestamp) {
        if (millisecondsPerUnit > 0) {
            return Math.multiplyExact(timestamp, millisecondsPerUnit);
        }
        return Math.floorDiv(timestamp, unitsPerMillisecond);
    }

    /** The precision named by a query parameter; {@code null} or blank means nanoseconds. */
    public static LinePrecision parse(String name) {
        if (name == null || name.isBlank()) {
            return NANOSECONDS;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "ns", "n" -> NANOSECONDS;
            case "us", "u", "µs" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            case "m" -> MINUTES;
            case "h" -> HOURS;
            default -> throw new InvalidInputException("precision", "unknown precision '" + name + "'; use ns, us, ms or s");
        };
    }
}
