package io.gridpulse.store.codec;

/**
 * Maps an unsigned 64-bit integer to a small symbol plus raw "extra" bits, like a float with a
 * 2-bit mantissa: 0..15 are their own symbol; larger values are grouped by bit length and the
 * two bits below the leading one, the rest sent raw. Entropy coding the symbol captures the
 * shape of a delta distribution; the raw bits are nearly uniform inside one bucket.
 */
final class Buckets {
    /** Symbols per bucketed integer: 16 direct + 4 per bit length 5..64. */
    static final int SYMBOLS = 16 + 60 * 4;
    private static final long[] BASE = new long[SYMBOLS];
    private static final int[] EXTRA = new int[SYMBOLS];

    static {
        for (int symbol = 0; symbol < SYMBOLS; symbol++) {
            if (symbol < 16) {
                BASE[symbol] = symbol;
            } else {
                int bitLength = ((symbol - 16) >> 2) + 5;
                EXTRA[symbol] = bitLength - 3;
                BASE[symbol] = (4L | ((symbol - 16) & 3)) << (bitLength - 3);
            }
        }
    }

    private Buckets() {}

    /** @param u read as unsigned */
    static int symbol(long u) {
        if (u >= 0 && u < 16) {
            return (int) u;
        }
        int bitLength = 64 - Long.numberOfLeadingZeros(u);
        return 16 + ((bitLength - 5) << 2) + (int) ((u >>> (bitLength - 3)) & 3);
    }

    static int extraBits(int symbol) {
        return EXTRA[symbol];
    }

    static long base(int symbol) {
        return BASE[symbol];
    }

    /** Copies of the tables for hot loops. */
    static long[] bases() {
        return BASE.clone();
    }

    static int[] extras() {
        return EXTRA.clone();
    }
}
