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
 */
public record ApplianceModel(String name, double onThresholdW, double meanW, double[] statesW,
                             List<Signature> signatures, GradientBoostedTrees regressor) {
    public ApplianceModel {
        signatures = List.copyOf(signatures);
    }

    /**
     * No trees were kept (too few training runs, or trees that lost to a constant on held-back
     * days): the estimate is the appliance's typical level at every tick, its runs are not recognised.
     */
    public boolean typicalLevelOnly() {
        return regressor.treeCount() == 0;
    }
}
