package io.gridpulse.store.codec;

import static io.gridpulse.store.codec.SymbolCoder.SLOTS_PER_CONTEXT;

/**
 * An integer column (power or energy register) in units of its scale: runs of repeated values,
 * then the change as sign + magnitude. The run length is coded in the context of the time
 * delta where the run starts (a long silence on a change-only meter is usually a "still the
 * same" record); the magnitude in the context of this reading's time delta and the previous
 * change's size. Wrapping arithmetic makes any 64-bit sequence lossless. Since format version 3
 * the sign is coded in the context of the previous change's sign: meters that step up and back
 * down (a compressor cycling, noise around a level) repeat or alternate signs, which measured
 * 0.005–0.025 B/reading less on GJW and REDD.
 */
final class ValueColumn {
    private static final int RUN_CONTEXTS = 4;
    private static final int DELTA_CONTEXTS = 16;
    private static final int DELTA_BASE = RUN_CONTEXTS * SLOTS_PER_CONTEXT;
    private static final int SIGN = (RUN_CONTEXTS + DELTA_CONTEXTS) * SLOTS_PER_CONTEXT;
    /** Sign models: no previous change / previous change positive / negative. */
    static final int MODEL_SIZE = SIGN + 3;

    private ValueColumn() {}

    /** @param scale divides every value exactly (≥ 1) */
    static void encode(RangeEncoder encoder, int[] models, int base, long[] values, int count, long scale, byte[] deltaBuckets) {
        int previousChange = 0;
        int signContext = 0;
        Divisor units = new Divisor(scale);
        int i = 1;
        while (i < count) {
            int runEnd = i;
            while (runEnd < count && values[runEnd] == values[runEnd - 1]) {
                runEnd++;
            }
            SymbolCoder.encode(encoder, models, base + runContext(deltaBuckets[i]), runEnd - i);
            if (runEnd == count) {
                return;
            }
            long delta = units.quotientOfMultiple(values[runEnd]) - units.quotientOfMultiple(values[runEnd - 1]);
            int negative = delta < 0 ? 1 : 0;
            long magnitudeMinusOne = (negative == 1 ? -delta : delta) - 1;
            SymbolCoder.encode(encoder, models, base + deltaContext(deltaBuckets[runEnd], previousChange), magnitudeMinusOne);
            encoder.encodeBit(models, base + SIGN + signContext, negative);
            signContext = 1 + negative;
            previousChange = SymbolCoder.bitLength(magnitudeMinusOne) + 1;
            i = runEnd + 1;
        }
    }

    /** @param legacy chunk format version 1 or 2 (one sign model) */
    static void decode(RangeDecoder decoder, int[] models, int base, long[] values, int count, long scale, byte[] deltaBuckets,
            boolean legacy) {
        int previousChange = 0;
        int signContext = 0;
        int i = 1;
        while (i < count) {
            long run = SymbolCoder.decode(decoder, models, base + runContext(deltaBuckets[i]));
            if (run < 0 || run > count - i) {
                throw new CorruptChunkException("value run " + Long.toUnsignedString(run) + " exceeds the chunk");
            }
            int runEnd = i + (int) run;
            java.util.Arrays.fill(values, i, runEnd, values[i - 1]);
            if (runEnd == count) {
                return;
            }
            long magnitudeMinusOne = SymbolCoder.decode(decoder, models, base + deltaContext(deltaBuckets[runEnd], previousChange));
            long magnitude = magnitudeMinusOne + 1;
            int negative = decoder.decodeBit(models, base + SIGN + signContext);
            long delta = negative == 1 ? -magnitude : magnitude;
            signContext = legacy ? 0 : 1 + negative;
            values[runEnd] = values[runEnd - 1] + delta * scale;
            previousChange = SymbolCoder.bitLength(magnitudeMinusOne) + 1;
            i = runEnd + 1;
        }
    }

    private static int runContext(byte deltaBucket) {
        return deltaBucket * SLOTS_PER_CONTEXT;
    }

    private static int deltaContext(byte deltaBucket, int previousChange) {
        int changeBucket = previousChange == 0 ? 0 : previousChange <= 2 ? 1 : previousChange <= 5 ? 2 : 3;
        return DELTA_BASE + (deltaBucket * 4 + changeBucket) * SLOTS_PER_CONTEXT;
    }

    /** Greatest common divisor of all values (1 when none divides, or a value is Long.MIN_VALUE). */
    static long scaleOf(long[] values, int count) {
        long divisor = 0;
        Divisor multiple = null;
        for (int i = 0; i < count; i++) {
            if (i > 0 && values[i] == values[i - 1]) {
                continue;
            }
            if (values[i] == Long.MIN_VALUE) {
                return 1;
            }
            if (multiple != null && multiple.divides(Math.abs(values[i]))) {
                continue; // most values keep the resolution: a multiply instead of a gcd
            }
            divisor = gcd(divisor, Math.abs(values[i]));
            if (divisor == 1) {
                return 1;
            }
            multiple = divisor == 0 ? null : new Divisor(divisor);
        }
        return divisor == 0 ? 1 : divisor;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
