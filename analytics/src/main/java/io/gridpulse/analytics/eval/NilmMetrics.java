package io.gridpulse.analytics.eval;

import java.util.List;

/**
 * Standard NILM metrics over aligned series (same length, same ticks, watts).
 */
public final class NilmMetrics {
    private NilmMetrics() {}

    /** Mean absolute error (W). */
    public static double maeW(double[] truthW, double[] predictedW) {
        requireSameLength(truthW, predictedW);
        if (truthW.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < truthW.length; i++) {
            sum += Math.abs(truthW[i] - predictedW[i]);
        }
        return sum / truthW.length;
    }

    /**
     * F1 of the on/off state, on meaning power strictly above {@code onThresholdW}. NaN when the
     * appliance is never on in truth nor prediction (F1 undefined).
     */
    public static double f1(double[] truthW, double[] predictedW, double onThresholdW) {
        requireSameLength(truthW, predictedW);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < truthW.length; i++) {
            boolean t = truthW[i] > onThresholdW;
            boolean p = predictedW[i] > onThresholdW;
            if (t && p) {
                tp++;
            } else if (p) {
                fp++;
            } else if (t) {
                fn++;
            }
        }
        if (tp + fp + fn == 0) {
            return Double.NaN;
        }
        return 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /**
     * Energy-assigned accuracy (Kolter &amp; Johnson 2011):
     * {@code 1 - Σ_t Σ_i |ŷ_i(t) - y_i(t)| / (2 Σ_t ȳ(t))}, where the components {@code i} should
     * cover the whole aggregate {@code ȳ} (include an "unidentified" remainder).
     */
    public static double energyAssignedAccuracy(List<double[]> truthW, List<double[]> predictedW,
                                                double[] aggregateW) {
        if (truthW.size() != predictedW.size()) {
            throw new IllegalArgumentException("truth and prediction list different components");
        }
        double error = 0;
        for (int c = 0; c < truthW.size(); c++) {
            requireSameLength(truthW.get(c), predictedW.get(c));
            requireSameLength(truthW.get(c), aggregateW);
            for (int i = 0; i < aggregateW.length; i++) {
                error += Math.abs(predictedW.get(c)[i] - truthW.get(c)[i]);
            }
        }
        double total = 0;
        for (double w : aggregateW) {
            total += w;
        }
        return total <= 0 ? Double.NaN : 1 - error / (2 * total);
    }

    /** Energy (kWh) of a series sampled every {@code stepMs}. */
    public static double energyKwh(double[] powerW, long stepMs) {
        double sum = 0;
        for (double w : powerW) {
            sum += w;
        }
        return sum * stepMs / 3_600_000.0 / 1000.0;
    }

    private static void requireSameLength(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("series differ in length: " + a.length + " vs " + b.length);
        }
    }
}
