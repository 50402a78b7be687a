package io.gridpulse.store.codec;

import static io.gridpulse.store.codec.SymbolCoder.SLOTS_PER_CONTEXT;

/**
 * Timestamps as runs of a repeated delta (delta-of-delta = 0) followed by the new delta.
 * A regular cadence is one run symbol per chunk (≈0 bits per reading); on change-only meters
 * the new delta is coded directly in the context of the previous one, which measured about
 * half the bits of coding the delta-of-delta itself. Also records, per reading, a small
 * bucket of its delta ({@code 0..3}) used as context by the value columns.
 *
 * <p>Since format version 3 the run length and the new delta's second bit are coded in the
 * context of the previous delta itself when it is short (1–4 units), not only its bit length:
 * a meter alternating 3 s / 4 s (REDD) then costs a fraction of a bit per reading instead of
 * ~2 bits, while change-only meters with spread-out deltas keep their coarse contexts.
 */
final class TimestampColumn {
    /** Version 3: previous delta − 1 exactly for 0..3, one context above; legacy: its bit length capped at 3. */
    private static final int RUN_CONTEXTS = 5;
    private static final int DELTA_CONTEXTS = 8;
    /** Second-bit contexts: previous delta − 1 exactly for 0..3, then its bit length 3..7. */
    private static final int SECOND_BIT_CONTEXTS = 9;
    static final int MODEL_SIZE = (RUN_CONTEXTS + DELTA_CONTEXTS + SECOND_BIT_CONTEXTS) * SLOTS_PER_CONTEXT;
    private static final int DELTA_BASE = RUN_CONTEXTS * SLOTS_PER_CONTEXT;
    private static final int SECOND_BIT_BASE = (RUN_CONTEXTS + DELTA_CONTEXTS) * SLOTS_PER_CONTEXT;

    private TimestampColumn() {}

    /** @param unitMs 1 or 1000; every timestamp is a multiple of it */
    static void encode(RangeEncoder encoder, int[] models, long[] timestampsMs, int count, long unitMs, byte[] deltaBuckets) {
        long previousDeltaMs = unitMs;
        long previousUnitsMinusOne = 0;
        Divisor unit = new Divisor(unitMs);
        int i = 1;
        while (i < count) {
            int runEnd = i;
            while (runEnd < count && timestampsMs[runEnd] - timestampsMs[runEnd - 1] == previousDeltaMs) {
                runEnd++;
            }
            SymbolCoder.encode(encoder, models, runContext(previousUnitsMinusOne, false), runEnd - i);
            fillBuckets(deltaBuckets, i, runEnd, SymbolCoder.bitLength(previousUnitsMinusOne));
            if (runEnd == count) {
                return;
            }
            previousDeltaMs = timestampsMs[runEnd] - timestampsMs[runEnd - 1];
            long deltaUnitsMinusOne = unit.unsignedQuotientOfMultiple(previousDeltaMs) - 1;
            SymbolCoder.encode(encoder, models, deltaContext(previousUnitsMinusOne),
                    secondBitContext(previousUnitsMinusOne, false), deltaUnitsMinusOne);
            previousUnitsMinusOne = deltaUnitsMinusOne;
            deltaBuckets[runEnd] = bucket(SymbolCoder.bitLength(deltaUnitsMinusOne));
            i = runEnd + 1;
        }
    }

    /** @param legacy chunk format version 1 or 2 (bit-length contexts only) */
    static void decode(RangeDecoder decoder, int[] models, long[] timestampsMs, int count, long unitMs, byte[] deltaBuckets,
            boolean legacy) {
        long previousDeltaMs = unitMs;
        long previousUnitsMinusOne = 0;
        int i = 1;
        while (i < count) {
            long run = SymbolCoder.decode(decoder, models, runContext(previousUnitsMinusOne, legacy));
            if (run < 0 || run > count - i) {
                throw new CorruptChunkException("timestamp run " + Long.toUnsignedString(run) + " exceeds the chunk");
            }
            int runEnd = i + (int) run;
            for (int j = i; j < runEnd; j++) {
                timestampsMs[j] = timestampsMs[j - 1] + previousDeltaMs;
            }
            fillBuckets(deltaBuckets, i, runEnd, SymbolCoder.bitLength(previousUnitsMinusOne));
            if (runEnd == count) {
                return;
            }
            long deltaUnitsMinusOne = SymbolCoder.decode(decoder, models, deltaContext(previousUnitsMinusOne),
                    secondBitContext(previousUnitsMinusOne, legacy));
            previousDeltaMs = (deltaUnitsMinusOne + 1) * unitMs;
            timestampsMs[runEnd] = timestampsMs[runEnd - 1] + previousDeltaMs;
            previousUnitsMinusOne = deltaUnitsMinusOne;
            deltaBuckets[runEnd] = bucket(SymbolCoder.bitLength(deltaUnitsMinusOne));
            i = runEnd + 1;
        }
    }

    private static int runContext(long previousUnitsMinusOne, boolean legacy) {
        int context = legacy
                ? Math.min(SymbolCoder.bitLength(previousUnitsMinusOne), 3)
                : Long.compareUnsigned(previousUnitsMinusOne, 4) < 0 ? (int) previousUnitsMinusOne : 4;
        return context * SLOTS_PER_CONTEXT;
    }

    private static int deltaContext(long previousUnitsMinusOne) {
        return DELTA_BASE + Math.min(SymbolCoder.bitLength(previousUnitsMinusOne), DELTA_CONTEXTS - 1) * SLOTS_PER_CONTEXT;
    }

    private static int secondBitContext(long previousUnitsMinusOne, boolean legacy) {
        if (legacy) {
            return deltaContext(previousUnitsMinusOne);
        }
        int context = Long.compareUnsigned(previousUnitsMinusOne, 4) < 0
                ? (int) previousUnitsMinusOne
                : Math.min(SymbolCoder.bitLength(previousUnitsMinusOne), 7) + 1;
        return SECOND_BIT_BASE + context * SLOTS_PER_CONTEXT;
    }

    private static byte bucket(int bitLength) {
        return (byte) Math.min(bitLength, 3);
    }

    private static void fillBuckets(byte[] deltaBuckets, int from, int to, int bitLength) {
        if (from < to) {
            java.util.Arrays.fill(deltaBuckets, from, to, bucket(bitLength));
        }
    }
}
