package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import io.gridpulse.store.ReadingColumns;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One head record: the new readings of one meter from one append, within one hour, in time
 * order. Key {@code [meterKey][first timestampMs]}. One record per batch instead of one per
 * reading: a minute batch is one RocksDB put, not sixty.
 *
 * <p>Value (store format 4, "delta"): {@code [count:4][flags:1]} with flags bit 0 = has energy,
 * bit 1 = delta layout; then per reading varints: the time step from the previous reading (the
 * first: 0), zigzag power change and, with energy, zigzag register change. ≈ 3–6 bytes per
 * reading instead of 12–20: every append writes its block to the WAL and the memtable, and
 * flushes copy it again, so bytes here are CPU. Format 3 blocks (flags bit 1 clear: fixed
 * {@code [tsOffsetMs:4][powerMilliwatts:8]} (+ {@code [energyMilliwattHours:8]}) per reading)
 * still decode.
 */
public final class HeadBlock {
    private static final int HEADER = 5;
    private static final int HAS_ENERGY = 1;
    private static final int DELTA_LAYOUT = 2;
    private static final int MAX_VARINT = 10;
    /** Timestamp, power and energy per reading in the {@code long[]} form (see {@link #encode(long[], int, int)}). */
    public static final int STRIDE = 3;

    private HeadBlock() {}

    /**
     * Encodes readings [from, to) of {@code fields} (timestamp, power and energy side by side),
     * which must lie within one hour and be in time order.
     */
    public static byte[] encode(long[] fields, int from, int to) {
        boolean anyEnergy = false;
        for (int i = from; i < to; i++) {
            anyEnergy |= fields[i * STRIDE + 2] != Reading.NO_ENERGY;
        }
        int n = to - from;
        byte[] out = new byte[HEADER + n * (anyEnergy ? 12 : 6)];
        ByteBuffer.wrap(out).putInt(n).put((byte) (DELTA_LAYOUT | (anyEnergy ? HAS_ENERGY : 0)));
        int at = HEADER;
        long ts = fields[from * STRIDE];
        long power = 0;
        long energy = 0;
        for (int i = from; i < to; i++) {
            if (out.length - at < 3 * MAX_VARINT) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            long readingTs = fields[i * STRIDE];
            long readingPower = fields[i * STRIDE + 1];
            long readingEnergy = fields[i * STRIDE + 2];
            at = putVarint(out, at, readingTs - ts);
            at = putVarint(out, at, zigzag(readingPower - power));
            if (anyEnergy) { // wrapping arithmetic: "no register" (Long.MIN_VALUE) round-trips too
                at = putVarint(out, at, zigzag(readingEnergy - energy));
            }
            ts = readingTs;
            power = readingPower;
            energy = readingEnergy;
        }
        return Arrays.copyOf(out, at);
    }

    /** Appends the block's readings with fromMs ≤ ts < toMs to {@code out}. */
    public static void decode(byte[] key, byte[] value, long fromMs, long toMs, ReadingColumns out) {
        long first = Keys.timeOf(key);
        ByteBuffer header = ByteBuffer.wrap(value);
        int n = header.getInt();
        int flags = header.get();
        boolean hasEnergy = (flags & HAS_ENERGY) != 0;
        if ((flags & DELTA_LAYOUT) == 0) {
            decodeFixed(first, header, n, hasEnergy, fromMs, toMs, out);
            return;
        }
        Varints in = new Varints(value, HEADER);
        long ts = first;
        long power = 0;
        long energy = 0;
        for (int i = 0; i < n; i++) {
            ts += in.next();
            power += unzigzag(in.next());
            if (hasEnergy) {
                energy += unzigzag(in.next());
            }
            if (ts >= fromMs && ts < toMs) {
                out.add(ts, power, hasEnergy ? energy : Reading.NO_ENERGY);
            }
        }
    }

    private static void decodeFixed(long first, ByteBuffer in, int n, boolean hasEnergy, long fromMs, long toMs,
            ReadingColumns out) {
        for (int i = 0; i < n; i++) {
            long ts = first + in.getInt();
            long power = in.getLong();
            long energy = hasEnergy ? in.getLong() : Reading.NO_ENERGY;
            if (ts >= fromMs && ts < toMs) {
                out.add(ts, power, energy);
            }
        }
    }

    private static int putVarint(byte[] out, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            out[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Reads varints one after another. */
    private static final class Varints {
        private final byte[] bytes;
        private int at;

        Varints(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        long next() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[at++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }
    }
}
