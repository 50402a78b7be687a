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
    private static final int PRECISION_BITS = 2;
    /** Per precision: bucket base and extra bits of each column symbol. */
    private static final long[][] BASE = new long[Buckets.PRECISIONS][ALPHABET];
    private static final int[][] EXTRA = new int[Buckets.PRECISIONS][PrefixCode.MAX_SYMBOLS];
    /** Per precision: the column symbol of each finest-precision column symbol (buckets nest). */
    private static final int[][] FROM_FINEST = new int[Buckets.PRECISIONS][ALPHABET];

    static {
        for (int p = 0; p < Buckets.PRECISIONS; p++) {
            for (int s = 0; s < ALPHABET; s++) {
                int offset = s < RUN_SYMBOLS ? 0 : RUN_SYMBOLS;
                int bucket = s - offset;
                if (bucket < Buckets.symbols(p)) {
                    BASE[p][s] = Buckets.base(bucket, p);
                    EXTRA[p][s] = Buckets.extraBits(bucket, p);
                }
                FROM_FINEST[p][s] = offset + Buckets.symbol(Buckets.base(bucket, Buckets.FINEST), p);
            }
        }
    }

    private PackedColumns() {}

    /** Bucket base of each column symbol at a bucket precision. */
    static long[] bases(int precision) {
        return BASE[precision];
    }

    /** Raw bits after each column symbol at a bucket precision (indexable by any stored symbol). */
    static int[] extraBits(int precision) {
        return EXTRA[precision];
    }

    /** Scratch for one column's events; reused per thread. */
    static final class Events {
        /** Finest-precision symbol per event. */
        int[] symbols = new int[4096];
        /** The event's integer (run length − 1, or the change's u). */
        long[] values = new long[4096];
        final int[] counts = new int[ALPHABET];
        /** Symbols with a non-zero count, so per-chunk work scales with them, not the alphabet. */
        private final int[] used = new int[ALPHABET];
        private int usedCount;
        private final int[] coarseCounts = new int[ALPHABET];
        private final int[] coarseUsed = new int[ALPHABET];
        private int coarseUsedCount;
        /** Own codes costed per precision: the best so far and the next candidate (swapped, not rebuilt). */
        private PrefixCode bestOwnCode = new PrefixCode();
        private PrefixCode candidateCode = new PrefixCode();
        int size;

        void reset(int capacity) {
            if (symbols.length < capacity) {
                symbols = new int[Math.max(capacity, symbols.length * 2)];
                values = new long[symbols.length];
            }
            for (int i = 0; i < usedCount; i++) {
                counts[used[i]] = 0;
            }
            usedCount = 0;
            size = 0;
        }

        void addRun(long length) {
            add(Buckets.symbol(length - 1, Buckets.FINEST), length - 1);
        }

        void addChange(long u) {
            add(RUN_SYMBOLS + Buckets.symbol(u, Buckets.FINEST), u);
        }

        private void add(int symbol, long value) {
            symbols[size] = symbol;
            values[size++] = value;
            if (counts[symbol]++ == 0) {
                used[usedCount++] = symbol;
            }
        }

        /** Picks the bucket precision that codes smallest, then stores it, the code and the events. */
        void write(BitSink out, PrefixCode code) {
            int best = Buckets.FINEST;
            long bestBits = Long.MAX_VALUE;
            for (int p = Buckets.FINEST; p >= 0; p--) {
                long bits = codedBits(candidateCode, p);
                if (bits < bestBits) {
                    bestBits = bits;
                    best = p;
                    PrefixCode kept = bestOwnCode;
                    bestOwnCode = candidateCode;
                    candidateCode = kept;
                }
            }
            histogram(DefaultCodes.PRECISION);
            int bestDefault = -1;
            for (int index : DefaultCodes.candidates(coarseCounts, coarseUsed, coarseUsedCount)) {
                long bits = PRECISION_BITS + 2 + DefaultCodes.INDEX_BITS + payloadBits(DefaultCodes.code(index), DefaultCodes.PRECISION);
                if (bits < bestBits) {
                    bestBits = bits;
                    bestDefault = index;
                }
            }
            int precision = bestDefault >= 0 ? DefaultCodes.PRECISION : best;
            if (bestDefault >= 0) {
                code.useDefault(bestDefault);
            } else { // the best precision's code, as costed: only its canonical codes are missing
                code = bestOwnCode;
                code.assignCodes();
            }
            out.put(precision, PRECISION_BITS);
            code.write(out, RUN_SYMBOLS);
            int[] codes = code.codes;
            int[] lengths = code.lengths;
            int[] toCoarse = FROM_FINEST[precision];
            long[] base = BASE[precision];
            int[] extra = EXTRA[precision];
            for (int e = 0; e < size; e++) {
                int symbol = toCoarse[symbols[e]];
                int length = lengths[symbol];
                int extraBits = extra[symbol];
                if (length + extraBits <= 32) { // code and extra bits in one put
                    out.put(codes[symbol] | (values[e] - base[symbol]) << length, length + extraBits);
                } else {
                    out.put(codes[symbol], length);
                    out.putLong(values[e] - base[symbol], extraBits);
                }
            }
        }

        /** Bits of the column with {@code code} built (lengths only) for the events at this precision. */
        private long codedBits(PrefixCode code, int precision) {
            histogram(precision);
            code.buildLengths(coarseCounts, coarseUsed, coarseUsedCount);
            return PRECISION_BITS + code.storedBits(RUN_SYMBOLS) + payloadBits(code, precision);
        }

        /** Bits of the events (codes and extra bits) under {@code code}, from {@link #coarseCounts}. */
        private long payloadBits(PrefixCode code, int precision) {
            long bits = 0;
            int[] extra = EXTRA[precision];
            for (int i = 0; i < coarseUsedCount; i++) {
                int s = coarseUsed[i];
                bits += (long) coarseCounts[s] * (code.lengths[s] + extra[s]);
            }
            return bits;
        }

        private void histogram(int precision) {
            for (int i = 0; i < coarseUsedCount; i++) {
                coarseCounts[coarseUsed[i]] = 0;
            }
            coarseUsedCount = 0;
            int[] toCoarse = FROM_FINEST[precision];
            for (int i = 0; i < usedCount; i++) {
                int coarse = toCoarse[used[i]];
                if (coarseCounts[coarse] == 0) {
                    coarseUsed[coarseUsedCount++] = coarse;
                }
                coarseCounts[coarse] += counts[used[i]];
            }
        }
    }

    static void encodeTimestamps(BitSink out, PrefixCode code, Events events, long[] timestampsMs, int count, long unitMs) {
        if (count < 2) {
            return;
        }
        events.reset(count);
        Divisor unit = new Divisor(unitMs);
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
                events.addChange(unit.unsignedQuotientOfMultiple(deltaMs) - 1);
                previousDeltaMs = deltaMs;
                i++;
            }
        }
        events.write(out, code);
    }

    /** @return the number of readings that changed the value (the encoder's density measure) */
    static int encodeValues(BitSink out, PrefixCode code, Events events, long[] values, int count, long scale) {
        if (count < 2) {
            return 0;
        }
        events.reset(count);
        Divisor units = new Divisor(scale);
        int changes = 0;
        long previousUnits = units.quotientOfMultiple(values[0]); // of values[i - 1]: runs repeat it
        boolean previousNegative = false;
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
                long current = units.quotientOfMultiple(values[i]);
                long delta = current - previousUnits;
                previousUnits = current;
                events.addChange(ChunkCodec.zigzag(previousNegative ? -delta : delta) - 1);
                previousNegative = delta < 0;
                changes++;
                i++;
            }
        }
        events.write(out, code);
        return changes;
    }

    static void decodeTimestamps(BitSource in, PrefixCode code, long[] timestampsMs, int count, long unitMs) {
        if (count < 2) {
            return;
        }
        long[] base = BASE[readHeader(in, code, true)];
        int[] table = code.table;
        int mask = (1 << code.tableBits) - 1;
        long previousDeltaMs = unitMs;
        long previous = timestampsMs[0];
        int i = 1;
        while (i < count) {
            in.refill(); // every event: a branch on the bit count would mispredict on varying code lengths
            int entry = table[(int) in.buffer & mask];
            int symbol = PrefixCode.symbol(entry);
            long u = base[symbol] + readExtra(in, entry);
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

    /**
     * The hot loop of dense data: the bit buffer lives in locals (not {@link BitSource}'s fields)
     * and an event is one load from the column's {@link EventTable}, which resolves code and
     * extra bits to the event's value and carries how many bits to consume — no field
     * extraction on the path from one event's lookup to the next.
     *
     * @param eventTable the column's decoding table (per column and thread: kept while the code repeats)
     * @param version chunk format version; 2 = changes coded with their own sign, not relative
     *     to the previous one's
     */
    static void decodeValues(BitSource in, PrefixCode code, EventTable eventTable, long[] values, int count, long scale,
            int version) {
        if (count < 2) {
            return;
        }
        int precision = readHeader(in, code, false);
        long[] base = BASE[precision];
        int[] extra = EXTRA[precision];
        eventTable.build(code, base, extra, RUN_SYMBOLS);
        int[] events = eventTable.entries;
        int mask = (1 << eventTable.bits) - 1;
        long previous = values[0];
        long signFlip = 0; // -1 after a falling change (version 3), so the change is negated back
        long keepSign = version < 3 ? 0 : -1;
        long buffer = in.buffer;
        int bits = in.bits;
        int position = in.position;
        byte[] bytes = in.input();
        int lastFullLoad = in.end() - Long.BYTES;
        int i = 1;
        while (i < count) {
            // Refilled before every event, without a branch on the bit count: that branch follows
            // the varying code lengths and mispredicted every few events. The load's address is
            // known an event ahead, so it stays off the critical path (table load, shift).
            if (position <= lastFullLoad) {
                buffer |= BitSource.loadLong(bytes, position) << bits;
                position += (63 - bits) >>> 3;
                bits |= 56;
            } else {
                in.buffer = buffer;
                in.bits = bits;
                in.position = position;
                in.refill();
                buffer = in.buffer;
                bits = in.bits;
                position = in.position;
            }
            int entry = events[(int) buffer & mask];
            long value;
            if ((entry & EventTable.SLOW) == 0) {
                buffer >>>= entry; // by the entry's low 6 bits: code length + extra bits
                bits -= entry & 63;
                value = EventTable.value(entry);
            } else { // code and extra bits longer than the index (large steps: 1 Hz filled data)
                int symbol = EventTable.slowSymbol(entry);
                int length = EventTable.slowCodeLength(entry);
                int extraBits = extra[symbol];
                long u;
                if (extraBits <= BitSource.EVENT_BITS - PrefixCode.MAX_BITS) { // within the refilled buffer
                    u = base[symbol] + ((buffer >>> length) & ((1L << extraBits) - 1));
                    buffer >>>= length + extraBits;
                    bits -= length + extraBits;
                } else {
                    in.buffer = buffer >>> length;
                    in.bits = bits - length;
                    in.position = position;
                    u = base[symbol] + in.readLong(extraBits);
                    buffer = in.buffer;
                    bits = in.bits;
                    position = in.position;
                }
                entry = symbol < RUN_SYMBOLS ? EventTable.RUN : 0;
                value = symbol < RUN_SYMBOLS ? u : ChunkCodec.unzigzag(u + 1);
            }
            if ((entry & EventTable.RUN) != 0) {
                i = fillRun(values, i, runEnd(value, i, count), count, previous);
            } else {
                long delta = (value ^ signFlip) - signFlip;
                signFlip = delta >> 63 & keepSign;
                previous += delta * scale;
                values[i++] = previous;
            }
        }
        in.buffer = buffer;
        in.bits = bits;
        in.position = position;
        in.requireWithinInput();
    }

    /**
     * Fills {@code values[from, to)}; may also write up to {@value #RUN_BLOCK} − 1 values past
     * {@code to} (below {@code count}), which the following events overwrite. Runs between
     * changes are short and of varying length: fixed blocks of stores replace a loop whose exit
     * mispredicts on every run, and Arrays.fill's call.
     *
     * @return {@code to}
     */
    private static int fillRun(long[] values, int from, int to, int count, long value) {
        int i = from;
        if (to - from <= RUN_BLOCK && from + RUN_BLOCK <= count) {
            for (int j = 0; j < RUN_BLOCK; j++) {
                values[from + j] = value;
            }
            return to;
        }
        Arrays.fill(values, i, to, value);
        return to;
    }

    private static final int RUN_BLOCK = 8;

    /** Consumes the entry's code and extra bits; returns the extra bits (the offset in the bucket). */
    private static long readExtra(BitSource in, int entry) {
        int length = PrefixCode.codeLength(entry);
        int extraBits = PrefixCode.extraBits(entry);
        if (extraBits <= BitSource.EVENT_BITS - PrefixCode.MAX_BITS) { // the common case: both fit the refilled buffer
            long buffer = in.buffer;
            in.buffer = buffer >>> entry; // by the entry's low 6 bits: code length + extra bits
            in.bits -= PrefixCode.consumedBits(entry);
            return (buffer >>> length) & ((1L << extraBits) - 1);
        }
        in.buffer >>>= length;
        in.bits -= length;
        return in.readLong(extraBits);
    }

    /**
     * Reads a column's bucket precision and prefix code; returns the precision.
     *
     * @param decodingTable build the code's own table (value columns decode through an {@link EventTable})
     */
    private static int readHeader(BitSource in, PrefixCode code, boolean decodingTable) {
        int precision = (int) in.read(PRECISION_BITS);
        if (precision >= Buckets.PRECISIONS) {
            throw new CorruptChunkException("unknown bucket precision " + precision);
        }
        if (!code.read(in, RUN_SYMBOLS, EXTRA[precision], decodingTable)) {
            throw new CorruptChunkException("column has readings but no symbols");
        }
        if (code.symbolRange() > ALPHABET) {
            throw new CorruptChunkException("column symbol out of range");
        }
        if (code.isDefault() && precision != DefaultCodes.PRECISION) {
            throw new CorruptChunkException("default code with bucket precision " + precision);
        }
        return precision;
    }

    private static int runEnd(long u, int i, int count) {
        if (u < 0 || u >= count - i) {
            throw new CorruptChunkException("run of " + Long.toUnsignedString(u + 1) + " exceeds the chunk");
        }
        return i + (int) u + 1;
    }
}
