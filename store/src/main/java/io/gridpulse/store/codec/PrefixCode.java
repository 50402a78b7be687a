package io.gridpulse.store.codec;

import java.util.Arrays;

/**
 * A canonical prefix (Huffman) code over a column's symbols, built per chunk from the symbol
 * counts and stored in front of the column, so decoding is one table lookup per symbol.
 * Codes are at most {@value #MAX_BITS} bits, written least significant bit first (bit-reversed
 * canonical codes), so the decoder indexes its table with the next bits of the stream.
 *
 * <p>Stored form: symbol range {@code m} (9 bits; 0 = no symbols). If {@code m > 0}, one bit
 * "single": 1 = only symbol {@code m - 1} occurs and costs 0 bits per occurrence; 0 = the code
 * lengths of symbols {@code 0..m-1} follow, each as {@code 0} (same as the previous length,
 * starting at 0), {@code 10}+4 bits (this length), or {@code 11}+5 bits (the previous length
 * repeated 3..34 times). Lengths must form a complete code.
 */
final class PrefixCode {
    static final int MAX_BITS = 12;
    private static final int RANGE_BITS = 9;
    static final int MAX_SYMBOLS = 1 << RANGE_BITS;

    /** Code length per symbol (0 = unused, or the single symbol). */
    final int[] lengths = new int[MAX_SYMBOLS];
    /** Bit-reversed canonical code per symbol. */
    final int[] codes = new int[MAX_SYMBOLS];
    /** Decoder: entry = symbol << 4 | length, indexed by the next {@link #tableBits} bits. */
    int[] table = new int[1 << MAX_BITS];
    int tableBits;
    private int symbolRange;
    private boolean single;

    private final long[] sortScratch = new long[MAX_SYMBOLS];
    private final int[] weightScratch = new int[MAX_SYMBOLS];

    /** Builds the code for {@code counts[0..range)}, where {@code counts} are occurrences. */
    void build(int[] counts, int range) {
        Arrays.fill(lengths, 0, MAX_SYMBOLS, 0);
        int used = 0;
        int last = -1;
        for (int s = 0; s < range; s++) {
            if (counts[s] > 0) {
                used++;
                last = s;
            }
        }
        symbolRange = last + 1;
        single = used == 1;
        if (used >= 2) {
            buildLengths(counts, used);
        }
        assignCodes();
    }

    private void buildLengths(int[] counts, int used) {
        int shift = 0;
        while (true) {
            int n = 0;
            for (int s = 0; s < symbolRange; s++) {
                if (counts[s] > 0) {
                    long weight = Math.max(1, counts[s] >> shift);
                    sortScratch[n++] = weight << 16 | s;
                }
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
    private void assignCodes() {
        int[] firstCode = new int[MAX_BITS + 2];
        int[] perLength = new int[MAX_BITS + 1];
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

    void write(BitSink out) {
        out.put(symbolRange, RANGE_BITS);
        if (symbolRange == 0) {
            return;
        }
        out.put(single ? 1 : 0, 1);
        if (single) {
            return;
        }
        int previous = 0;
        int s = 0;
        while (s < symbolRange) {
            int repeat = 0;
            while (s + repeat < symbolRange && lengths[s + repeat] == previous && repeat < 34) {
                repeat++;
            }
            if (repeat >= 3) {
                out.put(0b11, 2);
                out.put(repeat - 3, 5);
                s += repeat;
            } else if (lengths[s] == previous) {
                out.put(0, 1);
                s++;
            } else {
                out.put(0b01, 2); // "10" in stream order: 1 then 0
                out.put(lengths[s], 4);
                previous = lengths[s];
                s++;
            }
        }
    }

    /** Reads a stored code and builds the decoding table; returns false if the column has no symbols. */
    boolean read(BitSource in) {
        symbolRange = (int) in.read(RANGE_BITS);
        if (symbolRange == 0) {
            return false;
        }
        single = in.read(1) == 1;
        Arrays.fill(lengths, 0, MAX_SYMBOLS, 0);
        if (single) {
            tableBits = 0;
            table[0] = (symbolRange - 1) << 4;
            return true;
        }
        int previous = 0;
        int s = 0;
        while (s < symbolRange) {
            if (in.read(1) == 0) {
                lengths[s++] = previous;
            } else if (in.read(1) == 0) {
                previous = (int) in.read(4);
                lengths[s++] = previous;
            } else {
                int repeat = (int) in.read(5) + 3;
                if (s + repeat > symbolRange) {
                    throw new CorruptChunkException("code length run exceeds the symbol range");
                }
                Arrays.fill(lengths, s, s + repeat, previous);
                s += repeat;
            }
        }
        requireComplete();
        assignCodes();
        buildTable();
        return true;
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

    private void buildTable() {
        int size = 1 << tableBits;
        for (int s = 0; s < symbolRange; s++) {
            int length = lengths[s];
            if (length == 0) {
                continue;
            }
            int entry = s << 4 | length;
            for (int index = codes[s]; index < size; index += 1 << length) {
                table[index] = entry;
            }
        }
    }

    int symbolRange() {
        return symbolRange;
    }
}
