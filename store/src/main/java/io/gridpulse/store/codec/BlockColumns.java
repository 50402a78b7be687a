package io.gridpulse.store.codec;

import java.util.Arrays;

/**
 * The sealed-hour body layout (format version 8, {@link ChunkCodec#FLAG_BLOCKS}): frame-of-reference
 * bit packing. A column is cut into blocks of up to {@value #BLOCK} readings; a block stores its
 * smallest integer and the bit width of the largest offset from it, then each reading's offset in
 * exactly that width. Encoding needs no code search, and decoding no table lookup: every reading
 * of a block takes the same number of bits, so the decoder's serial work per reading is a shift
 * and a running sum. On change-only meters, where every reading is an event of the
 * {@link PackedColumns} layout, that is what bounds the speed; the price is bytes (a width per
 * block instead of a code per event), paid only for the hours of the current day.
 *
 * <p>Integers are the packed layout's: a timestamp is its delta in units − 1, a value change its
 * zigzagged change in units of the column's scale − 1, signed relative to the previous change.
 */
final class BlockColumns {
    static final int BLOCK = 32;
    private static final int WIDTH_BITS = 7;
    private static final int KIND_BITS = 2;
    /** Value blocks: a run of unchanged readings (any length). */
    private static final int REPEAT = 0;
    /** Value blocks: every reading a change. */
    private static final int CHANGES = 1;
    /** Value blocks: a mask of which readings change, then the changes. */
    private static final int MIXED = 2;

    private BlockColumns() {}

    /** Per-reading integers of one column; reused per thread. */
    static final class Scratch {
        long[] integers = new long[4096];
        /** Value columns: 1 where the reading changes the value. */
        byte[] changed = new byte[4096];
        /** One block's changes, scaled, after a zero (so an unchanged reading adds entry 0). */
        final long[] steps = new long[BLOCK + 1];

        void reserve(int count) {
            if (integers.length < count) {
                integers = new long[Math.max(count, integers.length * 2)];
                changed = new byte[integers.length];
            }
        }
    }

    static void encodeTimestamps(BitSink out, Scratch scratch, long[] timestampsMs, int count, long unitMs) {
        int n = count - 1;
        if (n < 1) {
            return;
        }
        scratch.reserve(n);
        long[] u = scratch.integers;
        Divisor unit = new Divisor(unitMs);
        for (int i = 0; i < n; i++) {
            u[i] = unit.unsignedQuotientOfMultiple(timestampsMs[i + 1] - timestampsMs[i]) - 1;
        }
        int i = 0;
        while (i < n) {
            int run = i + 1;
            while (run < n && u[run] == u[i]) {
                run++;
            }
            if (run - i >= BLOCK || run == n) { // width 0: one integer for the whole run
                out.put(0, WIDTH_BITS);
                putNumber(out, u[i]);
                putNumber(out, run - i);
                i = run;
                continue;
            }
            int end = Math.min(n, i + BLOCK);
            i = putBlock(out, u, i, end);
        }
    }

    /** @return the number of readings that changed the value (the encoder's density measure) */
    static int encodeValues(BitSink out, Scratch scratch, long[] values, int count, long scale) {
        int n = count - 1;
        if (n < 1) {
            return 0;
        }
        scratch.reserve(n);
        long[] z = scratch.integers;
        byte[] changed = scratch.changed;
        Divisor units = new Divisor(scale);
        long previousUnits = units.quotientOfMultiple(values[0]);
        boolean previousNegative = false;
        int changes = 0;
        for (int i = 0; i < n; i++) {
            if (values[i + 1] == values[i]) {
                changed[i] = 0;
                continue;
            }
            long current = units.quotientOfMultiple(values[i + 1]);
            long delta = current - previousUnits;
            previousUnits = current;
            z[changes++] = ChunkCodec.zigzag(previousNegative ? -delta : delta) - 1; // compacted: changes only
            previousNegative = delta < 0;
            changed[i] = 1;
        }
        int i = 0;
        int c = 0; // changes written so far
        while (i < n) {
            int repeatEnd = i;
            while (repeatEnd < n && changed[repeatEnd] == 0) {
                repeatEnd++;
            }
            if (repeatEnd - i >= BLOCK || repeatEnd == n) {
                out.put(REPEAT, KIND_BITS);
                putNumber(out, repeatEnd - i);
                i = repeatEnd;
                continue;
            }
            int end = Math.min(n, i + BLOCK);
            int mask = 0;
            for (int j = i; j < end; j++) {
                mask |= changed[j] << (j - i);
            }
            int blockChanges = Integer.bitCount(mask);
            if (blockChanges == end - i) {
                out.put(CHANGES, KIND_BITS);
            } else {
                out.put(MIXED, KIND_BITS);
                out.put(mask & 0xFFFF_FFFFL, end - i);
            }
            c = putBlock(out, z, c, c + blockChanges);
            i = end;
        }
        return changes;
    }

    /** Width, base and offsets of {@code u[from, to)}; returns {@code to}. */
    private static int putBlock(BitSink out, long[] u, int from, int to) {
        long min = u[from];
        long max = u[from];
        for (int j = from + 1; j < to; j++) { // unsigned: zigzagged changes use all 64 bits
            min = Long.compareUnsigned(u[j], min) < 0 ? u[j] : min;
            max = Long.compareUnsigned(u[j], max) > 0 ? u[j] : max;
        }
        int width = Long.SIZE - Long.numberOfLeadingZeros(max - min);
        out.put(width, WIDTH_BITS);
        putNumber(out, min);
        for (int j = from; j < to; j++) {
            out.putLong(u[j] - min, width);
        }
        return to;
    }

    /** An unsigned integer as its bit length (7 bits) and its bits. */
    private static void putNumber(BitSink out, long value) {
        int length = Long.SIZE - Long.numberOfLeadingZeros(value);
        out.put(length, WIDTH_BITS);
        out.putLong(value, length);
    }

    static void decodeTimestamps(BitSource in, long[] timestampsMs, int count, long unitMs) {
        long previous = timestampsMs[0];
        int i = 1;
        while (i < count) {
            int width = readWidth(in);
            long base = readNumber(in);
            if (width == 0) {
                int end = i + readLength(in, count - i);
                long stepMs = (base + 1) * unitMs;
                for (; i < end; i++) {
                    previous += stepMs;
                    timestampsMs[i] = previous;
                }
                continue;
            }
            int end = Math.min(count, i + BLOCK);
            if (width <= BitSource.EVENT_BITS) {
                for (; i < end; i++) {
                    previous += (base + in.read(width) + 1) * unitMs;
                    timestampsMs[i] = previous;
                }
            } else {
                for (; i < end; i++) {
                    previous += (base + in.readLong(width) + 1) * unitMs;
                    timestampsMs[i] = previous;
                }
            }
        }
        in.requireWithinInput();
    }

    static void decodeValues(BitSource in, Scratch scratch, long[] values, int count, long scale) {
        long previous = values[0];
        long signFlip = 0; // -1 after a falling change: the next change is stored negated
        long[] steps = scratch.steps;
        int i = 1;
        while (i < count) {
            int kind = (int) in.read(KIND_BITS);
            if (kind == REPEAT) {
                int end = i + readLength(in, count - i);
                Arrays.fill(values, i, end, previous);
                i = end;
                continue;
            }
            int n = Math.min(BLOCK, count - i);
            long mask;
            if (kind == CHANGES) {
                mask = -1L >>> (Long.SIZE - n);
            } else if (kind == MIXED) {
                mask = in.read(n);
            } else {
                throw new CorruptChunkException("unknown value block kind " + kind);
            }
            int changes = Long.bitCount(mask);
            if (changes == 0) {
                throw new CorruptChunkException("value block without changes");
            }
            int width = readWidth(in);
            long base = readNumber(in);
            if (kind == CHANGES) { // every reading a change: straight into the column
                for (int end = i + n; i < end; i++) {
                    long delta = (ChunkCodec.unzigzag(base + readBits(in, width) + 1) ^ signFlip) - signFlip;
                    signFlip = delta >> 63;
                    previous += delta * scale;
                    values[i] = previous;
                }
                continue;
            }
            for (int k = 1; k <= changes; k++) {
                long delta = (ChunkCodec.unzigzag(base + readBits(in, width) + 1) ^ signFlip) - signFlip;
                signFlip = delta >> 63;
                steps[k] = delta * scale;
            }
            int k = 0;
            for (int j = 0; j < n; j++) { // without a branch on the mask: changes fall at random
                int bit = (int) (mask >>> j) & 1;
                k += bit;
                previous += steps[k & -bit];
                values[i + j] = previous;
            }
            i += n;
        }
        in.requireWithinInput();
    }

    private static long readBits(BitSource in, int width) {
        return width <= BitSource.EVENT_BITS ? in.read(width) : in.readLong(width);
    }

    private static int readWidth(BitSource in) {
        int width = (int) in.read(WIDTH_BITS);
        if (width > Long.SIZE) {
            throw new CorruptChunkException("block width " + width + " bits");
        }
        return width;
    }

    private static long readNumber(BitSource in) {
        return in.readLong(readWidth(in));
    }

    private static int readLength(BitSource in, int remaining) {
        long length = readNumber(in);
        if (length < 1 || length > remaining) {
            throw new CorruptChunkException("run of " + Long.toUnsignedString(length) + " readings where " + remaining + " remain");
        }
        return (int) length;
    }
}
