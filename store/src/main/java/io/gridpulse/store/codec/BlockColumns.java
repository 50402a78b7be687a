package io.gridpulse.store.codec;

import java.util.Arrays;

/**
 * The sealed-hour body layout (format version 8, {@link ChunkCodec#FLAG_BLOCKS}): frame-of-reference
 * bit packing. A column is cut into blocks of up to {@value #BLOCK} readings; a block stores its
 * smallest integer and a bit width, then each reading's offset from that integer in exactly that
 * width (a rare larger offset as an escape and then its own bits). Encoding needs no code search,
 * and decoding no table lookup: the readings of a block take the same number of bits, so the
 * decoder's serial work per reading is a shift and a running sum. On change-only meters, where every reading is an event of the
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
        /** One block's offsets, decoded. */
        final long[] offsets = new long[BLOCK];
        /** A block's offsets per bit length, and those of them that are 2^length − 1 (the escape at that width). */
        final int[] lengths = new int[Long.SIZE + 1];
        final int[] allOnes = new int[Long.SIZE + 1];

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
            i = putBlock(out, scratch, u, i, end);
        }
    }

    static void encodeValues(BitSink out, Scratch scratch, long[] values, int count, long scale) {
        int n = count - 1;
        if (n < 1) {
            return;
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
            c = putBlock(out, scratch, z, c, c + blockChanges);
            i = end;
        }
    }

    /**
     * Width, base and offsets of {@code u[from, to)}; returns {@code to}. The width may be narrower
     * than the largest offset: offsets from {@code 2^width − 1} on are exceptions, written as that
     * escape and then in the full width. One 9 s gap among REDD's 3 s / 4 s deltas, or one large
     * step among small ones, then costs its own bits, not a wider block (−15 to −30 % bytes).
     */
    private static int putBlock(BitSink out, Scratch scratch, long[] u, int from, int to) {
        long min = u[from];
        long max = u[from];
        for (int j = from + 1; j < to; j++) { // unsigned: zigzagged changes use all 64 bits
            min = Long.compareUnsigned(u[j], min) < 0 ? u[j] : min;
            max = Long.compareUnsigned(u[j], max) > 0 ? u[j] : max;
        }
        int fullWidth = Long.SIZE - Long.numberOfLeadingZeros(max - min);
        int[] lengths = scratch.lengths;
        int[] allOnes = scratch.allOnes;
        Arrays.fill(lengths, 0, fullWidth + 1, 0);
        Arrays.fill(allOnes, 0, fullWidth + 1, 0);
        for (int j = from; j < to; j++) {
            long offset = u[j] - min;
            int length = Long.SIZE - Long.numberOfLeadingZeros(offset);
            lengths[length]++;
            allOnes[length] += (offset & (offset + 1)) == 0 ? 1 : 0;
        }
        int n = to - from;
        int width = fullWidth;
        long bestBits = (long) n * fullWidth;
        int above = 0; // offsets longer than the candidate width
        for (int w = fullWidth - 1; w >= 1; w--) {
            above += lengths[w + 1];
            long bits = (long) n * w + (long) (above + allOnes[w]) * fullWidth + WIDTH_BITS;
            if (bits < bestBits) {
                bestBits = bits;
                width = w;
            }
        }
        out.put(width, WIDTH_BITS);
        putNumber(out, min);
        if (width == 0) {
            return to;
        }
        boolean exceptions = width < fullWidth;
        out.put(exceptions ? 1 : 0, 1);
        if (!exceptions) {
            for (int j = from; j < to; j++) {
                out.putLong(u[j] - min, width);
            }
            return to;
        }
        out.put(fullWidth, WIDTH_BITS);
        long escape = (1L << width) - 1;
        for (int j = from; j < to; j++) {
            long offset = u[j] - min;
            if (Long.compareUnsigned(offset, escape) >= 0) {
                out.putLong(escape, width);
                out.putLong(offset, fullWidth);
            } else {
                out.putLong(offset, width);
            }
        }
        return to;
    }

    /** An unsigned integer as its bit length (7 bits) and its bits. */
    private static void putNumber(BitSink out, long value) {
        int length = Long.SIZE - Long.numberOfLeadingZeros(value);
        out.put(length, WIDTH_BITS);
        out.putLong(value, length);
    }

    static void decodeTimestamps(BitSource in, Scratch scratch, long[] timestampsMs, int count, long unitMs) {
        long previous = timestampsMs[0];
        long[] offsets = scratch.offsets;
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
            int n = Math.min(BLOCK, count - i);
            unpack(in, offsets, n, width);
            for (int j = 0; j < n; j++) {
                previous += (base + offsets[j] + 1) * unitMs;
                timestampsMs[i + j] = previous;
            }
            i += n;
        }
        in.requireWithinInput();
    }

    static void decodeValues(BitSource in, Scratch scratch, long[] values, int count, long scale) {
        long previous = values[0];
        long signFlip = 0; // -1 after a falling change: the next change is stored negated
        long[] offsets = scratch.offsets;
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
            unpack(in, offsets, changes, width);
            if (kind == CHANGES) { // every reading a change: straight into the column
                for (int j = 0; j < n; j++) {
                    long delta = (ChunkCodec.unzigzag(base + offsets[j] + 1) ^ signFlip) - signFlip;
                    signFlip = delta >> 63;
                    previous += delta * scale;
                    values[i + j] = previous;
                }
                i += n;
                continue;
            }
            for (int k = 0; k < changes; k++) {
                long delta = (ChunkCodec.unzigzag(base + offsets[k] + 1) ^ signFlip) - signFlip;
                signFlip = delta >> 63;
                steps[k + 1] = delta * scale;
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

    /** A block's {@code n} offsets (after its width and base) into {@code offsets}. */
    private static void unpack(BitSource in, long[] offsets, int n, int width) {
        if (width == 0) {
            Arrays.fill(offsets, 0, n, 0);
            return;
        }
        int exceptionWidth = readExceptionWidth(in, width);
        if (width > BitSource.EVENT_BITS || exceptionWidth > BitSource.EVENT_BITS) {
            long escape = exceptionWidth == 0 ? -1 : (1L << width) - 1; // -1: no offset of a narrower width equals it
            for (int j = 0; j < n; j++) {
                long offset = in.readLong(width);
                offsets[j] = offset == escape ? in.readLong(exceptionWidth) : offset;
            }
        } else { // the bit buffer in locals; BitSource only to refill and for the rare exception
            long mask = (1L << width) - 1;
            long escape = exceptionWidth == 0 ? -1 : mask;
            long buffer = in.buffer;
            int bits = in.bits;
            for (int j = 0; j < n; j++) {
                if (bits < width) {
                    in.buffer = buffer;
                    in.bits = bits;
                    in.refill();
                    buffer = in.buffer;
                    bits = in.bits;
                }
                long offset = buffer & mask;
                buffer >>>= width;
                bits -= width;
                if (offset == escape) {
                    in.buffer = buffer;
                    in.bits = bits;
                    offset = in.read(exceptionWidth);
                    buffer = in.buffer;
                    bits = in.bits;
                }
                offsets[j] = offset;
            }
            in.buffer = buffer;
            in.bits = bits;
        }
    }

    /** After a block's width ≥ 1: 0, or the width of its exceptions (wider than the block's). */
    private static int readExceptionWidth(BitSource in, int width) {
        if (in.read(1) == 0) {
            return 0;
        }
        int exceptionWidth = readWidth(in);
        if (exceptionWidth <= width) {
            throw new CorruptChunkException("block exceptions of " + exceptionWidth + " bits in a block of " + width);
        }
        return exceptionWidth;
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
