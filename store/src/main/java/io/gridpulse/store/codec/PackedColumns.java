package io.gridpulse.store.codec;

import java.util.Arrays;

/**
 * The fast body layout: each column is a prefix code ({@link PrefixCode}) followed by one
 * symbol per event, each symbol followed by its raw extra bits ({@link Buckets}). An event is
 * either a run ("the previous delta/value repeats r times", symbols
 * {@code 0..RUN_SYMBOLS-1} bucketing {@code r - 1}) or a change (symbols from
 * {@code RUN_SYMBOLS}, bucketing the new time delta − 1 in units, or the zigzagged value change
 * − 1 in units of the column's scale). Decoding is one table lookup and one shift per event,
 * with no per-bit work: the point of this layout is speed on data that changes every reading.
 */
final class PackedColumns {
    /** Run events bucket {@code r - 1 < 2^27}: bit length ≤ 27, so symbols below 108. */
    static final int RUN_SYMBOLS = 108;
    static final int ALPHABET = RUN_SYMBOLS + Buckets.SYMBOLS;
    private static final long[] BASE = new long[ALPHABET];
    private static final int[] EXTRA = new int[ALPHABET];

    static {
        for (int s = 0; s < ALPHABET; s++) {
            int bucket = s < RUN_SYMBOLS ? s : s - RUN_SYMBOLS;
            BASE[s] = Buckets.base(bucket);
            EXTRA[s] = Buckets.extraBits(bucket);
        }
    }

    private PackedColumns() {}

    /** Scratch for one column's events; reused per thread. */
    static final class Events {
        int[] symbols = new int[4096];
        long[] extras = new long[4096];
        final int[] counts = new int[ALPHABET];
        int size;

        void reset(int capacity) {
            if (symbols.length < capacity) {
                symbols = new int[Math.max(capacity, symbols.length * 2)];
                extras = new long[symbols.length];
            }
            Arrays.fill(counts, 0);
            size = 0;
        }

        void add(int symbol, long extra) {
            symbols[size] = symbol;
            extras[size++] = extra;
            counts[symbol]++;
        }

        void addRun(long length) {
            int symbol = Buckets.symbol(length - 1);
            add(symbol, length - 1 - BASE[symbol]);
        }

        void addChange(long u) {
            int symbol = RUN_SYMBOLS + Buckets.symbol(u);
            add(symbol, u - BASE[symbol]);
        }

        /** Stores the code and the events; returns the coded size in bits (code excluded). */
        void write(BitSink out, PrefixCode code) {
            code.build(counts, ALPHABET);
            code.write(out);
            int[] codes = code.codes;
            int[] lengths = code.lengths;
            for (int e = 0; e < size; e++) {
                int symbol = symbols[e];
                out.put(codes[symbol], lengths[symbol]);
                int extraBits = EXTRA[symbol];
                if (extraBits > 0) {
                    out.putLong(extras[e], extraBits);
                }
            }
        }
    }

    static void encodeTimestamps(BitSink out, PrefixCode code, Events events, long[] timestampsMs, int count, long unitMs) {
        events.reset(count);
        long previousDeltaMs = unitMs;
        int i = 1;
        while (i < count) {
            long deltaMs = timestampsMs[i] - timestampsMs[i - 1];
            if (deltaMs == previousDeltaMs) {
                int runEnd = i + 1;
                while (runEnd < count && timestampsMs[runEnd] - timestampsMs[runEnd - 1] == previousDeltaMs) {
                    runEnd++;
                }
                events.addRun(runEnd - i);
                i = runEnd;
            } else {
                events.addChange(Long.divideUnsigned(deltaMs, unitMs) - 1);
                previousDeltaMs = deltaMs;
                i++;
            }
        }
        events.write(out, code);
    }

    static void encodeValues(BitSink out, PrefixCode code, Events events, long[] values, int count, long scale) {
        events.reset(count);
        int i = 1;
        while (i < count) {
            if (values[i] == values[i - 1]) {
                int runEnd = i + 1;
                while (runEnd < count && values[runEnd] == values[runEnd - 1]) {
                    runEnd++;
                }
                events.addRun(runEnd - i);
                i = runEnd;
            } else {
                long delta = scale == 1 ? values[i] - values[i - 1] : values[i] / scale - values[i - 1] / scale;
                events.addChange(ChunkCodec.zigzag(delta) - 1);
                i++;
            }
        }
        events.write(out, code);
    }

    static void decodeTimestamps(BitSource in, PrefixCode code, long[] timestampsMs, int count, long unitMs) {
        if (!readCode(in, code, count)) {
            return;
        }
        int[] table = code.table;
        int mask = (1 << code.tableBits) - 1;
        long previousDeltaMs = unitMs;
        long previous = timestampsMs[0];
        int i = 1;
        while (i < count) {
            if (in.bits < 44) {
                in.refill();
            }
            int entry = table[(int) in.buffer & mask];
            int symbol = entry >>> 4;
            long u = readExtra(in, entry, symbol);
            if (symbol < RUN_SYMBOLS) {
                int runEnd = runEnd(u, i, count);
                for (int j = i; j < runEnd; j++) {
                    previous += previousDeltaMs;
                    timestampsMs[j] = previous;
                }
                i = runEnd;
            } else {
                previousDeltaMs = (u + 1) * unitMs;
                previous += previousDeltaMs;
                timestampsMs[i++] = previous;
            }
        }
        in.requireWithinInput();
    }

    static void decodeValues(BitSource in, PrefixCode code, long[] values, int count, long scale) {
        if (!readCode(in, code, count)) {
            return;
        }
        int[] table = code.table;
        int mask = (1 << code.tableBits) - 1;
        long previous = values[0];
        int i = 1;
        while (i < count) {
            if (in.bits < 44) {
                in.refill();
            }
            int entry = table[(int) in.buffer & mask];
            int symbol = entry >>> 4;
            long u = readExtra(in, entry, symbol);
            if (symbol < RUN_SYMBOLS) {
                int runEnd = runEnd(u, i, count);
                Arrays.fill(values, i, runEnd, previous);
                i = runEnd;
            } else {
                previous += ChunkCodec.unzigzag(u + 1) * scale;
                values[i++] = previous;
            }
        }
        in.requireWithinInput();
    }

    /** Consumes the symbol's code (entry's length) and returns bucket base + its extra bits. */
    private static long readExtra(BitSource in, int entry, int symbol) {
        int extraBits = EXTRA[symbol];
        if (extraBits <= 32) { // the common case: code + extra bits fit the refilled buffer
            long buffer = in.buffer >>> (entry & 15);
            long u = BASE[symbol] + (buffer & ((1L << extraBits) - 1));
            in.buffer = buffer >>> extraBits;
            in.bits -= (entry & 15) + extraBits;
            return u;
        }
        in.buffer >>>= entry & 15;
        in.bits -= entry & 15;
        return BASE[symbol] + in.readLong(extraBits);
    }

    private static boolean readCode(BitSource in, PrefixCode code, int count) {
        if (!code.read(in)) {
            if (count > 1) {
                throw new CorruptChunkException("column has readings but no symbols");
            }
            return false;
        }
        if (code.symbolRange() > ALPHABET) {
            throw new CorruptChunkException("column symbol out of range");
        }
        return true;
    }

    private static int runEnd(long u, int i, int count) {
        if (u < 0 || u >= count - i) {
            throw new CorruptChunkException("run of " + Long.toUnsignedString(u + 1) + " exceeds the chunk");
        }
        return i + (int) u + 1;
    }
}
