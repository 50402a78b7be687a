package io.gridpulse.store.codec;

/**
 * Maps an unsigned 64-bit integer to a small symbol plus raw "extra" bits, like a float with a
 * {@code precision}-bit mantissa (0, 1 or 2): values below {@code 4 << precision} are their own
 * symbol; larger ones are grouped by bit length and the {@code precision} bits below the
 * leading one, the rest sent raw. Finer buckets fit a distribution better but need a bigger
 * code table, so each chunk column picks the precision that measures smallest.
 */
final class Buckets {
    static final int PRECISIONS = 3;
    static final int FINEST = PRECISIONS - 1;
    /** Symbols at the finest precision: 16 direct + 4 per bit length 5..64. */
    static final int SYMBOLS = 16 + 60 * 4;
    private static final long[][] BASE = new long[PRECISIONS][SYMBOLS];
    private static final int[][] EXTRA = new int[PRECISIONS][SYMBOLS];

    static {
        for (int precision = 0; precision < PRECISIONS; precision++) {
            int direct = 4 << precision;
            for (int symbol = 0; symbol < symbols(precision); symbol++) {
                if (symbol < direct) {
                    BASE[precision][symbol] = symbol;
                } else {
                    int bitLength = ((symbol - direct) >> precision) + precision + 3;
                    long mantissa = (1L << precision) | ((symbol - direct) & ((1 << precision) - 1));
                    EXTRA[precision][symbol] = bitLength - 1 - precision;
                    BASE[precision][symbol] = mantissa << (bitLength - 1 - precision);
                }
            }
        }
    }

    private Buckets() {}

    /** Number of symbols at a precision: direct ones plus 2^precision per longer bit length. */
    static int symbols(int precision) {
        int direct = 4 << precision;
        return direct + (64 - (precision + 2)) * (1 << precision);
    }

    /** @param u read as unsigned */
    static int symbol(long u, int precision) {
        int direct = 4 << precision;
        if (u >= 0 && u < direct) {
            return (int) u;
        }
        int bitLength = 64 - Long.numberOfLeadingZeros(u);
        int mantissa = (int) ((u >>> (bitLength - 1 - precision)) & ((1 << precision) - 1));
        return direct + ((bitLength - precision - 3) << precision) + mantissa;
    }

    static int extraBits(int symbol, int precision) {
        return EXTRA[precision][symbol];
    }

    static long base(int symbol, int precision) {
        return BASE[precision][symbol];
    }
}
