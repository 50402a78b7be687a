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
    /** Between {@link #start} and {@link #finish}: {@link #out}'s array and next byte, owned here. */
    private byte[] bytes;
    private int position;

    BitSink(ByteSink out) {
        this.out = out;
    }

    /** Starts a bit stream at the end of {@link #out}; nothing else may write to it until {@link #finish}. */
    void start() {
        pending = 0;
        pendingBits = 0;
        bytes = out.buffer();
        position = out.size();
    }

    /** Appends the low {@code count} bits of {@code value}; {@code count} ≤ 32, higher bits must be zero. */
    void put(long value, int count) {
        pending |= value << pendingBits;
        pendingBits += count;
        if (pendingBits >= 32) { // every few events: the array and position stay in this object, no ByteSink call
            if (position + Integer.BYTES > bytes.length) {
                grow();
            }
            INT_LE.set(bytes, position, (int) pending);
            position += Integer.BYTES;
            pending >>>= 32;
            pendingBits -= 32;
        }
    }

    private void grow() {
        out.reserve(position - out.size() + Integer.BYTES);
        bytes = out.buffer();
        out.truncate(position);
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
        out.truncate(position);
        while (pendingBits > 0) {
            out.put((byte) pending);
            pending >>>= 8;
            pendingBits -= 8;
        }
        pendingBits = 0;
        pending = 0;
        bytes = null;
    }
}
