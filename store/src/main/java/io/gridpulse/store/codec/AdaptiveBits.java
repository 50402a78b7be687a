package io.gridpulse.store.codec;

import java.util.Arrays;

/**
 * Adaptive bit probabilities packed in an {@code int}: low 16 bits = P(bit is 0) in 1/65536,
 * high bits = number of updates seen (capped). Young models adapt fast (rate 1/(n+1.5)), mature
 * ones slowly (1/31.5), so a chunk of a hundred readings still learns its statistics.
 */
final class AdaptiveBits {
    static final int INITIAL = 1 << 15;
    /**
     * P = 1/2 as if 4 updates had been seen (first rate 1/5.5): for bits that used to be coded raw
     * (format version 5), so a model that meets uniform bits pays less for chasing early noise.
     */
    static final int INITIAL_PATIENT = (4 << 16) | (1 << 15);
    private static final int MAX_COUNT = 30;
    private static final int MIN_PROBABILITY = 64;
    private static final int MAX_PROBABILITY = 65536 - 64;
    private static final int[] STEP = steps();

    private AdaptiveBits() {}

    static void reset(int[] models) {
        Arrays.fill(models, INITIAL);
    }

    static int update(int state, int bit) {
        int probability = state & 0xFFFF;
        int step = STEP[state >>> 16]; // one load: the rate, and the next count already in place
        int rate = step & 0xFFFF;
        if (bit == 0) {
            probability += ((65536 - probability) * rate) >>> 15;
            probability = Math.min(probability, MAX_PROBABILITY);
        } else {
            probability -= (probability * rate) >>> 15;
            probability = Math.max(probability, MIN_PROBABILITY);
        }
        return (step & 0xFFFF_0000) | probability;
    }

    /** Per count n: the rate 1/(n + 1.5) in 1/32768 (low 16 bits) and min(n + 1, MAX_COUNT) << 16. */
    private static int[] steps() {
        int[] steps = new int[MAX_COUNT + 1];
        for (int n = 0; n <= MAX_COUNT; n++) {
            steps[n] = (Math.min(n + 1, MAX_COUNT) << 16) | (int) Math.round(32768 / (n + 1.5));
        }
        return steps;
    }
}
