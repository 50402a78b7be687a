package io.gridpulse.store.internal;

import io.gridpulse.core.Rollup;
import io.gridpulse.store.RollupLevel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksIterator;

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

    /** Rows of one level from {@code rollups} or {@code hourRollups} (as {@code it} iterates), fromMs ≤ bucket start < toMs. */
    public static List<Rollup> read(RocksIterator it, long meterKey, RollupLevel level, long fromMs, long toMs) {
        List<Rollup> out = new ArrayList<>();
        ByteBuffer k = ByteBuffer.allocate(32); // rows read into these, not into new arrays: a fleet's day is 240,000 rows
        ByteBuffer v = ByteBuffer.allocate(RollupRows.SIZE);
        for (it.seek(Keys.rollup(meterKey, level.id(), level.bucketStart(fromMs))); it.isValid(); it.next()) {
            k.clear();
            it.key(k);
            long start = Keys.rollupTimeOf(k);
            if (Keys.meterOf(k) != meterKey || Keys.rollupLevelOf(k) != level.id() || start >= toMs) {
                break;
            }
            if (start >= fromMs) {
                v.clear();
                it.value(v);
                out.add(RollupRows.decode(start, v));
            }
        }
        return out;
    }

    public static byte[] reading(long powerMilliwatts, long energyMilliwattHours) {
        return ByteBuffer.allocate(16).putLong(powerMilliwatts).putLong(energyMilliwattHours).array();
    }
}
