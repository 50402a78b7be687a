package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One head record: the new readings of one meter from one append, within one hour, in time
 * order. Key {@code [meterKey][first timestampMs]}; value {@code [count:4][hasEnergy:1]} then
 * per reading {@code [tsOffsetMs:4][powerMilliwatts:8]} and, when flagged,
 * {@code [energyMilliwattHours:8]}. One record per batch instead of one per reading: a minute
 * batch is one RocksDB put, not sixty.
 */
public final class HeadBlock {
    private static final int HEADER = 5;

    private HeadBlock() {}

    /** Encodes readings[from, to), which must lie within one hour and be in time order. */
    public static byte[] encode(List<Reading> readings, int from, int to) {
        boolean anyEnergy = false;
        for (int i = from; i < to; i++) {
            anyEnergy |= readings.get(i).hasEnergy();
        }
        int n = to - from;
        ByteBuffer out = ByteBuffer.allocate(HEADER + n * (anyEnergy ? 20 : 12));
        out.putInt(n).put((byte) (anyEnergy ? 1 : 0));
        long first = readings.get(from).timestampMs();
        for (int i = from; i < to; i++) {
            Reading r = readings.get(i);
            out.putInt((int) (r.timestampMs() - first)).putLong(r.powerMilliwatts());
            if (anyEnergy) {
                out.putLong(r.energyMilliwattHours());
            }
        }
        return out.array();
    }

    /** Appends the block's readings with fromMs ≤ ts < toMs to {@code out}. */
    public static void decode(byte[] key, byte[] value, long fromMs, long toMs, ReadingColumns out) {
        long first = Keys.timeOf(key);
        ByteBuffer in = ByteBuffer.wrap(value);
        int n = in.getInt();
        boolean hasEnergy = in.get() != 0;
        for (int i = 0; i < n; i++) {
            long ts = first + in.getInt();
            long power = in.getLong();
            long energy = hasEnergy ? in.getLong() : Reading.NO_ENERGY;
            if (ts >= fromMs && ts < toMs) {
                out.add(ts, power, energy);
            }
        }
    }
}
