package io.gridpulse.store.codec;

/**
 * The readings of one decoded chunk, column-wise; entries {@code [0, count)} are valid.
 *
 * <p>From {@link ChunkCodec#decode(byte[])} the arrays are exactly {@code count} long and the
 * caller owns them. A {@code DecodedChunk} passed to {@link ChunkCodec#decodeInto} is reused:
 * its arrays grow when a chunk needs more room and are overwritten by the next decode, so a
 * reader of many chunks allocates (and the allocator zeroes) nothing per chunk — a day's columns
 * are 2 MB, and zeroing them cost a sixth of decoding a noisy 1 Hz meter.
 */
public final class DecodedChunk {
    private long[] timestampsMs = new long[0];
    private long[] powerMilliwatts = new long[0];
    private long[] energyMilliwattHours;
    private boolean hasEnergy;
    private int count;

    /** UTC epoch milliseconds, strictly increasing. */
    public long[] timestampsMs() {
        return timestampsMs;
    }

    /** Active power per reading. */
    public long[] powerMilliwatts() {
        return powerMilliwatts;
    }

    /**
     * Cumulative register per reading ({@code Reading.NO_ENERGY} where a reading had none), or
     * {@code null} when no reading of the chunk had a register.
     */
    public long[] energyMilliwattHours() {
        return hasEnergy ? energyMilliwattHours : null;
    }

    public int count() {
        return count;
    }

    /** Makes room for {@code count} readings (contents undefined until the decoder fills them). */
    void reset(int count, boolean hasEnergy) {
        if (timestampsMs.length < count) {
            timestampsMs = new long[count];
            powerMilliwatts = new long[count];
        }
        if (hasEnergy && (energyMilliwattHours == null || energyMilliwattHours.length < count)) {
            energyMilliwattHours = new long[count];
        }
        this.hasEnergy = hasEnergy;
        this.count = count;
    }
}
