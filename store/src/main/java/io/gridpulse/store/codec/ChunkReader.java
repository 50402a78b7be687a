package io.gridpulse.store.codec;

/** Bounds-checked reader of a chunk's header; every overrun is a {@link CorruptChunkException}. */
final class ChunkReader {
    private final byte[] bytes;
    private final int end;
    private int position;

    ChunkReader(byte[] bytes, int end) {
        this.bytes = bytes;
        this.end = end;
    }

    int readByte() {
        if (position >= end) {
            throw new CorruptChunkException("chunk header truncated");
        }
        return bytes[position++] & 0xFF;
    }

    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new CorruptChunkException("varint longer than 64 bits");
    }

    void requireEnd() {
        if (position != end) {
            throw new CorruptChunkException("trailing bytes in chunk");
        }
    }

    byte[] bytes() {
        return bytes;
    }

    int position() {
        return position;
    }

    int end() {
        return end;
    }
}
