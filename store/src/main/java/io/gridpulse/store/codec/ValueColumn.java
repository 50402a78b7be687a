package io.gridpulse.store.codec;

import static io.gridpulse.store.codec.SymbolCoder.LOW_BIT_SLOTS;
import static io.gridpulse.store.codec.SymbolCoder.SLOTS_PER_CONTEXT;
import static io.gridpulse.store.codec.SymbolCoder.THIRD_BIT_SLOTS;

import java.util.Arrays;

/**
 * An integer column (power or energy register) in units of its scale: runs of repeated values,
 * then the change as sign + magnitude. The run length is coded in the context of the time
 * delta where the run starts (a long silence on a change-only meter is usually a "still the
 * same" record); the magnitude in the context of this reading's time delta and the previous
 * change's size. Wrapping arithmetic makes any 64-bit sequence lossless. Since format version 3
 * the sign is coded in the context of the previous change's sign: meters that step up and back
 * down (a compressor cycling, noise around a level) repeat or alternate signs, which measured
 * 0.005–0.025 B/reading less on GJW and REDD.
 *
 * <p>Since version 5 the run after a delta of 4k + 3 units ({@link TimestampColumn#BUCKET_4K_PLUS_3})
 * has its own context, and a change's third bit and lowest bit are adaptive (per magnitude
 * context and per time bucket): GJW's meter repeats a value after such gaps a third of the time
 * (1–8 % after others), logs steps of ≥ 21 W, and steps by an even number of watts twice as
 * often as by an odd one.
 */
final class ValueColumn {
    /** Delta buckets 0..3; version 5 adds {@link TimestampColumn#BUCKET_4K_PLUS_3}. */
    private static final int RUN_CONTEXTS = 5;
    private static final int TIME_BUCKETS = 4;
    private static final int DELTA_CONTEXTS = TIME_BUCKETS * 4;
    private static final int DELTA_BASE = RUN_CONTEXTS * SLOTS_PER_CONTEXT;
    private static final int SIGN = (RUN_CONTEXTS + DELTA_CONTEXTS) * SLOTS_PER_CONTEXT;
    /** Sign models: no previous change / previous change positive / negative. */
    private static final int SIGN_CONTEXTS = 3;
    private static final int THIRD_BIT_BASE = SIGN + SIGN_CONTEXTS;
    private static final int LOW_BIT_BASE = THIRD_BIT_BASE + DELTA_CONTEXTS * THIRD_BIT_SLOTS;
    static final int MODEL_SIZE = LOW_BIT_BASE + TIME_BUCKETS * LOW_BIT_SLOTS;

    private ValueColumn() {}

    /** @param scale divides every value exactly (≥ 1) */
    static void encode(BitCoder encoder, int[] models, int base, long[] values, int count, long scale, byte[] deltaBuckets,
            boolean refined) {
        if (refined) {
            startPatientModels(models, base);
        }
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
            int timeBucket = Math.min(deltaBuckets[runEnd], TIME_BUCKETS - 1);
            int context = deltaContext(timeBucket, previousChange);
            int magnitudeModels = base + DELTA_BASE + context * SLOTS_PER_CONTEXT;
            if (refined) {
                SymbolCoder.encode(encoder, models, magnitudeModels, magnitudeModels, base + THIRD_BIT_BASE + context * THIRD_BIT_SLOTS,
                        base + LOW_BIT_BASE + timeBucket * LOW_BIT_SLOTS, magnitudeMinusOne);
            } else {
                SymbolCoder.encode(encoder, models, magnitudeModels, magnitudeMinusOne);
            }
            encoder.encodeBit(models, base + SIGN + signContext, negative);
            signContext = 1 + negative;
            previousChange = SymbolCoder.bitLength(magnitudeMinusOne) + 1;
            i = runEnd + 1;
        }
    }

    /** @param version chunk format version: 1 and 2 have one sign model, 5 adaptive third and lowest bits */
    static void decode(RangeDecoder decoder, int[] models, int base, long[] values, int count, long scale, byte[] deltaBuckets,
            int version) {
        boolean legacy = version < 3;
        boolean refined = version >= 5;
        if (refined) {
            startPatientModels(models, base);
        }
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
            int timeBucket = Math.min(deltaBuckets[runEnd], TIME_BUCKETS - 1);
            int context = deltaContext(timeBucket, previousChange);
            int magnitudeModels = base + DELTA_BASE + context * SLOTS_PER_CONTEXT;
            long magnitudeMinusOne = refined
                    ? SymbolCoder.decode(decoder, models, magnitudeModels, magnitudeModels, base + THIRD_BIT_BASE + context * THIRD_BIT_SLOTS,
                            base + LOW_BIT_BASE + timeBucket * LOW_BIT_SLOTS)
                    : SymbolCoder.decode(decoder, models, magnitudeModels);
            long magnitude = magnitudeMinusOne + 1;
            int negative = decoder.decodeBit(models, base + SIGN + signContext);
            long delta = negative == 1 ? -magnitude : magnitude;
            signContext = legacy ? 0 : 1 + negative;
            values[runEnd] = values[runEnd - 1] + delta * scale;
            previousChange = SymbolCoder.bitLength(magnitudeMinusOne) + 1;
            i = runEnd + 1;
        }
    }

    /** The version-5 third- and lowest-bit models start patient ({@link AdaptiveBits#INITIAL_PATIENT}). */
    private static void startPatientModels(int[] models, int base) {
        Arrays.fill(models, base + THIRD_BIT_BASE, base + MODEL_SIZE, AdaptiveBits.INITIAL_PATIENT);
    }

    private static int runContext(byte deltaBucket) {
        return deltaBucket * SLOTS_PER_CONTEXT;
    }

    /** Magnitude context index: time bucket × 4 buckets of the previous change's size. */
    private static int deltaContext(int timeBucket, int previousChange) {
        int changeBucket = previousChange == 0 ? 0 : previousChange <= 2 ? 1 : previousChange <= 5 ? 2 : 3;
        return timeBucket * 4 + changeBucket;
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
