package io.gridpulse.store.codec;

import java.util.Arrays;

/**
 * A packed value column's decoding table with the events resolved: indexed by the next
 * {@link #bits} bits of the stream, an entry holds the whole event — code and extra bits
 * together — as the value the decoder applies, so a typical event is one load, one shift and
 * no field extraction. Events whose code and extra bits do not fit the index (or whose value
 * does not fit an entry) are marked {@link #SLOW}; their entry names the symbol and its code
 * length, and the decoder reads the extra bits itself.
 *
 * <p>Entry: bits 0-5 code length + extra bits (what a Java shift of a {@code long} reads),
 * bit 6 {@link #RUN}, bit 7 {@link #SLOW}, bits 8-31 signed {@link #value}: for a run,
 * its length − 1; for a change, the zigzag-decoded change in units (sign still relative to the
 * previous change in version ≥ 3). A slow entry: bits 8-11 code length, bits 17-31 symbol.
 *
 * <p>One table per value column and thread: consecutive chunks of a meter often carry the same
 * code, and then the table is kept instead of rebuilt.
 */
final class EventTable {
    static final int RUN = 1 << 6;
    static final int SLOW = 1 << 7;
    /** Smallest index width: 2^10 entries cover most short codes with their extra bits. */
    private static final int MIN_BITS = 10;
    private static final int VALUE_SHIFT = 8;
    private static final long MAX_VALUE = (1 << (31 - VALUE_SHIFT)) - 1;

    /** The table in use: {@link #ownEntries}, or a shared default code's (never written through). */
    int[] entries;
    private final int[] ownEntries;
    int bits;
    /** What the entries were built from: precision (its base array), code lengths or shared code. */
    private long[] builtBase;
    private int builtRange = -1;
    private boolean builtSingle;
    private PrefixCode builtShared;
    private final int[] builtLengths = new int[PrefixCode.MAX_SYMBOLS];

    EventTable() {
        ownEntries = new int[1 << PrefixCode.MAX_BITS];
        entries = ownEntries;
    }

    /**
     * The shared table of a {@link DefaultCodes} member at the default precision, built once and
     * never written again: short chunks use default codes, often a different one from chunk to
     * chunk, and filling a 4,096-entry table per chunk was 40 % of decoding GJW's hours (JFR).
     */
    EventTable(PrefixCode sharedCode, long[] base, int[] extraBits, int runSymbols) {
        this();
        fill(sharedCode, base, extraBits, runSymbols);
    }

    static long value(int entry) {
        return entry >> VALUE_SHIFT;
    }

    static int slowSymbol(int entry) {
        return entry >>> 17;
    }

    static int slowCodeLength(int entry) {
        return (entry >>> VALUE_SHIFT) & 15;
    }

    /** Fills the table for a column's code at its bucket precision. */
    void build(PrefixCode column, long[] base, int[] extraBits, int runSymbols) {
        PrefixCode code = column.lastRead();
        boolean shared = code != column;
        if (isBuiltFrom(code, shared, base)) {
            return;
        }
        if (shared && base == PackedColumns.bases(DefaultCodes.PRECISION)) {
            EventTable table = code.sharedEvents(base, extraBits, runSymbols);
            entries = table.entries;
            bits = table.bits;
        } else {
            entries = ownEntries;
            fill(code, base, extraBits, runSymbols);
        }
        builtBase = base;
        builtRange = code.symbolRange();
        builtSingle = code.isSingle();
        builtShared = shared ? code : null;
        if (!shared) {
            System.arraycopy(code.lengths, 0, builtLengths, 0, builtRange);
        }
    }

    /** The same precision and code as the entries hold (same lengths = same canonical codes). */
    private boolean isBuiltFrom(PrefixCode code, boolean shared, long[] base) {
        if (base != builtBase || code.symbolRange() != builtRange) {
            return false;
        }
        if (shared) {
            return code == builtShared;
        }
        return builtShared == null && code.isSingle() == builtSingle
                && Arrays.equals(code.lengths, 0, builtRange, builtLengths, 0, builtRange);
    }

    private void fill(PrefixCode code, long[] base, int[] extraBits, int runSymbols) {
        bits = Math.max(code.tableBits, MIN_BITS);
        int size = 1 << bits;
        int[] lengths = code.lengths;
        for (int s = 0; s < code.symbolRange(); s++) {
            int length = code.isSingle() ? (s == code.symbolRange() - 1 ? 0 : -1) : lengths[s] == 0 ? -1 : lengths[s];
            if (length < 0) {
                continue;
            }
            int extra = extraBits[s];
            if (length + extra > bits || !fits(base[s], extra, s < runSymbols)) {
                int slow = s << 17 | length << VALUE_SHIFT | SLOW;
                for (int index = firstIndex(code, s); index < size; index += 1 << length) {
                    entries[index] = slow;
                }
                continue;
            }
            int flags = (s < runSymbols ? RUN : 0) | (length + extra);
            for (int offset = 0; offset < 1 << extra; offset++) {
                long u = base[s] + offset;
                long value = s < runSymbols ? u : ChunkCodec.unzigzag(u + 1);
                int entry = (int) (value << VALUE_SHIFT) | flags;
                for (int index = firstIndex(code, s) | offset << length; index < size; index += 1 << (length + extra)) {
                    entries[index] = entry;
                }
            }
        }
    }

    /** The symbol's code, as the low bits of the index (a single symbol has none). */
    private static int firstIndex(PrefixCode code, int symbol) {
        return code.isSingle() ? 0 : code.codes[symbol];
    }

    /** Every value of the bucket fits an entry's signed 24 bits. */
    private static boolean fits(long base, int extra, boolean run) {
        if (extra > 24) {
            return false;
        }
        long largest = base + (1L << extra) - 1;
        return base >= 0 && (run ? largest : (largest + 2) / 2) <= MAX_VALUE;
    }
}
