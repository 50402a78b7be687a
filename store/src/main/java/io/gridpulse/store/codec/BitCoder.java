package io.gridpulse.store.codec;

/**
 * What the range-coded columns write to: the {@link RangeEncoder}, or a
 * {@link CodeLengthCounter} that only sizes them. Two classes rather than a flag in one, so
 * each keeps its own compiled code: with a flag, a JVM that had coded change-only chunks first
 * sized the dense samples 25 % slower than one that had not.
 */
interface BitCoder {
    /** Starts a new stream. */
    void start();

    /** Codes {@code bit} with the adaptive probability at {@code models[index]}, then adapts it. */
    void encodeBit(int[] models, int index, int bit);

    /** Codes {@code bit} at a given probability of a 0 (in 1/65536, 64 .. 65472); nothing adapts. */
    void encodeBitAt(int probabilityOfZero, int bit);

    /** Codes the low {@code bitCount} bits of {@code value}, most significant first, at probability 1/2. */
    void encodeDirect(long value, int bitCount);

    /** Ends the stream that started at byte {@code streamStart} of the output. */
    void finish(int streamStart);
}
