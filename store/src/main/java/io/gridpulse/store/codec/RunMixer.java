package io.gridpulse.store.codec;

import java.util.Arrays;

/**
 * Format version 7: the probability that a timestamp run after a short delta goes on, mixed
 * from several context orders. A sampler whose period is not a whole number of units (REDD's
 * ≈ 3.5 s) logs its deltas in a long quasi-periodic pattern broken by jitter: a short history
 * learns fast but cannot see the pattern, a long one sees it but learns slowly. So each order
 * (the last 2, 4, 8, 14 and 20 readings' delta classes) keeps its own adaptive bits in a hashed
 * table, and a logistic mixer (weights per short delta and run position, learnt as the chunk
 * goes) weighs their predictions in the stretched domain, ln(p / (1 − p)). All arithmetic is
 * integer and the tables are built with {@link StrictMath}, so encoder and decoder agree bit
 * for bit on any JVM.
 *
 * <p>Measured on REDD house 5 as logged: the run bits ≈ 9 % smaller than with version 6's single
 * context in a model of them, the day chunks of the quiet circuits 6–7 % smaller
 * (docs/benchmarks-codec.md, "Round 8").
 */
final class RunMixer {
    /** Delta classes of the last readings each input sees (at most 20: 60 bits, the context above them). */
    private static final int[] ORDERS = {2, 4, 8, 14, 20};
    private static final int INPUTS = ORDERS.length;
    /** A delta of 1–4 units is class 0–3, any other class 4: three bits per reading. */
    private static final int CLASS_BITS = 3;
    private static final int OTHER_CLASS = 4;
    /** Per input, the history bits it sees. */
    private static final long[] MASKS = masks();
    /** Where the short delta and run position sit above the history bits in a table key. */
    private static final int CONTEXT_SHIFT = 60;
    /** Table slot = the top bits of key × 2^64 / φ (Fibonacci hashing: one multiply, keys spread evenly). */
    private static final long FIBONACCI = 0x9E37_79B9_7F4A_7C15L;
    private static final int SHORT_DELTAS = 4;
    static final int RUN_POSITIONS = 3;
    /** Hash table slots per input: 2^10 .. 2^14, by the chunk's count (small chunks reset little). */
    private static final int MIN_TABLE_BITS = 10;
    private static final int MAX_TABLE_BITS = 14;
    /** Stretched probabilities in 1/256 (±8 = ±2047), probabilities in 1/4096. */
    private static final int STRETCH_LIMIT = 2047;
    private static final int[] STRETCH = stretchTable();
    private static final int[] SQUASH = squashTable();
    /** Weights in 1/65536; they start as an even average of the inputs. */
    private static final int INITIAL_WEIGHT = 65536 / INPUTS;
    private static final int WEIGHT_LIMIT = 1 << 22;
    /** Weight step: error × input × 10 / 2^14, about 0.01 in real units (chosen by measurement). */
    private static final int LEARNING_RATE = 10;
    private static final int LEARNING_SHIFT = 14;

    private final int[] models = new int[INPUTS << MAX_TABLE_BITS];
    private final int[] weights = new int[SHORT_DELTAS * RUN_POSITIONS * INPUTS];
    private final int[] slots = new int[INPUTS];
    private final int[] stretched = new int[INPUTS];
    private int tableBits;
    /** The newest reading's delta class in the low 3 bits, older ones above. */
    private long history;
    private int weightBase;
    private int mixedOne;

    /** Starts a chunk of {@code count} readings: flat models, even weights, an empty history. */
    void start(int count) {
        tableBits = Math.clamp(SymbolCoder.bitLength(count), MIN_TABLE_BITS, MAX_TABLE_BITS);
        Arrays.fill(models, 0, INPUTS << tableBits, AdaptiveBits.INITIAL);
        Arrays.fill(weights, INITIAL_WEIGHT);
        history = 0;
    }

    /**
     * P(the run ends here) in 1/65536, the bit at {@code runPosition} (0..2) of a run after a delta
     * of {@code shortUnitsMinusOne} + 1 units (1–4); {@link #update} must follow with the bit.
     */
    int probabilityOfZero(int shortUnitsMinusOne, int runPosition) {
        int context = shortUnitsMinusOne * RUN_POSITIONS + runPosition;
        weightBase = context * INPUTS;
        long dot = 0;
        long contextBits = (long) context << CONTEXT_SHIFT;
        for (int i = 0; i < INPUTS; i++) {
            int slot = (i << tableBits) + (int) (((history & MASKS[i]) | contextBits) * FIBONACCI >>> (Long.SIZE - tableBits));
            slots[i] = slot;
            int stretchedOne = -STRETCH[(models[slot] & 0xFFFF) >>> 4];
            stretched[i] = stretchedOne;
            dot += (long) weights[weightBase + i] * stretchedOne;
        }
        mixedOne = SQUASH[(int) Math.clamp(dot >> 16, -STRETCH_LIMIT, STRETCH_LIMIT) + STRETCH_LIMIT];
        return Math.clamp((4096 - mixedOne) << 4, 64, 65536 - 64);
    }

    /** Learns from the bit just coded with {@link #probabilityOfZero}: each input's model, then the weights. */
    void update(int bit) {
        int error = (bit == 1 ? 4095 : 0) - mixedOne;
        for (int i = 0; i < INPUTS; i++) {
            int slot = slots[i];
            models[slot] = AdaptiveBits.update(models[slot], bit);
            int weight = weights[weightBase + i] + ((stretched[i] * error * LEARNING_RATE) >> LEARNING_SHIFT);
            weights[weightBase + i] = Math.clamp(weight, -WEIGHT_LIMIT, WEIGHT_LIMIT);
        }
    }

    /** One more reading, {@code unitsMinusOne} + 1 units after the one before. */
    void push(long unitsMinusOne) {
        history = history << CLASS_BITS | deltaClass(unitsMinusOne);
    }

    /** {@code times} more readings with the same delta. */
    void pushRepeated(long unitsMinusOne, long times) {
        long deltaClass = deltaClass(unitsMinusOne);
        for (long i = Math.min(times, ORDERS[INPUTS - 1]); i > 0; i--) { // the longest order forgets the rest
            history = history << CLASS_BITS | deltaClass;
        }
    }

    private static long[] masks() {
        long[] masks = new long[ORDERS.length];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = (1L << (ORDERS[i] * CLASS_BITS)) - 1;
        }
        return masks;
    }

    private static int deltaClass(long unitsMinusOne) {
        return Long.compareUnsigned(unitsMinusOne, SHORT_DELTAS) < 0 ? (int) unitsMinusOne : OTHER_CLASS;
    }

    /** ln(p / (1 − p)) × 256 for p at the middle of each 1/4096 step, within ±2047. */
    private static int[] stretchTable() {
        int[] table = new int[4096];
        for (int i = 0; i < table.length; i++) {
            double p = (i + 0.5) / table.length;
            table[i] = (int) Math.clamp(Math.round(256 * StrictMath.log(p / (1 - p))), -STRETCH_LIMIT, STRETCH_LIMIT);
        }
        return table;
    }

    /** The inverse: P(bit 1) in 1/4096 (1..4095) for each stretched value −2047..2047. */
    private static int[] squashTable() {
        int[] table = new int[2 * STRETCH_LIMIT + 1];
        for (int i = 0; i < table.length; i++) {
            double x = (i - STRETCH_LIMIT) / 256.0;
            table[i] = (int) Math.clamp(Math.round(4096 / (1 + StrictMath.exp(-x))), 1, 4095);
        }
        return table;
    }
}
