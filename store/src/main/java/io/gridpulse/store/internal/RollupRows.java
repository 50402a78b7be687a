package io.gridpulse.store.internal;

import io.gridpulse.core.Rollup;
import java.nio.ByteBuffer;

/** Fixed 48-byte encoding of a rollup row's values (the bucket start lives in the key). */
public final class RollupRows {
    public static final int SIZE = 48;

    private RollupRows() {}

    public static byte[] encode(Rollup r) {
        return ByteBuffer.allocate(SIZE).putLong(r.energyNanowattHours()).putLong(r.minPowerMilliwatts())
                .putLong(r.maxPowerMilliwatts()).putLong(r.sumPowerMilliwatts()).putLong(r.samples())
                .putLong(r.coveredMs()).array();
    }

    public static Rollup decode(long bucketStartMs, byte[] value) {
        return decode(bucketStartMs, ByteBuffer.wrap(value));
    }

    /** From a buffer holding the row at index 0 (big-endian). */
    public static Rollup decode(long bucketStartMs, ByteBuffer b) {
        return new Rollup(bucketStartMs, b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32), b.getLong(40));
    }

    public static byte[] reading(long powerMilliwatts, long energyMilliwattHours) {
        return ByteBuffer.allocate(16).putLong(powerMilliwatts).putLong(energyMilliwattHours).array();
    }
}
