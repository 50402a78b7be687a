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
        int bit;
        if (code < bound) {
            range = bound;
            bit = 0;
        } else {
            code -= bound;
            range -= bound;
            bit = 1;
        }
        models[index] = AdaptiveBits.update(state, bit);
        while (range < TOP) {
            range <<= 8;
            code = (code << 8) | nextByte();
        }
        return bit;
    }

    long decodeDirect(int bitCount) {
        long value = 0;
        for (int i = 0; i < bitCount; i++) {
            range >>>= 1;
            long bit = 0;
            if (code >= range) {
                code -= range;
                bit = 1;
            }
            value = (value << 1) | bit;
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
