package io.gridpulse.store.codec;

import static io.gridpulse.store.codec.SymbolCoder.LOW_BIT_SLOTS;
import static io.gridpulse.store.codec.SymbolCoder.SLOTS_PER_CONTEXT;
import static io.gridpulse.store.codec.SymbolCoder.THIRD_BIT_SLOTS;

import java.util.Arrays;

/**
 * Timestamps as runs of a repeated delta (delta-of-delta = 0) followed by the new delta.
 * A regular cadence is one run symbol per chunk (≈0 bits per reading); on change-only meters
 * the new delta is coded directly in the context of the previous one, which measured about
 * half the bits of coding the delta-of-delta itself. Also records, per reading, a small
 * bucket of its delta ({@code 0..4}) used as context by the value columns.
 *
 * <p>Since format version 3 the run length and the new delta's second bit are coded in the
 * context of the previous delta itself when it is short (1–4 units), not only its bit length:
 * a meter alternating 3 s / 4 s (REDD) then costs a fraction of a bit per reading instead of
 * ~2 bits, while change-only meters with spread-out deltas keep their coarse contexts.
 *
 * <p>Since version 5 a new delta's third bit (in the second bit's context) and its lowest bit
 * are adaptive too ({@link SymbolCoder}): REDD's and GJW's gaps are not uniform inside a bit
 * length, and GJW's favour 4k + 3 s. Version-5 buckets mark such a delta ({@link #BUCKET_4K_PLUS_3}):
 * on GJW a third of the readings after one repeat the value.
 *
 * <p>Since version 6 a run after a short delta (1–4 units) is coded in the context of the recent
 * past as well — the last two runs and the delta before the current one: a sampler whose period
 * is not a whole number of units (REDD's ≈ 3.5 s) logs deltas of 3 and 4 s in a pattern that
 * those predict. On REDD's quiet circuits, where the timestamps are nearly all the bytes, that is
 * what decides the comparison with "integer deltas + xz -9". Such runs are short: the context
 * codes run 0, 1, 2 or "longer" in three adaptive bits, and a longer run's remainder goes to the
 * version-5 run context, so the contexts (4 × 128, 180 of them reachable) cost 1,536 models, not
 * full symbol contexts of 130 each.
 *
 * <p>Since version 7 those three bits may instead be coded at a {@link RunMixer}'s probability,
 * mixed from hashed contexts of the last 2 to 20 readings' delta classes: the sampler's pattern
 * is longer than version 6's history sees, and a single long context learns too slowly within a
 * day. The encoder counts the runs after short deltas each way and writes the cheapest of 5, 6
 * and 7 ({@link #cheapestRunCoding}).
 */
final class TimestampColumn {
    /** Version 3: previous delta − 1 exactly for 0..3, one context above; legacy: its bit length capped at 3. */
    private static final int RUN_CONTEXTS = 5;
    private static final int DELTA_CONTEXTS = 8;
    /** Second-bit contexts: previous delta − 1 exactly for 0..3, then its bit length 3..7. */
    private static final int SECOND_BIT_CONTEXTS = 9;
    private static final int DELTA_BASE = RUN_CONTEXTS * SLOTS_PER_CONTEXT;
    private static final int SECOND_BIT_BASE = (RUN_CONTEXTS + DELTA_CONTEXTS) * SLOTS_PER_CONTEXT;
    /** Version 5: third-bit models per second-bit context, then one set of lowest-bit models. */
    private static final int THIRD_BIT_BASE = (RUN_CONTEXTS + DELTA_CONTEXTS + SECOND_BIT_CONTEXTS) * SLOTS_PER_CONTEXT;
    private static final int LOW_BIT_BASE = THIRD_BIT_BASE + SECOND_BIT_CONTEXTS * THIRD_BIT_SLOTS;
    /**
     * Version 6: run models after a short delta (1–4 units, exact), by the {@link History} (the
     * last two runs capped at 2, the delta before the current one in 5 classes); each context
     * codes the run's first {@value #HISTORY_SLOTS} unary bits.
     */
    private static final int RUN_HISTORY_BASE = LOW_BIT_BASE + LOW_BIT_SLOTS;
    /** Deltas of 1–4 units: those the version-3 run contexts know exactly, and version 6's short ones. */
    private static final int SHORT_DELTAS = 4;
    private static final int HISTORY_SLOTS = 3;
    /** {@link History} states: two runs of 2 bits and a delta class of 3 bits (some unused). */
    private static final int HISTORIES = 1 << 7;
    static final int MODEL_SIZE = RUN_HISTORY_BASE + SHORT_DELTAS * HISTORIES * HISTORY_SLOTS;
    /** First format version with run-history contexts. */
    static final int RUN_HISTORY_VERSION = 6;
    /** First format version whose runs after short deltas are coded with a {@link RunMixer} instead. */
    static final int RUN_MIXER_VERSION = 7;
    /** Delta bucket (version 5) of a delta of 4k + 3 units, k ≥ 1; value columns read it as bucket 3 elsewhere. */
    static final byte BUCKET_4K_PLUS_3 = 4;

    private TimestampColumn() {}

    /**
     * @param unitMs 1 or 1000; every timestamp is a multiple of it
     * @param version the layout: 3, 5 (third and lowest bits), 6 (and run-history contexts) or 7
     *     (mixed run histories instead)
     * @param mixer used by version 7 only
     */
    static void encode(BitCoder encoder, int[] models, RunMixer mixer, long[] timestampsMs, int count, long unitMs,
            byte[] deltaBuckets, int version) {
        boolean refined = version >= 5;
        boolean runHistory = version == RUN_HISTORY_VERSION;
        boolean mixed = version >= RUN_MIXER_VERSION;
        if (refined) {
            startPatientModels(models);
        }
        if (mixed) {
            mixer.start(count);
        }
        long previousDeltaMs = unitMs;
        long previousUnitsMinusOne = 0;
        int history = History.START;
        Divisor unit = new Divisor(unitMs);
        int i = 1;
        while (i < count) {
            int runEnd = runEnd(timestampsMs, i, count, previousDeltaMs);
            if (mixed && isShort(previousUnitsMinusOne)) {
                encodeMixedRun(encoder, models, mixer, previousUnitsMinusOne, runEnd - i);
            } else if (runHistory && isShort(previousUnitsMinusOne)) {
                encodeShortRun(encoder, models, historyBase(previousUnitsMinusOne, history), previousUnitsMinusOne, runEnd - i);
            } else {
                SymbolCoder.encode(encoder, models, runContext(previousUnitsMinusOne, false), runEnd - i);
                if (mixed) {
                    mixer.pushRepeated(previousUnitsMinusOne, runEnd - i);
                }
            }
            history = History.afterRun(history, runEnd - i);
            fillBuckets(deltaBuckets, i, runEnd, bucket(previousUnitsMinusOne, refined));
            if (runEnd == count) {
                return;
            }
            previousDeltaMs = timestampsMs[runEnd] - timestampsMs[runEnd - 1];
            long deltaUnitsMinusOne = unit.unsignedQuotientOfMultiple(previousDeltaMs) - 1;
            int secondBit = secondBitContext(previousUnitsMinusOne, false);
            if (refined) {
                SymbolCoder.encode(encoder, models, deltaContext(previousUnitsMinusOne), SECOND_BIT_BASE + secondBit * SLOTS_PER_CONTEXT,
                        THIRD_BIT_BASE + secondBit * THIRD_BIT_SLOTS, LOW_BIT_BASE, deltaUnitsMinusOne);
            } else {
                SymbolCoder.encode(encoder, models, deltaContext(previousUnitsMinusOne), SECOND_BIT_BASE + secondBit * SLOTS_PER_CONTEXT,
                        deltaUnitsMinusOne);
            }
            history = History.afterDelta(history, previousUnitsMinusOne);
            if (mixed) {
                mixer.push(deltaUnitsMinusOne);
            }
            previousUnitsMinusOne = deltaUnitsMinusOne;
            deltaBuckets[runEnd] = bucket(deltaUnitsMinusOne, refined);
            i = runEnd + 1;
        }
    }

    /**
     * @param version chunk format version: 1 and 2 use bit-length contexts only, 5 adds third and
     *     lowest bits, 6 run-history contexts, 7 mixed run histories
     * @param mixer used by version 7 only
     */
    static void decode(RangeDecoder decoder, int[] models, RunMixer mixer, long[] timestampsMs, int count, long unitMs,
            byte[] deltaBuckets, int version) {
        boolean legacy = version < 3;
        boolean refined = version >= 5;
        boolean runHistory = version == RUN_HISTORY_VERSION;
        boolean mixed = version >= RUN_MIXER_VERSION;
        if (refined) {
            startPatientModels(models);
        }
        if (mixed) {
            mixer.start(count);
        }
        long previousDeltaMs = unitMs;
        long previousUnitsMinusOne = 0;
        int history = History.START;
        int i = 1;
        while (i < count) {
            long run;
            if (mixed && isShort(previousUnitsMinusOne)) {
                run = decodeMixedRun(decoder, models, mixer, previousUnitsMinusOne);
            } else {
                run = runHistory && isShort(previousUnitsMinusOne)
                        ? decodeShortRun(decoder, models, historyBase(previousUnitsMinusOne, history), previousUnitsMinusOne)
                        : SymbolCoder.decode(decoder, models, runContext(previousUnitsMinusOne, legacy));
                if (mixed) {
                    mixer.pushRepeated(previousUnitsMinusOne, run);
                }
            }
            if (run < 0 || run > count - i) {
                throw new CorruptChunkException("timestamp run " + Long.toUnsignedString(run) + " exceeds the chunk");
            }
            history = History.afterRun(history, (int) run);
            int runEnd = i + (int) run;
            for (int j = i; j < runEnd; j++) {
                timestampsMs[j] = timestampsMs[j - 1] + previousDeltaMs;
            }
            fillBuckets(deltaBuckets, i, runEnd, bucket(previousUnitsMinusOne, refined));
            if (runEnd == count) {
                return;
            }
            int secondBit = secondBitContext(previousUnitsMinusOne, legacy);
            long deltaUnitsMinusOne = refined
                    ? SymbolCoder.decode(decoder, models, deltaContext(previousUnitsMinusOne), SECOND_BIT_BASE + secondBit * SLOTS_PER_CONTEXT,
                            THIRD_BIT_BASE + secondBit * THIRD_BIT_SLOTS, LOW_BIT_BASE)
                    : SymbolCoder.decode(decoder, models, deltaContext(previousUnitsMinusOne),
                            legacy ? deltaContext(previousUnitsMinusOne) : SECOND_BIT_BASE + secondBit * SLOTS_PER_CONTEXT);
            previousDeltaMs = (deltaUnitsMinusOne + 1) * unitMs;
            timestampsMs[runEnd] = timestampsMs[runEnd - 1] + previousDeltaMs;
            history = History.afterDelta(history, previousUnitsMinusOne);
            if (mixed) {
                mixer.push(deltaUnitsMinusOne);
            }
            previousUnitsMinusOne = deltaUnitsMinusOne;
            deltaBuckets[runEnd] = bucket(deltaUnitsMinusOne, refined);
            i = runEnd + 1;
        }
    }

    /** The end of the run from {@code i} of readings {@code deltaMs} after the one before. */
    private static int runEnd(long[] timestampsMs, int i, int count, long deltaMs) {
        int end = i;
        while (end < count && timestampsMs[end] - timestampsMs[end - 1] == deltaMs) {
            end++;
        }
        return end;
    }

    /** The version-5 third- and lowest-bit models start patient ({@link AdaptiveBits#INITIAL_PATIENT}). */
    private static void startPatientModels(int[] models) {
        Arrays.fill(models, THIRD_BIT_BASE, RUN_HISTORY_BASE, AdaptiveBits.INITIAL_PATIENT);
    }

    private static int runContext(long previousUnitsMinusOne, boolean legacy) {
        int context = legacy
                ? Math.min(SymbolCoder.bitLength(previousUnitsMinusOne), 3)
                : isShort(previousUnitsMinusOne) ? (int) previousUnitsMinusOne : SHORT_DELTAS;
        return context * SLOTS_PER_CONTEXT;
    }

    /**
     * The layout that codes these timestamps in the fewest bits: 5, 6 (run-history contexts) or 7
     * (mixed run histories). Only the runs after short deltas are coded differently (the new
     * deltas, and other runs, meet the same models in the same states), so only those are
     * counted, each way: a fraction of a full count.
     *
     * @param version5 models for the version-5 run contexts (reset here)
     * @param version6 models for version 6's (reset here)
     * @param version7 models for version 7's escapes (reset here)
     */
    static int cheapestRunCoding(long[] timestampsMs, int count, long unitMs, int[] version5, int[] version6, int[] version7,
            RunMixer mixer, CodeLengthCounter version5Bits, CodeLengthCounter version6Bits, CodeLengthCounter version7Bits) {
        Arrays.fill(version5, 0, DELTA_BASE, AdaptiveBits.INITIAL);
        Arrays.fill(version6, 0, DELTA_BASE, AdaptiveBits.INITIAL);
        Arrays.fill(version6, RUN_HISTORY_BASE, MODEL_SIZE, AdaptiveBits.INITIAL);
        Arrays.fill(version7, 0, DELTA_BASE, AdaptiveBits.INITIAL);
        mixer.start(count);
        version5Bits.start();
        version6Bits.start();
        version7Bits.start();
        long previousDeltaMs = unitMs;
        long previousUnitsMinusOne = 0;
        int history = History.START;
        Divisor unit = new Divisor(unitMs);
        int i = 1;
        while (i < count) {
            int runEnd = runEnd(timestampsMs, i, count, previousDeltaMs);
            if (isShort(previousUnitsMinusOne)) {
                SymbolCoder.encode(version5Bits, version5, runContext(previousUnitsMinusOne, false), runEnd - i);
                encodeShortRun(version6Bits, version6, historyBase(previousUnitsMinusOne, history), previousUnitsMinusOne,
                        runEnd - i);
                encodeMixedRun(version7Bits, version7, mixer, previousUnitsMinusOne, runEnd - i);
            } else {
                mixer.pushRepeated(previousUnitsMinusOne, runEnd - i);
            }
            history = History.afterRun(history, runEnd - i);
            if (runEnd == count) {
                break;
            }
            previousDeltaMs = timestampsMs[runEnd] - timestampsMs[runEnd - 1];
            history = History.afterDelta(history, previousUnitsMinusOne);
            previousUnitsMinusOne = unit.unsignedQuotientOfMultiple(previousDeltaMs) - 1;
            mixer.push(previousUnitsMinusOne);
            i = runEnd + 1;
        }
        long version5Cost = version5Bits.cost();
        long version6Cost = version6Bits.cost();
        long version7Cost = version7Bits.cost();
        if (version7Cost < Math.min(version5Cost, version6Cost)) {
            return RUN_MIXER_VERSION;
        }
        return version6Cost < version5Cost ? RUN_HISTORY_VERSION : ChunkCodec.NO_RUN_HISTORY_VERSION;
    }

    /**
     * Whether at least {@code enough} runs are coded after a short delta (the delta changes after
     * one of 1–4 units): version 6's subject. A chunk that spans its count times its first delta
     * is taken for a regular cadence (a 1 Hz meter's chunk), which has none, without a scan; the
     * rare irregular chunk that spans the same only misses the chance of version 6.
     */
    static boolean hasRunsAfterShortDeltas(long[] timestampsMs, int count, long unitMs, int enough) {
        if (count < 3 || timestampsMs[count - 1] - timestampsMs[0] == (count - 1) * (timestampsMs[1] - timestampsMs[0])) {
            return false;
        }
        long shortMs = SHORT_DELTAS * unitMs;
        int runs = 0;
        for (int i = 2; i < count && runs < enough; i++) {
            long previous = timestampsMs[i - 1] - timestampsMs[i - 2];
            if (previous <= shortMs && timestampsMs[i] - timestampsMs[i - 1] != previous) {
                runs++;
            }
        }
        return runs >= enough;
    }

    private static boolean isShort(long unitsMinusOne) {
        return Long.compareUnsigned(unitsMinusOne, SHORT_DELTAS) < 0;
    }

    /** Version 6: the models of a run after a short delta, by that delta and the history. */
    private static int historyBase(long previousUnitsMinusOne, int history) {
        return RUN_HISTORY_BASE + ((int) previousUnitsMinusOne * HISTORIES + history) * HISTORY_SLOTS;
    }

    /** Run 0, 1, 2 in unary from the history's models; a longer run's remainder in the version-5 run context. */
    private static void encodeShortRun(BitCoder encoder, int[] models, int base, long previousUnitsMinusOne, long run) {
        for (int k = 0; k < HISTORY_SLOTS; k++) {
            boolean longer = run > k;
            encoder.encodeBit(models, base + k, longer ? 1 : 0);
            if (!longer) {
                return;
            }
        }
        SymbolCoder.encode(encoder, models, runContext(previousUnitsMinusOne, false), run - HISTORY_SLOTS);
    }

    /** Version 7: run 0, 1, 2 in unary at the mixer's probabilities; a longer run's remainder as in version 6. */
    private static void encodeMixedRun(BitCoder encoder, int[] models, RunMixer mixer, long previousUnitsMinusOne, long run) {
        int shortDelta = (int) previousUnitsMinusOne;
        for (int k = 0; k < RunMixer.RUN_POSITIONS; k++) {
            int longer = run > k ? 1 : 0;
            encoder.encodeBitAt(mixer.probabilityOfZero(shortDelta, k), longer);
            mixer.update(longer);
            if (longer == 0) {
                return;
            }
            mixer.push(previousUnitsMinusOne);
        }
        SymbolCoder.encode(encoder, models, runContext(previousUnitsMinusOne, false), run - RunMixer.RUN_POSITIONS);
        mixer.pushRepeated(previousUnitsMinusOne, run - RunMixer.RUN_POSITIONS);
    }

    private static long decodeMixedRun(RangeDecoder decoder, int[] models, RunMixer mixer, long previousUnitsMinusOne) {
        int shortDelta = (int) previousUnitsMinusOne;
        for (int k = 0; k < RunMixer.RUN_POSITIONS; k++) {
            int longer = decoder.decodeBitAt(mixer.probabilityOfZero(shortDelta, k));
            mixer.update(longer);
            if (longer == 0) {
                return k;
            }
            mixer.push(previousUnitsMinusOne);
        }
        long rest = SymbolCoder.decode(decoder, models, runContext(previousUnitsMinusOne, false));
        mixer.pushRepeated(previousUnitsMinusOne, rest);
        return RunMixer.RUN_POSITIONS + rest;
    }

    private static long decodeShortRun(RangeDecoder decoder, int[] models, int base, long previousUnitsMinusOne) {
        for (int k = 0; k < HISTORY_SLOTS; k++) {
            if (decoder.decodeBit(models, base + k) == 0) {
                return k;
            }
        }
        return HISTORY_SLOTS + SymbolCoder.decode(decoder, models, runContext(previousUnitsMinusOne, false));
    }

    /**
     * Version 6's recent past in 7 bits: the newest run (bits 5-6) and the run before it (bits
     * 3-4), each capped at 2, and the class of the delta before the current one (bits 0-2: 1–4
     * units → 0–3, else or none 4).
     */
    private static final class History {
        static final int START = SHORT_DELTAS; // no runs yet, no delta before

        private History() {}

        static int afterRun(int history, long run) {
            return (int) Math.min(run, 2) << 5 | (history >>> 5) << 3 | history & 7;
        }

        /** The current delta gives way to a new one: it becomes the delta before. */
        static int afterDelta(int history, long currentUnitsMinusOne) {
            return history & ~7 | (isShort(currentUnitsMinusOne) ? (int) currentUnitsMinusOne : SHORT_DELTAS);
        }
    }

    private static int deltaContext(long previousUnitsMinusOne) {
        return DELTA_BASE + Math.min(SymbolCoder.bitLength(previousUnitsMinusOne), DELTA_CONTEXTS - 1) * SLOTS_PER_CONTEXT;
    }

    /** Second-bit context index (version 3+: exact short deltas; legacy: the bit-length context's own models). */
    private static int secondBitContext(long previousUnitsMinusOne, boolean legacy) {
        if (legacy) {
            return -1;
        }
        return Long.compareUnsigned(previousUnitsMinusOne, 4) < 0
                ? (int) previousUnitsMinusOne
                : Math.min(SymbolCoder.bitLength(previousUnitsMinusOne), 7) + 1;
    }

    /** Bit length of the delta − 1 capped at 3; with {@code refined} (version 5) 4 for 4k + 3 units (k ≥ 1). */
    private static byte bucket(long unitsMinusOne, boolean refined) {
        if (refined && Long.compareUnsigned(unitsMinusOne, 4) >= 0 && (unitsMinusOne & 3) == 2) {
            return BUCKET_4K_PLUS_3;
        }
        return (byte) Math.min(SymbolCoder.bitLength(unitsMinusOne), 3);
    }

    private static void fillBuckets(byte[] deltaBuckets, int from, int to, byte bucket) {
        if (from < to) {
            Arrays.fill(deltaBuckets, from, to, bucket);
        }
    }
}
