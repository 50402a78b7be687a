package io.gridpulse.store.codec;

/**
 * Binary adaptive range encoder (carry-propagating, 32-bit range, 16-bit probabilities).
 * Probabilities live in caller-owned {@code int[]} model arrays, see {@link AdaptiveBits}.
 * Not thread-safe; reused per thread to avoid allocation.
 */
final class RangeEncoder {
    private static final long TOP = 1L << 24;

    private final ByteSink out;
    private long low;
    private long range;
    private int cache;
    private long cacheSize;
    private boolean firstByte;
    /** Counting instead of coding: see {@link #counting()}. */
    private final boolean counting;
    private long countedCost;

    RangeEncoder(ByteSink out) {
        this.out = out;
        this.counting = false;
    }

    private RangeEncoder() {
        this.out = null;
        this.counting = true;
    }

    /**
     * An encoder that counts the ideal code length of what it is given, models adapting as when
     * coding, and writes nothing: estimates (the dense-chunk samples) without the coder's
     * arithmetic. Raw bits, half of that arithmetic on noisy meters, cost one bit each.
     */
    static RangeEncoder counting() {
        return new RangeEncoder();
    }

    /** Bytes counted since {@link #start} (rounded up), for an encoder made by {@link #counting()}. */
    long countedBytes() {
        return (countedCost + (8L << Cost.FRACTION_BITS) - 1) / (8L << Cost.FRACTION_BITS);
    }

    /** Starts a new stream appended to the sink. */
    void start() {
        low = 0;
        range = 0xFFFF_FFFFL;
        cache = 0;
        cacheSize = 1;
        firstByte = true;
        countedCost = 0;
    }

    /** Codes {@code bit} with the adaptive probability at {@code models[index]}, then adapts it. */
    void encodeBit(int[] models, int index, int bit) {
        int state = models[index];
        if (counting) {
            countedCost += Cost.of(state & 0xFFFF, bit);
            models[index] = AdaptiveBits.update(state, bit);
            return;
        }
        long bound = (range >>> 16) * (state & 0xFFFF);
        long one = -(long) bit; // branch-free, as in the decoder: coded bits are hard to predict
        low += bound & one;
        range = bound ^ ((bound ^ (range - bound)) & one);
        models[index] = AdaptiveBits.update(state, bit);
        while (range < TOP) {
            range <<= 8;
            shiftLow();
        }
    }

    /** Codes the low {@code bitCount} bits of {@code value}, most significant first, at probability 1/2. */
    void encodeDirect(long value, int bitCount) {
        if (counting) {
            countedCost += (long) bitCount << Cost.FRACTION_BITS;
            return;
        }
        for (int i = bitCount - 1; i >= 0; i--) {
            range >>>= 1;
            low += range & -((value >>> i) & 1); // branch-free: raw bits are random

            while (range < TOP) {
                range <<= 8;
                shiftLow();
            }
        }
    }

    /**
     * Ends the stream with the fewest bytes: picks the value in the final interval with the most
     * trailing zero bits and drops trailing zero bytes (the decoder reads zeros past the end).
     */
    void finish(int streamStart) {
        if (counting) {
            return;
        }
        for (int shift = 32; shift >= 0; shift--) {
            long mask = (1L << shift) - 1;
            long candidate = (low + mask) & ~mask;
            if (candidate < low + range) {
                low = candidate;
                break;
            }
        }
        for (int i = 0; i < 5; i++) {
            shiftLow();
        }
        out.trimTrailingZeros(streamStart);
    }

    /** Ideal code length of a bit, in 1/2^{@value #FRACTION_BITS} bits, from a table. */
    static final class Cost {
        static final int FRACTION_BITS = 8;
        private static final int TABLE_BITS = 12;
        /** −log2(p) for p at the middle of each of 2^12 probability steps. */
        private static final int[] OF_PROBABILITY = table();

        private Cost() {}

        /** @param probabilityOfZero in 1/65536, as {@link AdaptiveBits} keeps it */
        static int of(int probabilityOfZero, int bit) {
            int probability = bit == 0 ? probabilityOfZero : 65536 - probabilityOfZero;
            return OF_PROBABILITY[probability >>> (16 - TABLE_BITS)];
        }

        private static int[] table() {
            int[] table = new int[1 << TABLE_BITS];
            for (int i = 0; i < table.length; i++) {
                double p = (i + 0.5) / table.length;
                table[i] = (int) Math.round(-Math.log(p) / Math.log(2) * (1 << FRACTION_BITS));
            }
            return table;
        }
    }

    private void shiftLow() {
        if (low < 0xFF00_0000L || low > 0xFFFF_FFFFL) {
            int carry = (int) (low >>> 32);
            int pending = cache;
            do {
                if (firstByte) {
                    firstByte = false; // always zero: the interval never exceeds [0, 1)
                } else {
                    out.put((byte) (pending + carry));
                }
                pending = 0xFF;
            } while (--cacheSize != 0);
            cache = (int) ((low >>> 24) & 0xFF);
        }
        cacheSize++;
        low = (low & 0x00FF_FFFFL) << 8;
    }
}
