package io.gridpulse.analytics.nilm.event;

import java.util.ArrayList;
import java.util.List;

/**
 * Detects appliance switching events as steps between steady states (Hart 1992 style). A steady
 * state is a run of at least {@code minSteadySamples} samples that stay within
 * {@code max(toleranceW, relativeTolerance * level)} of the run's mean; samples between two steady
 * states (start-up surges, ramps) are transients and are skipped. A step is reported when
 * consecutive steady means differ by at least {@code minStepW}; smaller level changes (drift) just
 * update the steady mean.
 *
 * <p>Deterministic; a fresh detector over the same samples always yields the same steps.
 */
public final class StepEventDetector {
    /** Default: 30 W steps, 15 W / 5 % steady band, 2 samples to confirm a steady state. */
    public static final StepEventDetector DEFAULT = new StepEventDetector(30, 15, 0.05, 2);

    private final double minStepW;
    private final double toleranceW;
    private final double relativeTolerance;
    private final int minSteadySamples;

    public StepEventDetector(double minStepW, double toleranceW, double relativeTolerance, int minSteadySamples) {
        if (minStepW <= 0 || toleranceW < 0 || relativeTolerance < 0 || minSteadySamples < 1) {
            throw new IllegalArgumentException("invalid detector parameters");
        }
        this.minStepW = minStepW;
        this.toleranceW = toleranceW;
        this.relativeTolerance = relativeTolerance;
        this.minSteadySamples = minSteadySamples;
    }

    public double minStepW() {
        return minStepW;
    }

    public double toleranceW() {
        return toleranceW;
    }

    public double relativeTolerance() {
        return relativeTolerance;
    }

    public int minSteadySamples() {
        return minSteadySamples;
    }

    /** All steps in {@code powerW[from..to)} (indices refer to the whole array). */
    public List<PowerStep> detect(double[] powerW, int from, int to) {
        List<PowerStep> steps = new ArrayList<>();
        if (to <= from) {
            return steps;
        }
        double steadySum = powerW[from];
        int steadyCount = 1;
        double candSum = 0;
        int candCount = 0;
        int candStart = -1;
        for (int i = from + 1; i < to; i++) {
            double x = powerW[i];
            double steadyMean = steadySum / steadyCount;
            if (candCount == 0) {
                if (Math.abs(x - steadyMean) <= band(steadyMean)) {
                    steadySum += x;
                    steadyCount++;
                } else {
                    candSum = x;
                    candCount = 1;
                    candStart = i;
                }
                continue;
            }
            double candMean = candSum / candCount;
            if (Math.abs(x - candMean) <= band(candMean)) {
                candSum += x;
                candCount++;
            } else if (Math.abs(x - steadyMean) <= band(steadyMean)) {
                candCount = 0; // a spike that returned to the old level
                steadySum += x;
                steadyCount++;
                continue;
            } else {
                candSum = x;
                candCount = 1;
                candStart = i;
            }
            if (candCount >= minSteadySamples) {
                double newMean = candSum / candCount;
                double delta = newMean - steadyMean;
                if (Math.abs(delta) >= minStepW) {
                    steps.add(new PowerStep(candStart, delta, steadyMean, newMean));
                }
                steadySum = candSum;
                steadyCount = candCount;
                candCount = 0;
            }
        }
        return steps;
    }

    /** All steps of a whole array. */
    public List<PowerStep> detect(double[] powerW) {
        return detect(powerW, 0, powerW.length);
    }

    private double band(double levelW) {
        return Math.max(toleranceW, relativeTolerance * Math.abs(levelW));
    }
}
