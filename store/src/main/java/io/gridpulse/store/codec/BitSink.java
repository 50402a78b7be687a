package io.gridpulse.store.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Appends bits to a {@link ByteSink}, least significant bit first. Not thread-safe. */
final class BitSink {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteSink out;
    private long pending;
    private int pendingBits;

    BitSink(ByteSink out) {
        this.out = out;
    }

    void start() {
        pending = 0;
        pendingBits = 0;
    }

    /** Appends the low {@code count} bits of {@code value}; {@code count} ≤ 32, higher bits must be zero. */
    void put(long value, int count) {
        pending |= value << pendingBits;
        pendingBits += count;
        if (pendingBits >= 32) {
            INT_LE.set(out.reserve(4), out.size() - 4, (int) pending);
            pending >>>= 32;
            pendingBits -= 32;
        }
    }

    /** Appends the low {@code count} bits of {@code value}, any count 0..64. */
    void putLong(long value, int count) {
        if (count > 32) {
            put(value & 0xFFFF_FFFFL, 32);
            put(value >>> 32 & ((1L << (count - 32)) - 1), count - 32);
        } else {
            put(value, count);
        }
    }

    /** Writes the last partial byte(s); the stream ends here. */
    void finish() {
        while (pendingBits > 0) {
            out.put((byte) pending);
            pending >>>= 8;
            pendingBits -= 8;
        }
        pendingBits = 0;
        pending = 0;
    }
}
