package io.gridpulse.bench.crash;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Deterministic 1 Hz readings: the value at (meter, timestamp) depends only on the seed, so a
 * re-sent or recovered reading can be checked exactly. Even meters carry an energy register.
 */
public final class SyntheticReadings {
    public static final long START_MS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    public static final long STEP_MS = 1000;
    /** The default tenant, so a server's admin key can write them too ({@code bench crash --via http|mqtt}). */
    public static final String TENANT = "default";

    private final long seed;
    private final long startMs;

    public SyntheticReadings(long seed) {
        this(seed, START_MS);
    }

    /** Readings whose second 0 is {@code startMs} (a server refuses timestamps far in the future). */
    public SyntheticReadings(long seed, long startMs) {
        this.seed = seed;
        this.startMs = startMs;
    }

    public static MeterRef meter(int index) {
        return MeterRef.of(TENANT, "m" + index);
    }

    public Reading at(int meterIndex, long timestampMs) {
        long second = (timestampMs - startMs) / STEP_MS;
        long power = Math.floorMod(mix(seed ^ (meterIndex * 0x9E3779B97F4A7C15L) ^ second), 5_000_000L) - 200_000L;
        long energy = meterIndex % 2 == 0 ? 1_000_000L + second * 3 + meterIndex : Reading.NO_ENERGY;
        return new Reading(timestampMs, power, energy);
    }

    /** {@code count} readings at 1 s steps starting at {@code firstMs}. */
    public List<Reading> run(int meterIndex, long firstMs, int count) {
        List<Reading> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(at(meterIndex, firstMs + i * STEP_MS));
        }
        return out;
    }

    /** CRC-32 over (timestamp, power, energy) of each reading, in order. */
    public static long checksum(List<Reading> readings) {
        CRC32 crc = new CRC32();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24);
        for (Reading r : readings) {
            b.clear();
            b.putLong(r.timestampMs()).putLong(r.powerMilliwatts()).putLong(r.energyMilliwattHours());
            crc.update(b.array());
        }
        return crc.getValue();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
