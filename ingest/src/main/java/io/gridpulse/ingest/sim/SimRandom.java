package io.gridpulse.ingest.sim;

/**
 * Small, fast, seeded random source (SplitMix64). Every draw of the simulator comes from one of
 * these, seeded by {@link #mix} of the household seed, the day and the appliance, so any day can be
 * rebuilt on its own and adding an appliance does not shift the draws of the others. Not
 * thread-safe.
 */
final class SimRandom {
    private long state;

    SimRandom(long seed) {
        this.state = seed;
    }

    /** A well-spread hash of several keys, suitable as a seed. */
    static long mix(long... keys) {
        long h = 0x9E3779B97F4A7C15L;
        for (long key : keys) {
            h = scramble(h ^ scramble(key + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    private static long scramble(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return scramble(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Uniform in [min, max). */
    double range(double min, double max) {
        return min + (max - min) * nextDouble();
    }

    /** Uniform integer in [min, max]. */
    int between(int min, int max) {
        return min + nextInt(max - min + 1);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Approximately standard normal (sum of four uniforms, scaled), cheap and bounded. */
    double gaussian() {
        return (nextDouble() + nextDouble() + nextDouble() + nextDouble() - 2.0) * 1.7320508;
    }
}
