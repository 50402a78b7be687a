package io.gridpulse.bench.codec;

import java.util.Arrays;

/** Appends bit fields most-significant-first; used by the Gorilla reference encoder. */
final class BitWriter {
    private long[] words = new long[64];
    private long bitCount;

    void write(long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            writeBit((int) (value >>> i) & 1);
        }
    }

    void writeBit(int bit) {
        int word = (int) (bitCount >>> 6);
        if (word == words.length) {
            words = Arrays.copyOf(words, words.length * 2);
        }
        if (bit != 0) {
            words[word] |= 1L << (63 - (bitCount & 63));
        }
        bitCount++;
    }

    long bitCount() {
        return bitCount;
    }

    BitReader reader() {
        return new BitReader(Arrays.copyOf(words, (int) ((bitCount + 63) >>> 6)), bitCount);
    }

    /** Reads back what a {@link BitWriter} wrote. */
    static final class BitReader {
        private final long[] words;
        private final long limit;
        private long position;

        BitReader(long[] words, long limit) {
            this.words = words;
            this.limit = limit;
        }

        long read(int width) {
            long value = 0;
            for (int i = 0; i < width; i++) {
                value = (value << 1) | readBit();
            }
            return value;
        }

        int readBit() {
            if (position >= limit) {
                throw new IllegalStateException("read past end of Gorilla block");
            }
            long word = words[(int) (position >>> 6)];
            int bit = (int) (word >>> (63 - (position & 63))) & 1;
            position++;
            return bit;
        }
    }
}
