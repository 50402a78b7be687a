package io.gridpulse.store;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.Step;

/** The fixed-length rollups kept on ingest; calendar steps (day, month) are summed from these. */
public enum RollupLevel {
    MINUTE(1, 60_000L),
    FIFTEEN_MINUTES(2, 900_000L),
    HOUR(3, 3_600_000L);

    private final int id;
    private final long lengthMs;

    RollupLevel(int id, long lengthMs) {
        this.id = id;
        this.lengthMs = lengthMs;
    }

    public int id() {
        return id;
    }

    public long lengthMs() {
        return lengthMs;
    }

    public long bucketStart(long timestampMs) {
        return Math.floorDiv(timestampMs, lengthMs) * lengthMs;
    }

    public static RollupLevel of(Step step) {
        return switch (step) {
            case ONE_MINUTE -> MINUTE;
            case FIFTEEN_MINUTES -> FIFTEEN_MINUTES;
            case ONE_HOUR -> HOUR;
            default -> throw new InvalidInputException("step", "step " + step.label() + " is not a fixed rollup");
        };
    }
}
