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
 * so such a write costs one RocksDB record and one fsync instead of one head block per meter.
 * Key: {@code [sequence:8]}. The readings are moved into head blocks in bulk later
 * ({@code ReadingStore}); until then their copy in memory is the block ({@link PendingBlocks}).
 *
 * <p>Value, compact layout (written now): {@code byte 1, varint baseTimestampMs, varint meters,
 * byte shape}, then per meter {@code varint keyDelta} (from the previous meter's key; keys
 * ascend) and, unless the shape says every meter has one reading at the base time, {@code varint
 * (count << 1 | hasEnergy)} and a zigzag varint of {@code ts - base} per reading; then per
 * reading a zigzag varint of power and, when the meter (or, for a fleet second, the block) has
 * energy, an unsigned varint of the register. A fleet second then costs ≈ 8 bytes a meter: the
 * WAL, the memtable and the fsync carry a third fewer bytes than in the first layout.
 *
 * <p>First layout (still read: records a crash left behind): {@code varint baseTimestampMs,
 * varint meters}, then per meter {@code varint meterKey, varint count, byte hasEnergy} and per
 * reading zigzag varints of {@code ts - base}, power and (when flagged) energy. Its first byte is
 * even (the low bits of the zigzag of a timestamp, never negative), so the compact layout's odd
 * first byte tells the two apart.
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
        int meters = block.meters();
        long baseMs = block.readings() == 0 ? 0 : block.timestampMs(0);
        boolean oneAtBase = true;
        boolean anyEnergy = false;
        for (int m = 0; m < meters; m++) {
            oneAtBase &= block.end(m) - block.start(m) == 1 && block.timestampMs(block.start(m)) == baseMs;
        }
        for (int r = 0; r < block.readings(); r++) {
            anyEnergy |= block.energyMilliwattHours(r) != Reading.NO_ENERGY;
        }
        Bytes out = new Bytes(3 * MAX_VARINT + meters * BYTES_PER_METER);
        out.put(COMPACT);
        out.putVarint(baseMs);
        out.putVarint(meters);
        out.put((oneAtBase ? ONE_AT_BASE : 0) | (anyEnergy ? WITH_ENERGY : 0));
        long previousKey = 0;
        for (int m = 0; m < meters; m++) {
            int from = block.start(m);
            int to = block.end(m);
            out.room((3 + 3 * (to - from)) * MAX_VARINT);
            out.putVarint(block.key(m) - previousKey);
            previousKey = block.key(m);
            boolean hasEnergy = anyEnergy;
            if (!oneAtBase) {
                hasEnergy = false;
                for (int r = from; r < to; r++) {
                    hasEnergy |= block.energyMilliwattHours(r) != Reading.NO_ENERGY;
                }
                out.putVarint((long) (to - from) << 1 | (hasEnergy ? 1 : 0));
            }
            for (int r = from; r < to; r++) {
                if (!oneAtBase) {
                    out.putVarint(zigzag(block.timestampMs(r) - baseMs));
                }
                out.putVarint(zigzag(block.powerMilliwatts(r)));
                if (hasEnergy) {
                    out.putVarint(block.energyMilliwattHours(r)); // never negative but NO_ENERGY: 10 bytes then
                }
            }
        }
        return out.toArray();
    }

    private static final int COMPACT = 1;
    /** Shape bits of a compact record. */
    private static final int ONE_AT_BASE = 1;
    private static final int WITH_ENERGY = 2;

    /** A meter with one reading of a fleet second: key delta, power and energy varints. */
    private static final int BYTES_PER_METER = 9;
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
        return (value[0] & 1) == COMPACT ? decodeCompact(in) : decodeFirstLayout(in);
    }

    private static Map<Long, List<Reading>> decodeCompact(ByteBuffer in) {
        in.get();
        long baseMs = Varints.read(in);
        long meters = Varints.read(in);
        int shape = in.get();
        boolean oneAtBase = (shape & ONE_AT_BASE) != 0;
        Map<Long, List<Reading>> out = new LinkedHashMap<>();
        long meterKey = 0;
        for (long m = 0; m < meters; m++) {
            meterKey += Varints.read(in);
            int count = 1;
            boolean hasEnergy = (shape & WITH_ENERGY) != 0;
            if (!oneAtBase) {
                long countAndEnergy = Varints.read(in);
                count = checkedCount(countAndEnergy >>> 1, in);
                hasEnergy = (countAndEnergy & 1) != 0;
            }
            Reading[] readings = new Reading[count];
            for (int i = 0; i < count; i++) {
                long ts = oneAtBase ? baseMs : baseMs + unzigzag(Varints.read(in));
                long power = unzigzag(Varints.read(in));
                long energy = hasEnergy ? Varints.read(in) : Reading.NO_ENERGY;
                readings[i] = new Reading(ts, power, energy);
            }
            out.put(meterKey, List.of(readings));
        }
        return out;
    }

    private static Map<Long, List<Reading>> decodeFirstLayout(ByteBuffer in) {
        long baseMs = unzigzag(Varints.read(in));
        long meters = Varints.read(in);
        Map<Long, List<Reading>> out = new LinkedHashMap<>();
        for (long m = 0; m < meters; m++) {
            long meterKey = Varints.read(in);
            int count = checkedCount(Varints.read(in), in);
            boolean hasEnergy = in.get() != 0;
            Reading[] readings = new Reading[count];
            for (int i = 0; i < count; i++) {
                long ts = baseMs + unzigzag(Varints.read(in));
                long power = unzigzag(Varints.read(in));
                long energy = hasEnergy ? unzigzag(Varints.read(in)) : Reading.NO_ENERGY;
                readings[i] = new Reading(ts, power, energy);
            }
            out.put(meterKey, List.of(readings));
        }
        return out;
    }

    /** Each reading takes at least a byte: a larger count is a damaged record, not an allocation to try. */
    private static int checkedCount(long count, ByteBuffer in) {
        if (count < 0 || count > in.remaining()) {
            throw new IllegalStateException("damaged pending record: " + count + " readings in " + in.remaining() + " bytes");
        }
        return (int) count;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
