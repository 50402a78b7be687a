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

    private SymbolCoder() {}

    static void encode(RangeEncoder encoder, int[] models, int base, long u) {
        encode(encoder, models, base, base, u);
    }

    /**
     * As {@link #encode(RangeEncoder, int[], int, long)}, with the "second bit" models taken from
     * the context at {@code secondBase}: a finer context for the bit that tells, e.g., a 3 s from
     * a 4 s delta, while the bit-length models stay shared (more contexts cost learning).
     */
    static void encode(RangeEncoder encoder, int[] models, int base, int secondBase, long u) {
        int bitLength = bitLength(u);
        for (int i = 0; i < bitLength; i++) {
            encoder.encodeBit(models, base + i, 1);
        }
        if (bitLength < 64) {
            encoder.encodeBit(models, base + bitLength, 0);
        }
        if (bitLength >= 2) {
            encoder.encodeBit(models, secondBase + SECOND_BIT + bitLength, (int) (u >>> (bitLength - 2)) & 1);
            encoder.encodeDirect(u, bitLength - 2);
        }
    }

    static long decode(RangeDecoder decoder, int[] models, int base) {
        return decode(decoder, models, base, base);
    }

    static long decode(RangeDecoder decoder, int[] models, int base, int secondBase) {
        int bitLength = 0;
        while (bitLength < 64 && decoder.decodeBit(models, base + bitLength) == 1) {
            bitLength++;
        }
        if (bitLength <= 1) {
            return bitLength;
        }
        long second = decoder.decodeBit(models, secondBase + SECOND_BIT + bitLength);
        return (1L << (bitLength - 1)) | (second << (bitLength - 2)) | decoder.decodeDirect(bitLength - 2);
    }

    static int bitLength(long u) {
        return 64 - Long.numberOfLeadingZeros(u);
    }
}
