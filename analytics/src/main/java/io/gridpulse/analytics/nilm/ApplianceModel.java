package io.gridpulse.analytics.nilm;

import io.gridpulse.analytics.nilm.event.SignatureClusterer.Signature;
import io.gridpulse.analytics.nilm.tree.GradientBoostedTrees;
import java.util.List;

/**
 * What was learned about one appliance from its sub-meter.
 *
 * @param name label from the dataset (e.g. REDD's {@code refrigerator}); lighting circuits merged
 * @param onThresholdW power above which the appliance counts as on (W), midway between its off
 *     state and its lowest on state, at least 10 W
 * @param meanW mean power over the training period (the Mean baseline's prediction)
 * @param statesW ascending power states (W) for the CO baseline
 * @param signatures clusters of the appliance's own step magnitudes
 * @param regressor power regressor over {@link io.gridpulse.analytics.nilm.feature.FeatureExtractor}
 *     features
 * @param typicalW the appliance's typical power by hour of the day, the estimate when the regressor
 *     has no trees; null in models of format version 2 and older (their constant regressor then)
 */
public record ApplianceModel(String name, double onThresholdW, double meanW, double[] statesW,
                             List<Signature> signatures, GradientBoostedTrees regressor, HourlyLevels typicalW) {
    public ApplianceModel {
        signatures = List.copyOf(signatures);
    }

    /** An appliance without hourly levels (its constant regressor is its typical level). */
    public ApplianceModel(String name, double onThresholdW, double meanW, double[] statesW,
                          List<Signature> signatures, GradientBoostedTrees regressor) {
        this(name, onThresholdW, meanW, statesW, signatures, regressor, null);
    }

    /** Estimated power (W) for one tick's features, before the cap to the aggregate. */
    double estimateW(float[] features, long tickMs) {
        return typicalLevelOnly() && typicalW != null ? typicalW.at(tickMs) : regressor.predict(features);
    }

    /**
     * Power above which the appliance's estimate reports it on (on/off events, on-periods): none
     * for a typical-level appliance, whose level by hour follows the clock, not the signal — an
     * "on" there would be a guess shown as an observation.
     */
    public double reportedOnThresholdW() {
        return typicalLevelOnly() ? Double.POSITIVE_INFINITY : onThresholdW;
    }

    /**
     * No trees were kept (too few training runs, or trees that lost to its typical level on
     * held-back days): the estimate is that level at every tick, its runs are not recognised.
     */
    public boolean typicalLevelOnly() {
        return regressor.treeCount() == 0;
    }
}
