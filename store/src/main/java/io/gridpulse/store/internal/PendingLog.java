package io.gridpulse.store.internal;

import io.gridpulse.core.Reading;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records of the {@code pending} column family: one record holds the in-order readings of many
 * meters from one {@code appendAll} (a gateway's fleet second), so such a write costs one RocksDB
 * record and one fsync instead of one head block per meter. Key: {@code [sequence:8]}; value:
 * {@code varint baseTimestampMs, varint meters}, then per meter {@code varint meterKey, varint count,
 * byte hasEnergy} and per reading zigzag varints of {@code ts - base}, power and (when flagged)
 * energy. The readings are moved into head blocks in bulk later ({@code ReadingStore}); until
 * then each meter's copy in memory is a {@link PendingReadings}.
 */
public final class PendingLog {
    private PendingLog() {}

    public static byte[] key(long sequence) {
        return ByteBuffer.allocate(8).putLong(sequence).array();
    }

    public static long sequenceOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong();
    }

    /** A meter with one reading of a fleet second: key, count, flag, time, power, energy varints. */
    private static final int BYTES_PER_METER = 12;

    /** Builds one record. */
    public static final class Writer {
        private byte[] bytes;
        private int size;
        private int meters;
        private long baseMs = Long.MIN_VALUE;

        /** @param meters how many meters the record will likely hold (sizes its buffer) */
        public Writer(int meters) {
            bytes = new byte[Math.max(16, meters * BYTES_PER_METER)];
        }

        public void add(long meterKey, List<Reading> readings) {
            if (baseMs == Long.MIN_VALUE) {
                baseMs = readings.get(0).timestampMs();
            }
            boolean hasEnergy = false;
            for (Reading r : readings) {
                hasEnergy |= r.hasEnergy();
            }
            putVarint(meterKey);
            putVarint(readings.size());
            put(hasEnergy ? 1 : 0);
            for (Reading r : readings) {
                putVarint(zigzag(r.timestampMs() - baseMs));
                putVarint(zigzag(r.powerMilliwatts()));
                if (hasEnergy) {
                    putVarint(zigzag(r.energyMilliwattHours()));
                }
            }
            meters++;
        }

        public boolean isEmpty() {
            return meters == 0;
        }

        public byte[] toBytes() {
            Writer header = new Writer(1);
            header.putVarint(zigzag(baseMs));
            header.putVarint(meters);
            byte[] out = Arrays.copyOf(header.bytes, header.size + size);
            System.arraycopy(bytes, 0, out, header.size, size);
            return out;
        }

        private void put(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        private void putVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                put((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            put((int) v);
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
