package io.gridpulse.store.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads a {@link BitSink} stream. Reads past the end yield zero bits; {@link #requireWithinInput}
 * turns such an overrun into a {@link CorruptChunkException} once a column is done, which keeps
 * the hot loop free of bounds checks beyond the array's own. Fields are public to the package
 * so decoders can keep the buffer in locals.
 */
final class BitSource {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bits a packed-column event may take (code ≤ 12 + extra ≤ 32): decoders refill below this. */
    static final int EVENT_BITS = 44;

    private byte[] in;
    private int start;
    private int end;
    /** Next byte to load. May run past {@code end} (virtual zero bytes). */
    int position;
    /** Unread bits, lowest first; {@link #bits} of them are valid. */
    long buffer;
    int bits;

    void start(byte[] input, int from, int to) {
        in = input;
        start = from;
        end = to;
        position = from;
        buffer = 0;
        bits = 0;
    }

    byte[] input() {
        return in;
    }

    int end() {
        return end;
    }

    /** 8 bytes, little-endian; {@code position + 8 ≤ input length}. */
    static long loadLong(byte[] bytes, int position) {
        return (long) LONG_LE.get(bytes, position);
    }

    /** Tops the buffer up to at least 56 valid bits. */
    void refill() {
        if (position + 8 <= end) {
            buffer |= (long) LONG_LE.get(in, position) << bits;
            position += (63 - bits) >>> 3;
            bits |= 56;
        } else {
            while (bits <= 56) {
                long next = position < end ? in[position] & 0xFF : 0;
                buffer |= next << bits;
                position++;
                bits += 8;
            }
        }
    }

    /** Reads {@code count} ≤ 56 bits (refills first). */
    long read(int count) {
        if (bits < count) {
            refill();
        }
        long value = count == 0 ? 0 : buffer & (-1L >>> (64 - count));
        buffer = count == 64 ? 0 : buffer >>> count;
        bits -= count;
        return value;
    }

    /** Reads up to 64 bits. */
    long readLong(int count) {
        if (count <= 32) {
            return read(count);
        }
        long low = read(32);
        return low | read(count - 32) << 32;
    }

    /** Byte offset just after the last bit read so far. */
    int bytePosition() {
        return position - (bits >>> 3);
    }

    void requireWithinInput() {
        long consumedBits = (long) (position - start) * 8 - bits;
        if (consumedBits > (long) (end - start) * 8) {
            throw new CorruptChunkException("chunk body truncated");
        }
    }
}
