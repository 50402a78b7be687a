package io.gridpulse.store.codec;

import java.util.Arrays;

/**
 * A canonical prefix (Huffman) code over a column's symbols, built per chunk from the symbol
 * counts and stored in front of the column, so decoding is one table lookup per symbol.
 * Codes are at most {@value #MAX_BITS} bits, written least significant bit first (bit-reversed
 * canonical codes), so the decoder indexes its table with the next bits of the stream.
 *
 * <p>Stored form: 2 bits kind: 0 = no symbols; 1 = a single symbol (9 bits follow), which
 * then costs 0 bits per occurrence; 2 = code lengths in two segments, symbols {@code [0, a)}
 * and {@code [split, split + b)} (a and b in 9 bits each, before each segment), so the unused
 * gap between run and change symbols costs nothing. Each length is {@code 0} (same as the
 * previous, starting at 0), {@code 1 0 s} (previous + 1, or − 1 if s) or {@code 1 1} + 4 bits.
 * Lengths must form a complete code. Kind 3 = one of the built-in {@link DefaultCodes}
 * ({@value DefaultCodes#INDEX_BITS}-bit index follows; bucket precision must be 1).
 */
final class PrefixCode {
    static final int MAX_BITS = 12;
    private static final int RANGE_BITS = 9;
    static final int MAX_SYMBOLS = 1 << RANGE_BITS;

    /** Code length per symbol (0 = unused, or the single symbol). */
    final int[] lengths = new int[MAX_SYMBOLS];
    /** Bit-reversed canonical code per symbol. */
    final int[] codes = new int[MAX_SYMBOLS];
    /**
     * Decoder: indexed by the next {@link #tableBits} bits; entry = symbol {@code << 17} | the
     * symbol's extra bits {@code << 10} | code length {@code << 6} | (code length + extra bits)
     * mod 64. The low 6 bits are what a Java {@code long} shift reads, so the hot loop consumes an
     * event with {@code buffer >>>= entry}: one table load and one shift before the next event
     * can start (see {@link #symbol}, {@link #extraBits}, {@link #codeLength}).
     */
    int[] table;
    private final int[] ownTable = new int[1 << MAX_BITS];
    /** Index of the {@link DefaultCodes} member in use, or -1 for a code of the chunk's own. */
    private int defaultIndex = -1;
    /** Decoder: the shared default code {@link #read} found, whose lengths and codes apply; else null. */
    private PrefixCode readDefault;
    int tableBits;
    private static final int KIND_EMPTY = 0;
    private static final int KIND_SINGLE = 1;
    private static final int KIND_CODE = 2;
    private static final int KIND_DEFAULT = 3;
    private int symbolRange;
    private boolean single;

    /** The symbols the last {@link #buildLengths(int[], int[], int)} gave a length, so the next clears only them. */
    private final int[] lengthSymbols = new int[MAX_SYMBOLS];
    /** How many; -1 when {@link #lengths} may hold others (set by another method): cleared in full then. */
    private int lengthSymbolCount = -1;

    private final long[] sortScratch = new long[MAX_SYMBOLS];
    private final int[] weightScratch = new int[MAX_SYMBOLS];
    private final int[] firstCodeScratch = new int[MAX_BITS + 2];
    private final int[] perLengthScratch = new int[MAX_BITS + 1];

    PrefixCode() {
        table = ownTable;
    }

    /** A complete, decodable code for these counts (used for the shared default codes). */
    static PrefixCode fromCounts(int[] counts, int range, int[] extraBits) {
        PrefixCode code = new PrefixCode();
        code.build(counts, range);
        code.buildTable(extraBits);
        return code;
    }

    static int symbol(int entry) {
        return entry >>> 17;
    }

    static int extraBits(int entry) {
        return (entry >>> 10) & 127;
    }

    static int codeLength(int entry) {
        return (entry >>> 6) & 15;
    }

    /** Bits the event takes, code and extra bits, when extra bits ≤ 32 (the shift distance in the entry). */
    static int consumedBits(int entry) {
        return entry & 63;
    }

    private static int entry(int symbol, int extraBits, int length) {
        return symbol << 17 | extraBits << 10 | length << 6 | (length + extraBits) & 63;
    }

    /** Switches to a shared default code (encoder side); {@link #write} then stores its index. */
    void useDefault(int index) {
        PrefixCode shared = DefaultCodes.code(index);
        System.arraycopy(shared.lengths, 0, lengths, 0, MAX_SYMBOLS);
        lengthSymbolCount = -1;
        System.arraycopy(shared.codes, 0, codes, 0, MAX_SYMBOLS);
        symbolRange = shared.symbolRange;
        single = false;
        tableBits = shared.tableBits;
        defaultIndex = index;
    }

    /** Builds the code for {@code counts[0..range)}, where {@code counts} are occurrences. */
    void build(int[] counts, int range) {
        buildLengths(counts, range);
        assignCodes();
    }

    /**
     * The code lengths only ({@link #storedBits} and {@link #lengths} are then valid): enough to
     * cost a candidate code; {@link #assignCodes} completes the one that is kept.
     */
    void buildLengths(int[] counts, int range) {
        int used = 0;
        for (int s = 0; s < range; s++) {
            if (counts[s] > 0) {
                lengthSymbols[used++] = s;
            }
        }
        lengthSymbolCount = -1;
        buildLengths(counts, lengthSymbols, used);
    }

    /**
     * As {@link #buildLengths(int[], int)} for the symbols {@code used[0..usedCount)} (each with
     * a count above 0, any order): the work scales with them, not with the alphabet, which is
     * what a chunk of a few dozen readings pays for (each column costs three precisions).
     */
    void buildLengths(int[] counts, int[] used, int usedCount) {
        defaultIndex = -1;
        if (lengthSymbolCount < 0) {
            Arrays.fill(lengths, 0, MAX_SYMBOLS, 0);
        } else {
            for (int i = 0; i < lengthSymbolCount; i++) {
                lengths[lengthSymbols[i]] = 0;
            }
        }
        int last = -1;
        for (int i = 0; i < usedCount; i++) {
            last = Math.max(last, used[i]);
        }
        symbolRange = last + 1;
        single = usedCount == 1;
        if (usedCount >= 2) {
            huffmanLengths(counts, used, usedCount);
        }
        if (used != lengthSymbols) {
            System.arraycopy(used, 0, lengthSymbols, 0, usedCount);
        }
        lengthSymbolCount = usedCount;
    }

    private void huffmanLengths(int[] counts, int[] used, int usedCount) {
        int shift = 0;
        while (true) {
            int n = 0;
            for (int i = 0; i < usedCount; i++) {
                int s = used[i];
                long weight = Math.max(1, counts[s] >> shift);
                sortScratch[n++] = weight << 16 | s;
            }
            Arrays.sort(sortScratch, 0, n);
            for (int i = 0; i < n; i++) {
                weightScratch[i] = (int) (sortScratch[i] >>> 16);
            }
            huffmanLengthsInPlace(weightScratch, n);
            if (weightScratch[0] <= MAX_BITS) { // the rarest symbol has the longest code
                for (int i = 0; i < n; i++) {
                    lengths[(int) (sortScratch[i] & 0xFFFF)] = weightScratch[i];
                }
                return;
            }
            shift++; // flatten the counts until the longest code fits
        }
    }

    /**
     * Moffat and Katajainen's in-place Huffman code lengths: {@code a} holds weights sorted
     * ascending and receives the code length of each, longest first.
     */
    private static void huffmanLengthsInPlace(int[] a, int n) {
        int root = 0;
        int leaf = 0;
        for (int next = 0; next < n - 1; next++) {
            if (leaf >= n || (root < next && a[root] < a[leaf])) {
                a[next] = a[root];
                a[root++] = next;
            } else {
                a[next] = a[leaf++];
            }
            if (leaf >= n || (root < next && a[root] < a[leaf])) {
                a[next] += a[root];
                a[root++] = next;
            } else {
                a[next] += a[leaf++];
            }
        }
        a[n - 2] = 0;
        for (int next = n - 3; next >= 0; next--) {
            a[next] = a[a[next]] + 1;
        }
        int available = 1;
        int usedAtDepth = 0;
        int depth = 0;
        root = n - 2;
        int next = n - 1;
        while (available > 0) {
            while (root >= 0 && a[root] == depth) {
                usedAtDepth++;
                root--;
            }
            while (available > usedAtDepth) {
                a[next--] = depth;
                available--;
            }
            available = 2 * usedAtDepth;
            depth++;
            usedAtDepth = 0;
        }
    }

    /** Canonical codes from {@link #lengths}: shorter first, then by symbol. */
    void assignCodes() {
        int[] firstCode = firstCodeScratch;
        int[] perLength = perLengthScratch;
        Arrays.fill(perLength, 0);
        int maxLength = 0;
        for (int s = 0; s < symbolRange; s++) {
            perLength[lengths[s]]++;
            maxLength = Math.max(maxLength, lengths[s]);
        }
        perLength[0] = 0;
        int code = 0;
        for (int length = 1; length <= MAX_BITS; length++) {
            code = (code + perLength[length - 1]) << 1;
            firstCode[length] = code;
        }
        for (int s = 0; s < symbolRange; s++) {
            int length = lengths[s];
            if (length > 0) {
                codes[s] = Integer.reverse(firstCode[length]++) >>> (32 - length);
            } else {
                codes[s] = 0;
            }
        }
        tableBits = maxLength;
    }

    /** Stores the code; symbols {@code [split, split + 2^9)} form the second length segment. */
    void write(BitSink out, int split) {
        if (defaultIndex >= 0) {
            out.put(KIND_DEFAULT, 2);
            out.put(defaultIndex, DefaultCodes.INDEX_BITS);
            return;
        }
        if (symbolRange == 0) {
            out.put(KIND_EMPTY, 2);
            return;
        }
        if (single) {
            out.put(KIND_SINGLE, 2);
            out.put(symbolRange - 1, RANGE_BITS);
            return;
        }
        out.put(KIND_CODE, 2);
        int firstEnd = Math.min(symbolRange, split);
        out.put(firstEnd, RANGE_BITS);
        int previous = writeLengths(out, 0, firstEnd, 0);
        int secondEnd = Math.max(symbolRange, split);
        out.put(secondEnd - split, RANGE_BITS);
        writeLengths(out, split, secondEnd, previous);
    }

    /** Bits {@link #write} would take. */
    int storedBits(int split) {
        if (defaultIndex >= 0) {
            return 2 + DefaultCodes.INDEX_BITS;
        }
        if (symbolRange == 0) {
            return 2;
        }
        if (single) {
            return 2 + RANGE_BITS;
        }
        int bits = 2 + 2 * RANGE_BITS;
        int previous = 0;
        for (int s = 0; s < Math.max(symbolRange, split); s++) {
            if (s >= symbolRange && s >= split) {
                break;
            }
            if (s >= Math.min(symbolRange, split) && s < split) {
                continue;
            }
            int length = lengths[s];
            bits += length == previous ? 1 : Math.abs(length - previous) == 1 ? 3 : 6;
            previous = length;
        }
        return bits;
    }

    /** Each length as 0 (same as previous), 10s (previous ± 1, s = 1 for minus) or 11 + 4 bits. */
    private int writeLengths(BitSink out, int from, int to, int previous) {
        for (int s = from; s < to; s++) {
            int length = lengths[s];
            if (length == previous) {
                out.put(0, 1);
            } else if (length == previous + 1) {
                out.put(0b001, 3);
            } else if (length == previous - 1) {
                out.put(0b101, 3);
            } else {
                out.put(0b11, 2);
                out.put(length, 4);
            }
            previous = length;
        }
        return previous;
    }

    /**
     * Reads a stored code and builds the decoding table; returns false if the column has no symbols.
     *
     * @param extraBits raw bits that follow each symbol (carried in the table's entries)
     * @param decodingTable build {@link #table} (else only lengths and codes, for an {@link EventTable})
     */
    boolean read(BitSource in, int split, int[] extraBits, boolean decodingTable) {
        int kind = (int) in.read(2);
        if (kind == KIND_DEFAULT) {
            PrefixCode shared = DefaultCodes.code((int) in.read(DefaultCodes.INDEX_BITS));
            readDefault = shared;
            table = shared.table;
            tableBits = shared.tableBits;
            symbolRange = shared.symbolRange;
            defaultIndex = 0;
            return true;
        }
        defaultIndex = -1;
        readDefault = null;
        table = ownTable;
        Arrays.fill(lengths, 0, MAX_SYMBOLS, 0);
        lengthSymbolCount = -1;
        if (kind == KIND_EMPTY) {
            symbolRange = 0;
            return false;
        }
        if (kind == KIND_SINGLE) {
            symbolRange = (int) in.read(RANGE_BITS) + 1;
            single = true;
            tableBits = 0;
            table[0] = entry(symbolRange - 1, extraBits[symbolRange - 1], 0);
            return true;
        }
        if (kind != KIND_CODE) {
            throw new CorruptChunkException("unknown prefix code kind " + kind);
        }
        single = false;
        int firstEnd = (int) in.read(RANGE_BITS);
        if (firstEnd > split) {
            throw new CorruptChunkException("prefix code segment exceeds its range");
        }
        int previous = readLengths(in, 0, firstEnd, 0);
        int secondEnd = split + (int) in.read(RANGE_BITS);
        if (secondEnd > MAX_SYMBOLS) {
            throw new CorruptChunkException("prefix code segment exceeds its range");
        }
        readLengths(in, split, secondEnd, previous);
        symbolRange = secondEnd;
        requireComplete();
        assignCodes();
        if (decodingTable) {
            buildTable(extraBits);
        }
        return true;
    }

    /** Reads lengths as {@link #writeLengths} wrote them, one peek of ≤ 6 bits per length. */
    private int readLengths(BitSource in, int from, int to, int previous) {
        for (int s = from; s < to; s++) {
            if (in.bits < 6) {
                in.refill();
            }
            int next = (int) in.buffer & 63;
            int consumed;
            if ((next & 1) == 0) {
                consumed = 1; // same as the previous length
            } else if ((next & 2) == 0) {
                previous += (next & 4) == 0 ? 1 : -1;
                consumed = 3;
            } else {
                previous = next >>> 2;
                consumed = 6;
            }
            in.buffer >>>= consumed;
            in.bits -= consumed;
            if (previous < 0 || previous > MAX_BITS) {
                throw new CorruptChunkException("code length " + previous + " out of range");
            }
            lengths[s] = previous;
        }
        return previous;
    }

    /** Kraft sum must be exactly 1, with no length above {@link #MAX_BITS}. */
    private void requireComplete() {
        long kraft = 0;
        for (int s = 0; s < symbolRange; s++) {
            int length = lengths[s];
            if (length > MAX_BITS) {
                throw new CorruptChunkException("code length " + length + " above " + MAX_BITS);
            }
            if (length > 0) {
                kraft += 1L << (MAX_BITS - length);
            }
        }
        if (kraft != 1L << MAX_BITS) {
            throw new CorruptChunkException("incomplete or oversubscribed prefix code");
        }
    }

    private void buildTable(int[] extraBits) {
        int size = 1 << tableBits;
        for (int s = 0; s < symbolRange; s++) {
            int length = lengths[s];
            if (length == 0) {
                continue;
            }
            int entry = entry(s, extraBits[s], length);
            for (int index = codes[s]; index < size; index += 1 << length) {
                table[index] = entry;
            }
        }
    }

    /** A default code's {@link EventTable}, built on first use (a race builds it twice, harmlessly). */
    private volatile EventTable sharedEvents;

    EventTable sharedEvents(long[] base, int[] extraBits, int runSymbols) {
        EventTable table = sharedEvents;
        if (table == null) {
            table = new EventTable(this, base, extraBits, runSymbols);
            sharedEvents = table;
        }
        return table;
    }

    /** The code {@link #read} last read: this one, or the shared default code it named. */
    PrefixCode lastRead() {
        return readDefault != null ? readDefault : this;
    }

    boolean isSingle() {
        return single;
    }

    boolean isDefault() {
        return defaultIndex >= 0;
    }

    int symbolRange() {
        return symbolRange;
    }
}
