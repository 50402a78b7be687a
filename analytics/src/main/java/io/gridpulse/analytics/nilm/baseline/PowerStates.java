package io.gridpulse.analytics.nilm.baseline;

import java.util.Arrays;

/**
 * Discrete power states of an appliance by one-dimensional k-means (deterministic quantile
 * initialisation), as NILMTK's CO does before combining states.
 */
public final class PowerStates {
    private PowerStates() {}

    /**
     * Up to {@code k} ascending state centroids (W) of {@code powerW}; fewer when values coincide.
     * The lowest state is the appliance's "off" level.
     */
    public static double[] cluster(double[] powerW, int k) {
        int stride = Math.max(1, powerW.length / 50_000);
        double[] sample = new double[(powerW.length + stride - 1) / stride];
        for (int i = 0, j = 0; i < powerW.length; i += stride) {
            sample[j++] = powerW[i];
        }
        Arrays.sort(sample);
        if (sample.length == 0) {
            return new double[] {0};
        }
        double[] centroids = new double[k];
        for (int c = 0; c < k; c++) {
            centroids[c] = sample[(int) ((c + 0.5) * (sample.length - 1) / k)];
        }
        for (int iter = 0; iter < 50; iter++) {
            double[] sum = new double[k];
            int[] count = new int[k];
            for (double v : sample) {
                int c = nearest(centroids, v);
                sum[c] += v;
                count[c]++;
            }
            boolean moved = false;
            for (int c = 0; c < k; c++) {
                double next = count[c] == 0 ? centroids[c] : sum[c] / count[c];
                moved |= next != centroids[c];
                centroids[c] = next;
            }
            if (!moved) {
                break;
            }
        }
        return Arrays.stream(centroids).map(c -> Math.max(0, c)).distinct().sorted().toArray();
    }

    static int nearest(double[] centroids, double v) {
        int best = 0;
        for (int c = 1; c < centroids.length; c++) {
            if (Math.abs(v - centroids[c]) < Math.abs(v - centroids[best])) {
                best = c;
            }
        }
        return best;
    }
}
