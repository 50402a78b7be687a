package io.gridpulse.ingest.sim;

/**
 * Thermostat-like cycles laid on absolute time, so a cycling load continues across midnight and
 * across separately drawn days: cycle {@code k} nominally starts at epoch second
 * {@code phase + k * period}, moved by up to ±10 % of the period by a draw that depends on k only.
 */
final class CycleClock {
    private final long periodSeconds;
    private final long phaseSeconds;
    private final long seed;

    CycleClock(long periodSeconds, long seed) {
        this.periodSeconds = periodSeconds;
        this.seed = seed;
        this.phaseSeconds = Math.floorMod(seed, periodSeconds);
    }

    long periodSeconds() {
        return periodSeconds;
    }

    /** Calls {@code visitor} for every cycle that may start within [fromEpochSecond, toEpochSecond). */
    void forEachCycle(long fromEpochSecond, long toEpochSecond, Visitor visitor) {
        long first = Math.floorDiv(fromEpochSecond - phaseSeconds, periodSeconds) - 1;
        long last = Math.floorDiv(toEpochSecond - phaseSeconds, periodSeconds) + 1;
        for (long k = first; k <= last; k++) {
            SimRandom rng = new SimRandom(SimRandom.mix(seed, k));
            long jitter = Math.round(rng.range(-0.1, 0.1) * periodSeconds);
            visitor.cycle(phaseSeconds + k * periodSeconds + jitter, rng);
        }
    }

    /** Receives one cycle: its start and a random source private to that cycle. */
    @FunctionalInterface
    interface Visitor {
        void cycle(long startEpochSecond, SimRandom rng);
    }
}
