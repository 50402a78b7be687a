package io.gridpulse.analytics.nilm.event;

/**
 * A step between two steady states of a power signal.
 *
 * @param index sample index (in the analysed array) where the new steady state starts
 * @param deltaW {@code afterW - beforeW}; positive = something switched on
 * @param beforeW mean power of the steady state before the step (W)
 * @param afterW mean power of the steady state after the step (W), as first confirmed
 */
public record PowerStep(int index, double deltaW, double beforeW, double afterW) {
    public boolean isUp() {
        return deltaW > 0;
    }
}
