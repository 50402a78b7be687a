package io.gridpulse.core;

import java.time.Duration;

/** Resolutions of a power or usage series. Fixed-length steps are rollups kept by the store. */
public enum Step {
    RAW("raw", 0),
    ONE_MINUTE("1m", 60_000L),
    FIFTEEN_MINUTES("15m", 900_000L),
    ONE_HOUR("1h", 3_600_000L),
    /** A calendar day in the meter's time zone (23–25 h on DST days). */
    ONE_DAY("1d", 86_400_000L),
    /** A calendar month in the meter's time zone. */
    ONE_MONTH("1M", 0);

    private final String label;
    private final long nominalMs;

    Step(String label, long nominalMs) {
        this.label = label;
        this.nominalMs = nominalMs;
    }

    public String label() {
        return label;
    }

    /** The bucket length for fixed steps; for 1d/1M the nominal length, 0 for raw and 1M. */
    public Duration nominal() {
        return Duration.ofMillis(nominalMs);
    }

    /** True for steps whose buckets follow the local calendar rather than a fixed length. */
    public boolean calendar() {
        return this == ONE_DAY || this == ONE_MONTH;
    }

    public static Step parse(String label) {
        for (Step s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new InvalidInputException("step", "unknown step '" + label + "'; use raw, 1m, 15m, 1h, 1d or 1M");
    }
}
