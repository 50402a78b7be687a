package io.gridpulse.store.codec;

/**
 * The columns of a decoded chunk; only the first {@code count} entries are meaningful.
 *
 * @param energyMilliwattHours null when no reading of the chunk carries an energy register
 */
public record DecodedChunk(long[] timestampsMs, long[] powerMilliwatts, long[] energyMilliwattHours, int count) {}
