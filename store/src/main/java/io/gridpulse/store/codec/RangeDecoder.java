package io.gridpulse.store.codec;

/** Mirror of {@link RangeEncoder}; reads zeros past the end of its input. Not thread-safe. */
final class RangeDecoder {
    private static final long TOP = 1L << 24;

    private byte[] in;
    private int pos;
    private int end;
    private long range;
    private long code;

    /** Starts decoding {@code in[from, to)}. */
    void start(byte[] input, int from, int to) {
        in = input;
        pos = from;
        end = to;
        range = 0xFFFF_FFFFL;
        code = 0;
        for (int i = 0; i < 4; i++) {
            code = (code << 8) | nextByte();
        }
    }

    int decodeBit(int[] models, int index) {
        int state = models[index];
        long bound = (range >>> 16) * (state & 0xFFFF);
        long below = (code - bound) >> 63; // -1 if code < bound (bit 0), else 0; both < 2^32
        range = (bound & below) | ((range - bound) & ~below);
        code -= bound & ~below;
        int bit = (int) (below + 1);
        models[index] = AdaptiveBits.update(state, bit);
        while (range < TOP) {
            range <<= 8;
            code = (code << 8) | nextByte();
        }
        return bit;
    }

    /** Mirror of {@link RangeEncoder#encodeBitAt}; {@link #decodeBit} repeats its arithmetic (one call level less on the hot path). */
    int decodeBitAt(int probabilityOfZero) {
        long bound = (range >>> 16) * probabilityOfZero;
        long below = (code - bound) >> 63; // -1 if code < bound (bit 0), else 0; both < 2^32
        range = (bound & below) | ((range - bound) & ~below);
        code -= bound & ~below;
        while (range < TOP) {
            range <<= 8;
            code = (code << 8) | nextByte();
        }
        return (int) (below + 1);
    }

    /** Raw bits are random: branch-free, so a mispredicted branch does not cost each one. */
    long decodeDirect(int bitCount) {
        long value = 0;
        for (int i = 0; i < bitCount; i++) {
            range >>>= 1;
            long below = (code - range) >> 63; // -1 if code < range (bit 0), else 0; both < 2^32
            code -= range & ~below;
            value = (value << 1) | (below + 1);
            while (range < TOP) {
                range <<= 8;
                code = (code << 8) | nextByte();
            }
        }
        return value;
    }

    private int nextByte() {
        return pos < end ? in[pos++] & 0xFF : 0;
    }
}
