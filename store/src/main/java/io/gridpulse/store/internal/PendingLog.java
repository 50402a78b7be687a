package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records of the {@code pending} column family: one record holds the in-order readings of many
 * meters from one {@code appendAll} (a gateway's fleet second; in memory a {@link PendingBlock}),
 * so such a write costs one RocksDB record and one fsync instead of one head block per meter. Key: {@code [sequence:8]}; value:
 * {@code varint baseTimestampMs, varint meters}, then per meter {@code varint meterKey, varint count,
 * byte hasEnergy} and per reading zigzag varints of {@code ts - base}, power and (when flagged)
 * energy. The readings are moved into head blocks in bulk later ({@code ReadingStore}); until
 * then their copy in memory is the block ({@link PendingBlocks}).
 */
public final class PendingLog {
    private PendingLog() {}

    public static byte[] key(long sequence) {
        return ByteBuffer.allocate(8).putLong(sequence).array();
    }

    public static long sequenceOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    /** The record holding the block's readings. */
    public static byte[] encode(PendingBlock block) {
        Bytes out = new Bytes(2 * MAX_VARINT + block.meters() * BYTES_PER_METER);
        long baseMs = block.readings() == 0 ? 0 : block.timestampMs(0);
        out.putVarint(zigzag(baseMs));
        out.putVarint(block.meters());
        for (int m = 0; m < block.meters(); m++) {
            int from = block.start(m);
            int to = block.end(m);
            boolean hasEnergy = false;
            for (int r = from; r < to; r++) {
                hasEnergy |= block.energyMilliwattHours(r) != Reading.NO_ENERGY;
            }
            out.room(2 * MAX_VARINT + 1 + (to - from) * 3 * MAX_VARINT);
            out.putVarint(block.key(m));
            out.putVarint(to - from);
            out.put(hasEnergy ? 1 : 0);
            for (int r = from; r < to; r++) {
                out.putVarint(zigzag(block.timestampMs(r) - baseMs));
                out.putVarint(zigzag(block.powerMilliwatts(r)));
                if (hasEnergy) {
                    out.putVarint(zigzag(block.energyMilliwattHours(r)));
                }
            }
        }
        return out.toArray();
    }

    /** A meter with one reading of a fleet second: key, count, flag, time, power, energy varints. */
    private static final int BYTES_PER_METER = 12;
    private static final int MAX_VARINT = 10;

    /** A byte array that grows when asked for room, so that each byte put needs no check of its own. */
    private static final class Bytes {
        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        void room(int more) {
            if (bytes.length - size < more) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }

        void put(int b) {
            bytes[size++] = (byte) b;
        }

        void putVarint(long v) {
            byte[] out = bytes;
            int at = size;
            while ((v & ~0x7FL) != 0) {
                out[at++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out[at++] = (byte) v;
            size = at;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** The readings of one record per meter key, in the record's order. */
    public static Map<Long, List<Reading>> decode(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        long baseMs = unzigzag(varint(in));
        long meters = varint(in);
        Map<Long, List<Reading>> out = new LinkedHashMap<>();
        for (long m = 0; m < meters; m++) {
            long meterKey = varint(in);
            int count = (int) varint(in);
            boolean hasEnergy = in.get() != 0;
            Reading[] readings = new Reading[count];
            for (int i = 0; i < count; i++) {
                long ts = baseMs + unzigzag(varint(in));
                long power = unzigzag(varint(in));
                long energy = hasEnergy ? unzigzag(varint(in)) : Reading.NO_ENERGY;
                readings[i] = new Reading(ts, power, energy);
            }
            out.put(meterKey, List.of(readings));
        }
        return out;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static long varint(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }
}
