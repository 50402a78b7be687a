package io.gridpulse.store.internal;

import java.nio.ByteBuffer;

/** LEB128 varints (7 bits a byte, low group first) read from a buffer, for the store's own records. */
final class Varints {
    private Varints() {}

    /** The next varint; a record cut short throws {@link java.nio.BufferUnderflowException}. */
    static long read(ByteBuffer in) {
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
