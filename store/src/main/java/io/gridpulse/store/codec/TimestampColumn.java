package io.gridpulse.store.codec;

import static io.gridpulse.store.codec.SymbolCoder.SLOTS_PER_CONTEXT;

/**
 * Timestamps as runs of a repeated delta (delta-of-delta = 0) followed by the new delta.
 * A regular cadence is one run symbol per chunk (≈0 bits per reading); on change-only meters
 * the new delta is coded directly in the context of the previous one, which measured about
 * half the bits of coding the delta-of-delta itself. Also records, per reading, a small
 * bucket of its delta ({@code 0..3}) used as context by the value columns.
 */
final class TimestampColumn {
    private static final int RUN_CONTEXTS = 4;
    private static final int DELTA_CONTEXTS = 8;
    static final int MODEL_SIZE = (RUN_CONTEXTS + DELTA_CONTEXTS) * SLOTS_PER_CONTEXT;
    private static final int DELTA_BASE = RUN_CONTEXTS * SLOTS_PER_CONTEXT;

    private TimestampColumn() {}

    /** @param unitMs 1 or 1000; every timestamp is a multiple of it */
    static void encode(RangeEncoder encoder, int[] models, long[] timestampsMs, int count, long unitMs, byte[] deltaBuckets) {
        long previousDeltaMs = unitMs;
        int previousBitLength = 0;
        int i = 1;
        while (i < count) {
            int runEnd = i;
            while (runEnd < count && timestampsMs[runEnd] - timestampsMs[runEnd - 1] == previousDeltaMs) {
                runEnd++;
            }
            SymbolCoder.encode(encoder, models, runContext(previousBitLength), runEnd - i);
            fillBuckets(deltaBuckets, i, runEnd, previousBitLength);
            if (runEnd == count) {
                return;
            }
            previousDeltaMs = timestampsMs[runEnd] - timestampsMs[runEnd - 1];
            long deltaUnitsMinusOne = Long.divideUnsigned(previousDeltaMs, unitMs) - 1;
            SymbolCoder.encode(encoder, models, deltaContext(previousBitLength), deltaUnitsMinusOne);
            previousBitLength = SymbolCoder.bitLength(deltaUnitsMinusOne);
            deltaBuckets[runEnd] = bucket(previousBitLength);
            i = runEnd + 1;
        }
    }

    static void decode(RangeDecoder decoder, int[] models, long[] timestampsMs, int count, long unitMs, byte[] deltaBuckets) {
        long previousDeltaMs = unitMs;
        int previousBitLength = 0;
        int i = 1;
        while (i < count) {
            long run = SymbolCoder.decode(decoder, models, runContext(previousBitLength));
            if (run < 0 || run > count - i) {
                throw new CorruptChunkException("timestamp run " + Long.toUnsignedString(run) + " exceeds the chunk");
            }
            int runEnd = i + (int) run;
            for (int j = i; j < runEnd; j++) {
                timestampsMs[j] = timestampsMs[j - 1] + previousDeltaMs;
            }
            fillBuckets(deltaBuckets, i, runEnd, previousBitLength);
            if (runEnd == count) {
                return;
            }
            long deltaUnitsMinusOne = SymbolCoder.decode(decoder, models, deltaContext(previousBitLength));
            previousDeltaMs = (deltaUnitsMinusOne + 1) * unitMs;
            timestampsMs[runEnd] = timestampsMs[runEnd - 1] + previousDeltaMs;
            previousBitLength = SymbolCoder.bitLength(deltaUnitsMinusOne);
            deltaBuckets[runEnd] = bucket(previousBitLength);
            i = runEnd + 1;
        }
    }

    private static int runContext(int previousBitLength) {
        return Math.min(previousBitLength, RUN_CONTEXTS - 1) * SLOTS_PER_CONTEXT;
    }

    private static int deltaContext(int previousBitLength) {
        return DELTA_BASE + Math.min(previousBitLength, DELTA_CONTEXTS - 1) * SLOTS_PER_CONTEXT;
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
