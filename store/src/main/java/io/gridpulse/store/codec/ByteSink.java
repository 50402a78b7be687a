package io.gridpulse.store.codec;

import java.util.Arrays;

/** A growable byte buffer reused across encodes (one per thread). Not thread-safe. */
final class ByteSink {
    private byte[] buffer = new byte[4096];
    private int size;

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    void put(byte value) {
        if (size == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[size++] = value;
    }

    /** Grows by {@code count} bytes (contents undefined) and returns the buffer to write them into. */
    byte[] reserve(int count) {
        if (size + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + count));
        }
        size += count;
        return buffer;
    }

    /** Unsigned LEB128: 7 bits per byte, low group first, high bit = more bytes follow. */
    void putVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        put((byte) value);
    }

    void putIntLittleEndian(int value) {
        for (int i = 0; i < 4; i++) {
            put((byte) (value >>> (8 * i)));
        }
    }

    /** Sets the size to {@code size} bytes, within the buffer (a writer that filled it directly). */
    void truncate(int size) {
        this.size = size;
    }

    /** Drops zero bytes at the end, but never before {@code from}. */
    void trimTrailingZeros(int from) {
        while (size > from && buffer[size - 1] == 0) {
            size--;
        }
    }

    byte[] buffer() {
        return buffer;
    }

    byte[] toArray() {
        return Arrays.copyOf(buffer, size);
    }
}
