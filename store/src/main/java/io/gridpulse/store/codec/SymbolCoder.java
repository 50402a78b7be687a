package io.gridpulse.store.codec;

/**
 * Codes an unsigned 64-bit symbol {@code u} in one adaptive context: its bit length
 * {@code k} in unary (one adaptive bit per position), then the bit below the leading one
 * (adaptive, per {@code k}), then the remaining {@code k - 2} bits raw. Small, frequent values
 * cost a fraction of a bit; any 64-bit value is representable.
 */
final class SymbolCoder {
    /** Model slots per context: 65 unary positions + 65 "second bit" models. */
    static final int SLOTS_PER_CONTEXT = 130;
    private static final int SECOND_BIT = 65;
    /** No adaptive third or lowest bit: the version-3 symbol. */
    static final int NONE = -1;
    /**
     * Version 5 keeps third- and lowest-bit models for bit lengths up to this (longer ones share
     * the last): few meters step by 2^23 units, and small model sets are cheaper to reset per chunk.
     */
    private static final int REFINED_LENGTHS = 24;
    /** Version-5 third-bit models per context: one per bit length and second bit. */
    static final int THIRD_BIT_SLOTS = 2 * REFINED_LENGTHS;
    /** Version-5 lowest-bit models per context: one per bit length. */
    static final int LOW_BIT_SLOTS = REFINED_LENGTHS;

    private SymbolCoder() {}

    static void encode(BitCoder encoder, int[] models, int base, long u) {
        encode(encoder, models, base, base, u);
    }

    /**
     * As {@link #encode(BitCoder, int[], int, long)}, with the "second bit" models taken from
     * the context at {@code secondBase}: a finer context for the bit that tells, e.g., a 3 s from
     * a 4 s delta, while the bit-length models stay shared (more contexts cost learning).
     */
    static void encode(BitCoder encoder, int[] models, int base, int secondBase, long u) {
        encode(encoder, models, base, secondBase, NONE, NONE, u);
    }

    static long decode(RangeDecoder decoder, int[] models, int base) {
        return decode(decoder, models, base, base);
    }

    static long decode(RangeDecoder decoder, int[] models, int base, int secondBase) {
        return decode(decoder, models, base, secondBase, NONE, NONE);
    }

    /**
     * Format version 5: as {@link #encode(BitCoder, int[], int, int, long)}, plus, if
     * {@code thirdBase ≥ 0}, the bit below the second one adaptive (model
     * {@code thirdBase + 2k + second bit}), and, if {@code lowBase ≥ 0}, the lowest bit adaptive
     * (model {@code lowBase + k}) when bits are left below those; the bits between stay raw
     * ({@code k} in these model indices capped at 23). Change-only meters' changes are not uniform
     * inside a bit length: GJW's meter logs steps of ≥ 21 W, even steps twice as often as odd ones,
     * and its gaps favour 4k + 3 s.
     */
    static void encode(BitCoder encoder, int[] models, int base, int secondBase, int thirdBase, int lowBase, long u) {
        int bitLength = bitLength(u);
        for (int i = 0; i < bitLength; i++) {
            encoder.encodeBit(models, base + i, 1);
        }
        if (bitLength < 64) {
            encoder.encodeBit(models, base + bitLength, 0);
        }
        if (bitLength < 2) {
            return;
        }
        int second = (int) (u >>> (bitLength - 2)) & 1;
        encoder.encodeBit(models, secondBase + SECOND_BIT + bitLength, second);
        int refinedLength = Math.min(bitLength, REFINED_LENGTHS - 1);
        int rest = bitLength - 2; // bits below the second one
        if (thirdBase >= 0 && rest > 0) {
            encoder.encodeBit(models, thirdBase + 2 * refinedLength + second, (int) (u >>> (bitLength - 3)) & 1);
            rest--;
        }
        if (lowBase >= 0 && rest > 0) {
            encoder.encodeDirect(u >>> 1, rest - 1);
            encoder.encodeBit(models, lowBase + refinedLength, (int) u & 1);
        } else {
            encoder.encodeDirect(u, rest);
        }
    }

    static long decode(RangeDecoder decoder, int[] models, int base, int secondBase, int thirdBase, int lowBase) {
        int bitLength = 0;
        while (bitLength < 64 && decoder.decodeBit(models, base + bitLength) == 1) {
            bitLength++;
        }
        if (bitLength <= 1) {
            return bitLength;
        }
        int second = decoder.decodeBit(models, secondBase + SECOND_BIT + bitLength);
        long value = (1L << (bitLength - 1)) | ((long) second << (bitLength - 2));
        int refinedLength = Math.min(bitLength, REFINED_LENGTHS - 1);
        int rest = bitLength - 2;
        if (thirdBase >= 0 && rest > 0) {
            rest--;
            value |= (long) decoder.decodeBit(models, thirdBase + 2 * refinedLength + second) << rest;
        }
        if (lowBase >= 0 && rest > 0) {
            long middle = decoder.decodeDirect(rest - 1);
            return value | (middle << 1) | decoder.decodeBit(models, lowBase + refinedLength);
        }
        return value | decoder.decodeDirect(rest);
    }

    static int bitLength(long u) {
        return 64 - Long.numberOfLeadingZeros(u);
    }
}
