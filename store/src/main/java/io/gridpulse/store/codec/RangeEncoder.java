package io.gridpulse.store.codec;

/**
 * Binary adaptive range encoder (carry-propagating, 32-bit range, 16-bit probabilities).
 * Probabilities live in caller-owned {@code int[]} model arrays, see {@link AdaptiveBits}.
 * Not thread-safe; reused per thread to avoid allocation.
 */
final class RangeEncoder implements BitCoder {
    private static final long TOP = 1L << 24;

    private final ByteSink out;
    private long low;
    private long range;
    private int cache;
    private long cacheSize;
    private boolean firstByte;

    RangeEncoder(ByteSink out) {
        this.out = out;
    }

    /** Starts a new stream appended to the sink. */
    @Override
    public void start() {
        low = 0;
        range = 0xFFFF_FFFFL;
        cache = 0;
        cacheSize = 1;
        firstByte = true;
    }

    /** Codes {@code bit} with the adaptive probability at {@code models[index]}, then adapts it. */
    @Override
    public void encodeBit(int[] models, int index, int bit) {
        int state = models[index];
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

    /** As {@link #encodeBit}, at a given probability ({@link #encodeBit} repeats it: one call level less on the hot path). */
    @Override
    public void encodeBitAt(int probabilityOfZero, int bit) {
        long bound = (range >>> 16) * probabilityOfZero;
        long one = -(long) bit; // branch-free, as in the decoder: coded bits are hard to predict
        low += bound & one;
        range = bound ^ ((bound ^ (range - bound)) & one);
        while (range < TOP) {
            range <<= 8;
            shiftLow();
        }
    }

    /** Codes the low {@code bitCount} bits of {@code value}, most significant first, at probability 1/2. */
    @Override
    public void encodeDirect(long value, int bitCount) {
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
    @Override
    public void finish(int streamStart) {
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
