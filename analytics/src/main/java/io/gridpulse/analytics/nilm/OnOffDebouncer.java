package io.gridpulse.analytics.nilm;

/**
 * Turns a per-tick power estimate into a stable on/off state: the state flips only after
 * {@link #MIN_TICKS} consecutive ticks on the other side of the threshold, and the flip is dated
 * to the first of those ticks. Shared by batch on-periods and online on/off events so both agree.
 */
final class OnOffDebouncer {
    /** Consecutive ticks needed to change state (9 s on a 3 s grid). */
    static final int MIN_TICKS = 3;

    private boolean on;
    private int run;
    private long runStartMs;

    /**
     * Feeds one tick; returns the timestamp of the state change it confirms, or -1.
     * A gap resets a pending run.
     */
    long update(long tickMs, double powerW, double onThresholdW, boolean contiguous) {
        boolean above = powerW > onThresholdW;
        if (above == on) {
            run = 0;
            return -1;
        }
        if (run == 0 || !contiguous) {
            run = 0;
            runStartMs = tickMs;
        }
        run++;
        if (run >= MIN_TICKS) {
            on = above;
            run = 0;
            return runStartMs;
        }
        return -1;
    }

    boolean isOn() {
        return on;
    }

    /** Forces the state (e.g. off at a gap), clearing any pending run. */
    void reset(boolean state) {
        on = state;
        run = 0;
    }

    int pendingTicks() {
        return run;
    }

    long pendingSinceMs() {
        return runStartMs;
    }

    void restore(boolean state, int pending, long sinceMs) {
        on = state;
        run = pending;
        runStartMs = sinceMs;
    }
}
