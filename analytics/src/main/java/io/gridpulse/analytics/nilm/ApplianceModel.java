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
 * @param treeShare weight of the trees in the estimate, the rest being the typical level: 1 (trees
 *     alone) or {@link #BLEND_TREE_SHARE} (neither carried over to held-back days on its own)
 */
public record ApplianceModel(String name, double onThresholdW, double meanW, double[] statesW,
                             List<Signature> signatures, GradientBoostedTrees regressor, HourlyLevels typicalW,
                             double treeShare) {
    /** The trees' weight in a blend of trees and typical level. */
    public static final double BLEND_TREE_SHARE = 0.5;
    /** {@link #estimateKind()}s, as the appliance API and {@code nilm eval} name them. */
    public static final String RECOGNISED = "recognised";
    public static final String TYPICAL_LEVEL = "typicalLevel";
    public static final String BLENDED = "blended";

    public ApplianceModel {
        signatures = List.copyOf(signatures);
        if (!(treeShare > 0 && treeShare <= 1) || (treeShare < 1 && typicalW == null)) {
            throw new IllegalArgumentException("tree share " + treeShare + " needs a typical level to blend with");
        }
    }

    /** An appliance without hourly levels (its constant regressor is its typical level). */
    public ApplianceModel(String name, double onThresholdW, double meanW, double[] statesW,
                          List<Signature> signatures, GradientBoostedTrees regressor) {
        this(name, onThresholdW, meanW, statesW, signatures, regressor, null, 1);
    }

    /** Estimated power (W) for one tick's features, before the cap to the aggregate. */
    double estimateW(float[] features, long tickMs) {
        if (typicalW == null) {
            return regressor.predict(features);
        }
        if (typicalLevelOnly()) {
            return typicalW.at(tickMs);
        }
        return treeShare * regressor.predict(features) + (1 - treeShare) * typicalW.at(tickMs);
    }

    /**
     * What an estimate says of the on/off state, to compare with {@link #onThresholdW}: the trees'
     * part of it, since a typical level follows the clock, not the signal (an "on" from it would be
     * a guess shown as an observation). So a typical-level appliance is never on, and a blend is on
     * when its trees are.
     */
    public double onEvidenceW(double estimateW, long tickMs) {
        if (typicalLevelOnly()) {
            return 0; // below every on threshold (at least 10 W)
        }
        if (treeShare == 1) {
            return estimateW;
        }
        return (estimateW - (1 - treeShare) * typicalW.at(tickMs)) / treeShare;
    }

    /** {@link #onEvidenceW(double, long)} of a whole series of estimates at these ticks. */
    public double[] onEvidenceW(double[] estimateW, long[] timestampsMs) {
        double[] evidence = new double[estimateW.length];
        for (int i = 0; i < estimateW.length; i++) {
            evidence[i] = onEvidenceW(estimateW[i], timestampsMs[i]);
        }
        return evidence;
    }

    /**
     * No trees were kept (too few training runs, or trees that lost to its typical level on
     * held-back days): the estimate is that level at every tick, its runs are not recognised.
     */
    public boolean typicalLevelOnly() {
        return regressor.treeCount() == 0;
    }

    /** Trees and typical level, half each: on held-back days the mix beat both alone. */
    public boolean blended() {
        return !typicalLevelOnly() && treeShare < 1;
    }

    /** How the estimate is made: {@link #TYPICAL_LEVEL}, {@link #BLENDED} or {@link #RECOGNISED} (trees alone). */
    public String estimateKind() {
        return typicalLevelOnly() ? TYPICAL_LEVEL : blended() ? BLENDED : RECOGNISED;
    }
}
