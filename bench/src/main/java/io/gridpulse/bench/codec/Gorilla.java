package io.gridpulse.bench.codec;

/**
 * Reference encoder: Facebook Gorilla (Pelkonen et al., VLDB 2015) as described in the paper,
 * written for this benchmark. One block per chunk: 64-bit first timestamp, first delta in 14 bits,
 * then delta-of-delta in the paper's buckets ('0', '10'+7, '110'+9, '1110'+12, '1111'+32 bits);
 * values as IEEE doubles in watts, XOR with the previous value ('0' same, '10' reuse the
 * previous meaningful-bit window, '11' + 5-bit leading zeros + 6-bit length + bits).
 *
 * <p>Timestamps are coded in seconds when all are whole seconds (as the paper does), else in
 * milliseconds; one flag bit says which. Out-of-range deltas (beyond the paper's 32-bit field)
 * use an escape so that the encoder stays lossless on any input.
 */
public final class Gorilla {
    private static final int FIRST_DELTA_BITS = 14;
    private static final long FIRST_DELTA_ESCAPE = (1L << FIRST_DELTA_BITS) - 1;
    private static final long WIDE_ESCAPE = 0x8000_0000L;

    private Gorilla() {}

    /** Encodes one block; returns its size in bytes (bits rounded up). */
    public static int encodedBytes(long[] timestampsMs, long[] powerMilliwatts, int count) {
        return (int) ((encode(timestampsMs, powerMilliwatts, count).bitCount() + 7) / 8);
    }

    static BitWriter encode(long[] timestampsMs, long[] powerMilliwatts, int count) {
        BitWriter out = new BitWriter();
        if (count == 0) {
            return out;
        }
        boolean seconds = allWholeSeconds(timestampsMs, count);
        long unit = seconds ? 1000 : 1;
        out.writeBit(seconds ? 1 : 0);
        out.write(timestampsMs[0] / unit, 64);
        encodeTimestamps(out, timestampsMs, count, unit);
        encodeValues(out, powerMilliwatts, count);
        return out;
    }

    /** Decodes a block back to (timestamp ms, watts as double) for the losslessness check. */
    static void decode(BitWriter block, int count, long[] timestampsMs, double[] watts) {
        if (count == 0) {
            return;
        }
        BitWriter.BitReader in = block.reader();
        long unit = in.readBit() == 1 ? 1000 : 1;
        long previous = in.read(64);
        timestampsMs[0] = previous * unit;
        long delta = 0;
        for (int i = 1; i < count; i++) {
            delta = i == 1 ? readFirstDelta(in) : delta + readDeltaOfDelta(in);
            previous += delta;
            timestampsMs[i] = previous * unit;
        }
        decodeValues(in, count, watts);
    }

    private static void encodeTimestamps(BitWriter out, long[] timestampsMs, int count, long unit) {
        long previousDelta = 0;
        for (int i = 1; i < count; i++) {
            long delta = (timestampsMs[i] - timestampsMs[i - 1]) / unit;
            if (i == 1) {
                writeFirstDelta(out, delta);
            } else {
                writeDeltaOfDelta(out, delta - previousDelta);
            }
            previousDelta = delta;
        }
    }

    private static void writeFirstDelta(BitWriter out, long delta) {
        if (delta >= 0 && delta < FIRST_DELTA_ESCAPE) {
            out.write(delta, FIRST_DELTA_BITS);
        } else {
            out.write(FIRST_DELTA_ESCAPE, FIRST_DELTA_BITS);
            out.write(delta, 64);
        }
    }

    private static long readFirstDelta(BitWriter.BitReader in) {
        long delta = in.read(FIRST_DELTA_BITS);
        return delta == FIRST_DELTA_ESCAPE ? in.read(64) : delta;
    }

    private static void writeDeltaOfDelta(BitWriter out, long dod) {
        if (dod == 0) {
            out.writeBit(0);
        } else if (dod >= -63 && dod <= 64) {
            out.write(0b10, 2);
            out.write(dod, 7);
        } else if (dod >= -255 && dod <= 256) {
            out.write(0b110, 3);
            out.write(dod, 9);
        } else if (dod >= -2047 && dod <= 2048) {
            out.write(0b1110, 4);
            out.write(dod, 12);
        } else if (dod > Integer.MIN_VALUE && dod <= Integer.MAX_VALUE) {
            out.write(0b1111, 4);
            out.write(dod, 32);
        } else {
            out.write(0b1111, 4);
            out.write(WIDE_ESCAPE, 32);
            out.write(dod, 64);
        }
    }

    private static long readDeltaOfDelta(BitWriter.BitReader in) {
        if (in.readBit() == 0) {
            return 0;
        }
        if (in.readBit() == 0) {
            return signExtend(in.read(7), 7);
        }
        if (in.readBit() == 0) {
            return signExtend(in.read(9), 9);
        }
        if (in.readBit() == 0) {
            return signExtend(in.read(12), 12);
        }
        long wide = in.read(32);
        return wide == WIDE_ESCAPE ? in.read(64) : signExtend(wide, 32);
    }

    /** Values in the paper's fields; +64 in 7 bits wraps to -64, so widen it back. */
    private static long signExtend(long value, int width) {
        long extended = (value << (64 - width)) >> (64 - width);
        long half = 1L << (width - 1);
        return extended == -half ? half : extended;
    }

    private static void encodeValues(BitWriter out, long[] powerMilliwatts, int count) {
        long previous = Double.doubleToRawLongBits(powerMilliwatts[0] / 1000.0);
        out.write(previous, 64);
        int previousLeading = -1;
        int previousTrailing = 0;
        for (int i = 1; i < count; i++) {
            long current = Double.doubleToRawLongBits(powerMilliwatts[i] / 1000.0);
            long xor = current ^ previous;
            previous = current;
            if (xor == 0) {
                out.writeBit(0);
                continue;
            }
            int leading = Math.min(Long.numberOfLeadingZeros(xor), 31);
            int trailing = Long.numberOfTrailingZeros(xor);
            if (previousLeading >= 0 && leading >= previousLeading && trailing >= previousTrailing) {
                out.write(0b10, 2);
                out.write(xor >>> previousTrailing, 64 - previousLeading - previousTrailing);
            } else {
                int meaningful = 64 - leading - trailing;
                out.write(0b11, 2);
                out.write(leading, 5);
                out.write(meaningful - 1, 6); // 1..64 stored as 0..63
                out.write(xor >>> trailing, meaningful);
                previousLeading = leading;
                previousTrailing = trailing;
            }
        }
    }

    private static void decodeValues(BitWriter.BitReader in, int count, double[] watts) {
        long previous = in.read(64);
        watts[0] = Double.longBitsToDouble(previous);
        int leading = 0;
        int trailing = 0;
        for (int i = 1; i < count; i++) {
            if (in.readBit() == 1) {
                if (in.readBit() == 1) {
                    leading = (int) in.read(5);
                    trailing = 64 - leading - ((int) in.read(6) + 1);
                }
                previous ^= in.read(64 - leading - trailing) << trailing;
            }
            watts[i] = Double.longBitsToDouble(previous);
        }
    }

    private static boolean allWholeSeconds(long[] timestampsMs, int count) {
        for (int i = 0; i < count; i++) {
            if (timestampsMs[i] % 1000 != 0) {
                return false;
            }
        }
        return true;
    }
}
