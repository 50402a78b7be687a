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
        ByteBuffer b = ByteBuffer.wrap(value);
        return new Rollup(bucketStartMs, b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }

    public static byte[] reading(long powerMilliwatts, long energyMilliwattHours) {
        return ByteBuffer.allocate(16).putLong(powerMilliwatts).putLong(energyMilliwattHours).array();
    }
}
