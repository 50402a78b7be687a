package io.gridpulse.store.codec;

/**
 * The readings of one decoded chunk, column-wise. Arrays are freshly allocated and exactly
 * {@code count} long; the caller owns them.
 *
 * @param timestampsMs UTC epoch milliseconds, strictly increasing
 * @param powerMilliwatts active power per reading
 * @param energyMilliwattHours cumulative register per reading ({@code Reading.NO_ENERGY} where a
 *     reading had none), or {@code null} when no reading of the chunk had a register
 * @param count number of readings
 */
public record DecodedChunk(long[] timestampsMs, long[] powerMilliwatts, long[] energyMilliwattHours, int count) {}
